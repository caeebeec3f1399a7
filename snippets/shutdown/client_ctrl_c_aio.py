"""Allowed: Ctrl-C reaches an aio client on a stream and cancels the call.

Under asyncio.run(), SIGINT cancels the main task: the `async for` raises
CancelledError, which also cancels the call, so the stream is closed on the
server at once. asyncio.run() then raises KeyboardInterrupt.
"""

import signal
import subprocess
import sys
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def client() -> None:
    """The client process."""
    import asyncio

    async def run() -> None:
        async with grpc.aio.insecure_channel(server_address()) as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            slow = greeter_pb2.StreamRequest(
                name="slow", count=0, interval_ms=30_000
            )
            call = greeter.StreamGreetings(slow, timeout=60)
            try:
                print("client: waiting for a message", flush=True)
                async for reply in call:
                    print(reply.message, flush=True)
            except asyncio.CancelledError:  # (1)!
                cancelled = call.cancelled()
                print(
                    "client: CancelledError in async for; call.cancelled():",
                    cancelled,
                    flush=True,
                )
                raise

    # Ctrl-C raises KeyboardInterrupt, as Python sets it up by default
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        asyncio.run(run())
    except KeyboardInterrupt:
        print("client: asyncio.run() raised KeyboardInterrupt", flush=True)


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        child = subprocess.Popen(
            [sys.executable, __file__, "--client"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            print(child.stdout.readline().strip())
            opened = greeter_pb2.WaitRequest(active=1, timeout_ms=5000)
            monitor.WaitForActive(opened, timeout=6)  # the server is streaming
            time.sleep(0.5)  # the client awaits the message meanwhile
            start = time.monotonic()
            child.send_signal(signal.SIGINT)  # what Ctrl-C sends
            line = child.stdout.readline().strip()
            print(line, "| within 1 s:", time.monotonic() - start < 1)
            print(child.stdout.readline().strip())
            wait = greeter_pb2.WaitRequest(active=0, timeout_ms=3000)
            stats = monitor.WaitForActive(wait, timeout=5)
            print("streams open on the server:", stats.active)
            print("client process exit status:", child.wait(timeout=10))
        finally:
            child.kill()
            child.communicate()


if __name__ == "__main__":
    client() if sys.argv[1:] == ["--client"] else main()
