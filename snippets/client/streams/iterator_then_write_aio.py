"""Forbidden: write() on a grpc.aio call that was given a request iterator."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def names():
    yield greeter_pb2.HelloRequest(name="from the iterator")


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings(names(), timeout=5)  # (1)!
        written = greeter_pb2.HelloRequest(name="written")
        try:
            await call.write(written)  # (2)!
        finally:
            print(
                "the call still ends normally; the server got:",
                (await call).names,
            )


if __name__ == "__main__":
    asyncio.run(main())
