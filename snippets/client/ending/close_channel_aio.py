"""Allowed: channel.close() ends a stream; its reader gets CancelledError."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as monitor_channel:
        monitor = greeter_pb2_grpc.MonitorStub(monitor_channel)
        before = (
            await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
        ).finished

        channel = grpc.aio.insecure_channel(server_address())
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=500
        )
        call = greeter.StreamGreetings(endless, timeout=30)
        first_reply = asyncio.Event()

        async def read() -> None:
            while True:
                await call.read()  # (1)!
                first_reply.set()

        reader = asyncio.create_task(read())
        await asyncio.wait_for(first_reply.wait(), timeout=5)
        print(
            "server: handlers running",
            (
                await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
            ).active,
        )

        await channel.close()  # (2)!
        done, _ = await asyncio.wait([reader], timeout=3)
        if not done:  # the stream outlived its channel: end it, then say so
            call.cancel()
            await asyncio.wait([reader])
        assert done, "channel.close() left the stream running: 3 s later"
        print("reader task cancelled:", reader.cancelled())
        print("status:", await call.code(), repr(await call.details()))  # (3)!
        after = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        ended = {
            outcome: n - before[outcome]
            for outcome, n in after.finished.items()
            if n > before[outcome]
        }
        print("after close: handlers running", after.active, "| ended", ended)


if __name__ == "__main__":
    asyncio.run(main())
