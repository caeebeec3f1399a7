"""Forbidden: an async handler awaits between read and write: lost updates."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Counter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.count = 0
        self.all_read = asyncio.Barrier(4)

    async def SayHello(self, request, context):
        value = self.count  # read
        await self.all_read.wait()  # (1)!
        self.count = value + 1  # write
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    counter = Counter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(counter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        await asyncio.gather(
            *(
                stub.SayHello(
                    greeter_pb2.HelloRequest(name=str(n)), timeout=10
                )
                for n in range(4)
            )
        )
    await server.stop(0)
    assert counter.count == 4, f"4 calls, but the counter is {counter.count}"


if __name__ == "__main__":
    asyncio.run(main())
