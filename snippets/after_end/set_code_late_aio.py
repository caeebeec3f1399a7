"""Forbidden: set_code() after the handler has returned changes nothing."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None

    async def SayHello(self, request, context):
        self.kept = context  # e.g. for a background task that reports later
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.SayHello(greeter_pb2.HelloRequest(name="job"), timeout=5)
        await call
        greeter.kept.set_code(grpc.StatusCode.INTERNAL)  # (1)!
        greeter.kept.set_details("the job failed")
        print("the server context now says:", greeter.kept.code())
        print("the client got:", await call.code())  # (2)!
    await server.stop(0)
    assert await call.code() == greeter.kept.code(), (
        "the client never learns of it"
    )


if __name__ == "__main__":
    asyncio.run(main())
