"""Allowed: cancel() on a finished call returns False and changes nothing."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.SayHello(greeter_pb2.HelloRequest(name="A"), timeout=5)
        print("unary:", (await call).message)
        cancelled = call.cancel()  # (1)!
        print("  cancel():", cancelled, "| code():", await call.code())
        request = greeter_pb2.StreamRequest(name="B", count=2)
        stream = stub.StreamGreetings(request, timeout=5)
        print("stream:", [reply.message async for reply in stream])
        cancelled = stream.cancel()
        print("  cancel():", cancelled, "| code():", await stream.code())
        eof = await stream.read() is grpc.aio.EOF  # (2)!
        print("  read() again returns EOF:", eof)


if __name__ == "__main__":
    asyncio.run(main())
