"""Allowed: one grpc.aio channel shared by 20 tasks of one event loop."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)

        async def greet(n: int) -> str:
            reply = await greeter.SayHello(
                greeter_pb2.HelloRequest(name=f"task {n}", delay_ms=100),
                timeout=5,
            )
            return reply.message

        calls = asyncio.gather(*(greet(n) for n in range(20)))  # (1)!
        stats = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=20, timeout_ms=3000), timeout=5
        )
        print("handlers running at once on the server:", stats.active)
        replies = await calls
    print(len(replies), "replies;", replies[0], "...", replies[-1])


if __name__ == "__main__":
    asyncio.run(main())
