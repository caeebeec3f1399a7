"""Forbidden: count a completed `await call.write()` as received by the server.

The server reads one request, then stops reading. write() still completes for
dozens of 64 KB requests: they are only in grpcio's buffers, a few megabytes,
until a write finally waits (here: for more than a second). grpcio raises
nothing.
"""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PAYLOAD = "x" * 65536  # 64 KB per request


class SlowReader(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.read = 0
        self.resume = asyncio.Event()

    async def CollectGreetings(self, request_iterator, context):
        async for _ in request_iterator:
            self.read += 1
            if self.read == 1:
                await self.resume.wait()  # the server stops reading
        return greeter_pb2.GreetingSummary(count=self.read)


async def main() -> None:
    reader = SlowReader()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(reader, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            call = stub.CollectGreetings(timeout=30)
            completed = 0
            while True:
                name = f"{completed}:" + PAYLOAD
                request = greeter_pb2.HelloRequest(name=name)
                write = asyncio.ensure_future(call.write(request))  # (1)!
                done, _ = await asyncio.wait([write], timeout=1)
                if not done:  # (2)!
                    break
                completed += 1
            label = "write() completed for more than 20 requests (over 1 MB):"
            print(label, completed > 20)
            print("the server had read:", reader.read)  # (3)!
            call.cancel()
            await asyncio.gather(write, return_exceptions=True)
            assert completed == reader.read, (
                "every request whose write() completed should have been read"
            )
    finally:
        reader.resume.set()
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
