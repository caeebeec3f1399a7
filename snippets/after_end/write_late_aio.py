"""Forbidden: context.write() after the handler returned raises UsageError."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None

    async def StreamGreetings(self, request, context):
        self.kept = context  # e.g. handed to a task that sends more later
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.StreamRequest(name="A")
            call = stub.StreamGreetings(request, timeout=5)
            print("the client got:", [reply.message async for reply in call])
            print("and the status:", await call.code())
            late = greeter_pb2.HelloReply(message="one more")
            await greeter.kept.write(late)  # (1)!
    finally:
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
