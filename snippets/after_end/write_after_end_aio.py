"""Forbidden: call.write() after the end raises InvalidStateError."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings(timeout=1)
        await call.write(greeter_pb2.HelloRequest(name="first"))
        print("the call ended:", await call.code())  # its deadline, 1 s
        await call.write(greeter_pb2.HelloRequest(name="late"))  # (1)!


if __name__ == "__main__":
    asyncio.run(main())
