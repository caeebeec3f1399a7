"""Allowed: an asyncio.Lock around a read-modify-write that awaits."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Counter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.count = 0
        self.lock = asyncio.Lock()
        self.all_running = asyncio.Barrier(4)

    async def SayHello(self, request, context):
        await self.all_running.wait()  # the 4 handlers run at the same time
        async with self.lock:  # (1)!
            value = self.count
            await asyncio.sleep(0.05)  # (2)!
            self.count = value + 1
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
    print("4 calls, counter:", counter.count)


if __name__ == "__main__":
    asyncio.run(main())
