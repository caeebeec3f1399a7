"""Allowed: grpc.aio adds no thread per call, only one poller thread."""

import asyncio
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def pollers() -> int:
    return sum(
        thread.name.endswith("(_poll_wrapper)")
        for thread in threading.enumerate()
    )


async def eight_streams(channel: grpc.aio.Channel) -> None:
    async with channel:
        print("channel open; poller threads:", pollers())
        before = set(threading.enumerate())
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.StreamRequest(
            name="stream", count=0, interval_ms=50
        )
        calls = [stub.StreamGreetings(request, timeout=10) for _ in range(5)]
        calls += [stub.Chat(timeout=10) for _ in range(3)]
        for chat in calls[5:]:
            await chat.write(greeter_pb2.HelloRequest(name="chat"))
        for call in calls:
            await call.read()
        print(
            "8 streams open; threads they added:",
            len(set(threading.enumerate()) - before),  # (1)!
        )
        for call in calls:
            call.cancel()


async def main() -> None:
    print("no aio channel yet; poller threads:", pollers())
    channel = grpc.aio.insecure_channel(server_address())  # (2)!
    await eight_streams(channel)  # closes the channel
    await asyncio.sleep(1)
    print("channel closed 1 s ago; poller threads:", pollers())
    del channel  # (3)!
    for _ in range(100):
        if not pollers():
            break
        await asyncio.sleep(0.05)
    print("channel object gone; poller threads:", pollers())
    assert not pollers(), "the poller thread outlived every aio channel"


if __name__ == "__main__":
    asyncio.run(main())
