"""Forbidden: let asyncio.CancelledError escape an aio handler.

Here the handler awaits an inner task that another part of the program
cancelled. grpc.aio treats the CancelledError as the end of the RPC and sends
no status at all: the client waits until its deadline, DEADLINE_EXCEEDED.
"""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def SayHello(self, request, context):
        lookup = asyncio.create_task(asyncio.sleep(10))  # e.g. a shared fetch
        lookup.cancel()  # cancelled elsewhere, e.g. by a cache's shutdown
        await lookup  # (1)!
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name="you")
            await greeter.SayHello(request, timeout=1)  # (2)!
    finally:
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
