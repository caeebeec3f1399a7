"""Allowed: each aio handler is a task on the server's event loop."""

import asyncio
import threading

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.both_running = asyncio.Barrier(2)
        self.tasks = set()

    async def StreamGreetings(self, request, context):
        await self.both_running.wait()  # both handlers run at the same time
        self.tasks.add(asyncio.current_task())  # (1)!
        for index in range(request.count):
            yield greeter_pb2.HelloReply(
                message=threading.current_thread().name,  # (2)!
                index=index,
            )


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)

        async def read(stream) -> set[str]:
            return {reply.message async for reply in stream}

        request = greeter_pb2.StreamRequest(count=5)
        threads = await asyncio.gather(
            *(read(stub.StreamGreetings(request, timeout=5)) for _ in range(2))
        )
    await server.stop(0)
    print("event loop thread:", threading.current_thread().name)
    print("handler threads:", sorted(set.union(*threads)))
    print("handler tasks:", len(greeter.tasks))


if __name__ == "__main__":
    asyncio.run(main())
