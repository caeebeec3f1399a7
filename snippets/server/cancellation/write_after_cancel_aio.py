"""Allowed: aio handlers that keep sending after a cancel are stopped.

Two endless senders, cancelled by their clients while the clients have stopped
reading. An async-generator handler gets GeneratorExit at its yield. A handler
looping on context.write() gets an exception from the pending write, and it is
never a grpc.RpcError: grpc._cython.cygrpc.ExecuteBatchError or, depending on
timing, asyncio.CancelledError, which an `except Exception` does not catch.
"""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

BIG = "x" * 65536
WRITE_ERRORS = ("ExecuteBatchError", "CancelledError")  # either, by timing


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.report = {}
        self.finished = asyncio.Event()

    def record(self, method: str, error: BaseException) -> None:
        self.report[method] = error
        if len(self.report) == 2:
            self.finished.set()

    async def StreamGreetings(self, request, context):
        try:
            for index in range(100_000):  # never looks at the context
                yield greeter_pb2.HelloReply(message=BIG, index=index)  # (1)!
        except GeneratorExit as error:
            self.record("StreamGreetings (yield)", error)
            raise

    async def Chat(self, request_iterator, context):
        try:
            for index in range(100_000):  # never looks at the context
                reply = greeter_pb2.HelloReply(message=BIG, index=index)
                await context.write(reply)  # (2)!
        except BaseException as error:  # CancelledError is no Exception
            self.record("Chat (context.write)", error)
            raise


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        stream = stub.StreamGreetings(greeter_pb2.StreamRequest(), timeout=15)
        chat = stub.Chat(timeout=15)
        for call in (stream, chat):
            await call.read()  # one message, then the client stops reading
        await asyncio.sleep(0.5)  # both handlers keep sending meanwhile
        for call in (stream, chat):
            call.cancel()
        await asyncio.wait_for(greeter.finished.wait(), timeout=5)
    await server.stop(0)
    for error in greeter.report.values():
        assert not isinstance(error, grpc.RpcError), error
    generator_error = greeter.report["StreamGreetings (yield)"]
    write_error = type(greeter.report["Chat (context.write)"]).__name__
    assert write_error in WRITE_ERRORS, write_error
    print("StreamGreetings (yield):", type(generator_error).__name__)
    print("Chat (context.write):", " or ".join(WRITE_ERRORS))
    print("neither is a grpc.RpcError")


if __name__ == "__main__":
    asyncio.run(main())
