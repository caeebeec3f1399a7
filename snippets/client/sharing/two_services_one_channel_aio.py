"""Allowed: two services on one grpc.aio channel (Greeter, Monitor)."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)  # (1)!

        async def read_stream(n: int) -> int:
            request = greeter_pb2.StreamRequest(
                name=f"stream {n}", count=5, interval_ms=50
            )
            return len(
                [
                    reply
                    async for reply in greeter.StreamGreetings(
                        request, timeout=5
                    )
                ]
            )

        streams = asyncio.gather(*(read_stream(n) for n in range(4)))
        stats = await monitor.WaitForActive(  # (2)!
            greeter_pb2.WaitRequest(active=4, timeout_ms=3000), timeout=5
        )
        print("server handlers running now:", dict(stats.active_by_method))
        print("replies per stream:", await streams)


if __name__ == "__main__":
    asyncio.run(main())
