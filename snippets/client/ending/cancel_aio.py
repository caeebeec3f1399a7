"""Allowed: call.cancel() ends a stream; a later read() is cancelled."""

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

        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=100
        )
        call = greeter.StreamGreetings(endless, timeout=30)
        await call.read()
        print(
            "server: handlers running",
            (
                await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
            ).active,
        )

        print("cancel():", call.cancel())  # (1)!
        try:
            await call.read()
        except asyncio.CancelledError as error:  # (2)!
            print(
                "next read: CancelledError | a grpc.RpcError:",
                isinstance(error, grpc.RpcError),
            )
        print("status:", await call.code(), repr(await call.details()))  # (3)!
        after = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        ended = {
            outcome: n - before[outcome]
            for outcome, n in after.finished.items()
            if n > before[outcome]
        }
        print("after cancel: handlers running", after.active, "| ended", ended)


if __name__ == "__main__":
    asyncio.run(main())
