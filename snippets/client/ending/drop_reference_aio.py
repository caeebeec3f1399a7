"""Forbidden: del and gc.collect() do not release a grpc.aio stream."""

import asyncio
import gc
import weakref

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
        call = greeter.StreamGreetings(endless, timeout=30)
        await call.read()
        alive = weakref.ref(call)

        del call  # (1)!
        gc.collect()
        print("call object still alive:", alive() is not None)  # (2)!
        stats = await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5
        )
        print("server, 1 s later: handlers running", stats.active)
        assert stats.active == 0, (  # (3)!
            "stream not released: the server still runs"
            f" {stats.active} handler(s)"
        )


if __name__ == "__main__":
    asyncio.run(main())
