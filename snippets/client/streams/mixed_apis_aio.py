"""Forbidden: read one grpc.aio stream with async for, then with read()."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.StreamGreetings(
            greeter_pb2.StreamRequest(name="x", count=3), timeout=5
        )
        async for reply in call:  # (1)!
            print("async for got message", reply.index)
            break
        await call.read()  # (2)!


if __name__ == "__main__":
    asyncio.run(main())
