"""Forbidden: done_writing() and stop: the client's call does not end."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def finished_ok(monitor) -> int:
    """How many Greeter handlers of the server have ended as ok so far."""
    stats = await monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
    return stats.finished["ok"]


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        ok_before = await finished_ok(monitor)

        call = greeter.Chat(timeout=30)
        # One request, answered at once, then a half-close.
        await call.write(greeter_pb2.HelloRequest(name="quick"))
        await call.done_writing()  # (1)!
        # Done with it: no reads, no cancel().

        loop = asyncio.get_running_loop()
        deadline = loop.time() + 5
        while (
            await finished_ok(monitor) == ok_before and loop.time() < deadline
        ):
            await asyncio.sleep(0.05)
        ended = await finished_ok(monitor) == ok_before + 1
        print("server: the handler has ended as ok:", ended)
        await asyncio.sleep(1)
        print("client, 1 s later: the call is done:", call.done())  # (2)!
        assert call.done(), (
            "the server's handler ended; the client's call is not done"
        )


if __name__ == "__main__":
    asyncio.run(main())
