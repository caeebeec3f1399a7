"""Allowed: end an aio handler with context.abort() when it has to give up.

The same inner task is cancelled; the handler catches the CancelledError and
calls await context.abort(grpc.StatusCode.CANCELLED, ...). The client gets that
status at once, instead of waiting for its deadline.
"""

import asyncio
import time

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def SayHello(self, request, context):
        lookup = asyncio.create_task(asyncio.sleep(10))  # e.g. a shared fetch
        lookup.cancel()  # cancelled elsewhere, e.g. by a cache's shutdown
        try:
            await lookup
        except asyncio.CancelledError:  # (1)!
            detail = "the lookup was cancelled"
            await context.abort(grpc.StatusCode.CANCELLED, detail)  # (2)!
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        start = time.monotonic()
        try:
            request = greeter_pb2.HelloRequest(name="you")
            await greeter.SayHello(request, timeout=5)
        except grpc.aio.AioRpcError as error:
            print("client:", error.code().name, repr(error.details()))
        print("within 0.5 s:", time.monotonic() - start < 0.5)
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
