"""Allowed: tasks feed one server stream through a queue; one task writes."""

import asyncio
from collections import Counter

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def StreamGreetings(self, request, context):
        outbox = asyncio.Queue()

        async def produce(name: str) -> None:
            for index in range(request.count):
                await outbox.put(
                    greeter_pb2.HelloReply(
                        message=f"Hello from {name}!", index=index
                    )
                )
                await asyncio.sleep(0)  # let the other producers run

        producers = asyncio.gather(*(produce(f"task {n}") for n in range(3)))
        for _ in range(3 * request.count):
            await context.write(await outbox.get())  # (1)!
        await producers


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.StreamGreetings(
            greeter_pb2.StreamRequest(count=100), timeout=10
        )
        replies = [reply async for reply in call]
    await server.stop(0)
    print(len(replies), "replies")
    print(sorted(Counter(reply.message for reply in replies).items()))


if __name__ == "__main__":
    asyncio.run(main())
