"""Forbidden: blocking code in one coroutine stalls every RPC on the loop."""

import asyncio
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        await stub.SayHello(
            greeter_pb2.HelloRequest(name="warm-up"), timeout=5
        )

        async def heartbeat() -> None:
            # 1 s is plenty for the server, unless the loop is blocked
            await stub.SayHello(  # (1)!
                greeter_pb2.HelloRequest(name="heartbeat"), timeout=1
            )

        async def work() -> None:
            time.sleep(2)  # (2)!

        await asyncio.gather(heartbeat(), work())


if __name__ == "__main__":
    asyncio.run(main())
