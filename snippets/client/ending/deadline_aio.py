"""Allowed: a deadline ends an endless stream with DEADLINE_EXCEEDED."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)

        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=100
        )
        call = greeter.StreamGreetings(endless, timeout=1)  # (1)!
        await call.read()
        print(
            "server: handlers running",
            (
                await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
            ).active,
        )
        try:
            while True:
                await call.read()
        except grpc.aio.AioRpcError as error:
            print("reader:", error.code())  # (2)!

        after = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        print("after the deadline: handlers running", after.active)


if __name__ == "__main__":
    asyncio.run(main())
