"""Allowed: a grace longer than the running call lets the call finish."""

import asyncio

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
        # a 1 s call, running on the server when it stops
        slow = greeter.SayHello(
            greeter_pb2.HelloRequest(name="slow", delay_ms=1000), timeout=10
        )
        await monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=1, timeout_ms=3000), timeout=5
        )
        await server.stop(grace=5)  # (1)!
        print((await slow).message)


if __name__ == "__main__":
    asyncio.run(main())
