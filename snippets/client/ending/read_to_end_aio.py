"""Allowed: reading a stream until it ends releases it."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        before = (
            await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
        ).finished

        request = greeter_pb2.StreamRequest(
            name="reader", count=3, interval_ms=50
        )
        replies = [
            reply.index
            async for reply in greeter.StreamGreetings(
                request, timeout=10
            )  # (1)!
        ]
        print("replies:", replies)

        after = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        ended = {
            outcome: n - before[outcome]
            for outcome, n in after.finished.items()
            if n > before[outcome]
        }
        print("server: handlers running", after.active, "| ended", ended)


if __name__ == "__main__":
    asyncio.run(main())
