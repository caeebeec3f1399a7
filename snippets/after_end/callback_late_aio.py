"""Forbidden: add_done_callback() after the RPC ended: no error, never run."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None
        self.ended = asyncio.Event()

    async def SayHello(self, request, context):
        self.kept = context
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
        await stub.SayHello(greeter_pb2.HelloRequest(name="A"), timeout=5)
        # the server is done with the RPC
        await asyncio.wait_for(greeter.ended.wait(), timeout=5)
        ran = asyncio.Event()
        print("done():", greeter.kept.done())
        added = greeter.kept.add_done_callback(lambda _: ran.set())  # (1)!
        print("add_done_callback() returned:", added)
        try:
            await asyncio.wait_for(ran.wait(), timeout=1)
        except TimeoutError:
            pass
        print("the callback ran within 1 s:", ran.is_set())
    await server.stop(0)
    assert ran.is_set(), (
        "the callback was accepted without a word and never ran"
    )


if __name__ == "__main__":
    asyncio.run(main())
