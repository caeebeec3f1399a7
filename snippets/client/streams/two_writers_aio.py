"""Forbidden: write() on a grpc.aio stream while another write pends."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

DEADLINE = 5  # seconds, for the Chat call


async def handlers_after(monitor, seconds: float) -> int:
    """How many Greeter handlers the server still runs `seconds` later."""
    request = greeter_pb2.WaitRequest(active=0, timeout_ms=int(seconds * 1000))
    return (await monitor.WaitForActive(request, timeout=seconds + 5)).active


async def main() -> None:
    loop = asyncio.get_running_loop()
    # Monitor calls use a channel of their own: the other one gets closed.
    async with grpc.aio.insecure_channel(server_address()) as monitor_channel:
        monitor = greeter_pb2_grpc.MonitorStub(monitor_channel)
        channel = grpc.aio.insecure_channel(server_address())
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        started = loop.time()
        call = greeter.Chat(timeout=DEADLINE)
        slow = greeter_pb2.HelloRequest(name="slow", delay_ms=3000)
        await call.write(slow)  # the server stops reading for 3 s

        async def send_bulk() -> None:
            while True:  # 1 MB after 1 MB, until flow control holds a write
                await call.write(
                    greeter_pb2.HelloRequest(name="x" * 1_000_000)
                )

        bulk = asyncio.create_task(send_bulk())  # (1)!
        await asyncio.sleep(1)  # by now its write waits for flow control
        try:
            await call.write(greeter_pb2.HelloRequest(name="urgent"))  # (2)!
        except grpc.aio.AioRpcError as error:
            print("core:", error.debug_error_string())
            print("call.cancel() returns:", call.cancel())
            print(
                "the client's call is over:",
                call.done(),
                (await call.code()).name,
            )
            running = await handlers_after(monitor, 1)
            print("server handlers still running 1 s later:", running)
            try:
                await bulk
            except asyncio.InvalidStateError as other:
                print("the first writer then gets:", repr(other))
            await channel.close()  # (3)!
            print(
                "1 s after channel.close():", await handlers_after(monitor, 1)
            )
            left = await handlers_after(
                monitor, DEADLINE + 2 - (loop.time() - started)
            )
            at_deadline = left == 0 and loop.time() - started >= DEADLINE - 0.5
            print(
                "the handler ended when the call's deadline passed:",
                at_deadline,
            )
            raise


if __name__ == "__main__":
    asyncio.run(main())
