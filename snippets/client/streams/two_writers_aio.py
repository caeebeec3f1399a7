"""Forbidden: a second task writes to a grpc.aio stream while another task's write is pending."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        call = greeter.Chat(timeout=5)
        await call.write(greeter_pb2.HelloRequest(name="slow", delay_ms=3000))  # server stops reading for 3 s

        async def send_bulk() -> None:
            while True:  # 1 MB after 1 MB, until flow control holds a write
                await call.write(greeter_pb2.HelloRequest(name="x" * 1_000_000))

        bulk = asyncio.create_task(send_bulk())
        await asyncio.sleep(1)  # by now its write waits for flow control
        try:
            await call.write(greeter_pb2.HelloRequest(name="urgent"))  # a second writer
        except grpc.aio.AioRpcError as error:
            print("core:", error.debug_error_string())
            print("call.cancel() returns:", call.cancel())
            stats = await monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5)
            print("server handlers still running 1 s later:", stats.active)
            try:
                await bulk
            except asyncio.InvalidStateError as other:
                print("the first writer then gets:", repr(other))
            raise


if __name__ == "__main__":
    asyncio.run(main())
