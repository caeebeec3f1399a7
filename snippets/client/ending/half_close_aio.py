"""Forbidden: done_writing() alone does not release a call that is still running."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)

        call = greeter.Chat(timeout=30)
        await call.write(greeter_pb2.HelloRequest(name="slow", delay_ms=60_000))  # the server answers in a minute
        await call.done_writing()  # half-close
        # Done with it: no reads, no cancel().

        stats = await monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5)
        print("server, 1 s later: handlers running", stats.active)
        assert stats.active == 0, f"stream not released: the server still runs {stats.active} handler(s)"


if __name__ == "__main__":
    asyncio.run(main())
