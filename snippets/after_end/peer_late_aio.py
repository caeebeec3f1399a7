"""Forbidden: context.peer() after the RPC has ended kills the process."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None
        self.ended = asyncio.Event()

    async def SayHello(self, request, context):
        self.kept = context  # e.g. kept for a log line written later
        # this one runs once the RPC has ended
        context.add_done_callback(lambda _: self.ended.set())
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.HelloRequest(name="A")
        reply = await stub.SayHello(request, timeout=5)
        print("the client got", repr(reply.message), flush=True)
        # the server is done with the RPC
        await asyncio.wait_for(greeter.ended.wait(), timeout=5)
        print("calling context.peer()", flush=True)
        print("context.peer() =", greeter.kept.peer(), flush=True)  # (1)!
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
