"""Allowed: blocking work in asyncio.to_thread(); the loop serves RPCs."""

import asyncio
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        replies = 0

        async def heartbeat(stop: asyncio.Event) -> None:
            nonlocal replies
            while not stop.is_set():
                await stub.SayHello(
                    greeter_pb2.HelloRequest(name="heartbeat"), timeout=1
                )
                replies += 1
                await asyncio.sleep(0.1)

        async def work(stop: asyncio.Event) -> None:
            await asyncio.to_thread(time.sleep, 2)  # (1)!
            stop.set()

        stop = asyncio.Event()
        await asyncio.gather(heartbeat(stop), work(stop))
    print("heartbeats answered while the work ran: at least 5?", replies >= 5)


if __name__ == "__main__":
    asyncio.run(main())
