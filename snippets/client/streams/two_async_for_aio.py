"""Forbidden: two tasks iterate one grpc.aio stream with async for."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.StreamGreetings(
            greeter_pb2.StreamRequest(name="x", count=3, interval_ms=300),
            timeout=5,
        )

        async def read_all() -> list[int]:
            return [reply.index async for reply in call]

        first = asyncio.create_task(read_all())
        await asyncio.sleep(0.1)  # (1)!
        try:
            await read_all()  # (2)!
        finally:
            print("the first task read:", await first)


if __name__ == "__main__":
    asyncio.run(main())
