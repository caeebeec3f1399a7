"""Forbidden: a grpc.aio channel from one asyncio.run() used in the next."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def open_channel() -> grpc.aio.Channel:
    return grpc.aio.insecure_channel(server_address())


async def greet(channel: grpc.aio.Channel) -> str:
    reply = await greeter_pb2_grpc.GreeterStub(channel).SayHello(
        greeter_pb2.HelloRequest(name="again"), timeout=5
    )
    return reply.message


if __name__ == "__main__":
    channel = asyncio.run(open_channel())  # (1)!
    print(asyncio.run(greet(channel)))  # (2)!
