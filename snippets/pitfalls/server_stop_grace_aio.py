"""Forbidden to rely on: server.stop(grace) cancels what still runs."""

import asyncio
import time

import grpc

from guide_server.aio_servicers import Greeter, Monitor
from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    server = grpc.aio.server()
    tracker = HandlerTracker()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(tracker), server)
    greeter_pb2_grpc.add_MonitorServicer_to_server(Monitor(tracker), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        # a 5 s call, running on the server when it stops
        slow = greeter.SayHello(
            greeter_pb2.HelloRequest(name="slow", delay_ms=5000), timeout=10
        )
        await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=1, timeout_ms=3000), timeout=5
        )
        start = time.monotonic()
        await server.stop(grace=0.5)  # (1)!
        try:
            await slow  # (2)!
        finally:
            print(
                "the call ended 0.4 to 2 s after stop():",
                0.4 < time.monotonic() - start < 2,
            )


if __name__ == "__main__":
    asyncio.run(main())
