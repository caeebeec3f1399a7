"""Forbidden: write() on a grpc.aio stream after done_writing()."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings(timeout=5)
        await call.write(greeter_pb2.HelloRequest(name="first"))
        await call.done_writing()  # (1)!
        try:
            await call.write(greeter_pb2.HelloRequest(name="late"))  # (2)!
        finally:
            print("the server received:", list((await call).names))


if __name__ == "__main__":
    asyncio.run(main())
