"""Allowed: aio handlers that keep sending after a cancel are stopped.

Two endless senders, cancelled by their clients while the clients have stopped
reading. An async-generator handler gets GeneratorExit at its yield. A handler
looping on context.write() gets an exception from the pending write, and it is
not a grpc.RpcError: grpc._cython.cygrpc.ExecuteBatchError. For both, grpc.aio
logs an error that names the method.
"""

import asyncio
import logging

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

BIG = "x" * 65536


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.report = {}
        self.finished = asyncio.Event()

    def record(self, method: str, what: str) -> None:
        self.report[method] = what
        if len(self.report) == 2:
            self.finished.set()

    async def StreamGreetings(self, request, context):
        try:
            for index in range(100_000):  # never looks at the context
                yield greeter_pb2.HelloReply(message=BIG, index=index)  # (1)!
        except GeneratorExit:
            self.record(
                "StreamGreetings (yield)", "GeneratorExit at its yield"
            )
            raise

    async def Chat(self, request_iterator, context):
        try:
            for index in range(100_000):  # never looks at the context
                reply = greeter_pb2.HelloReply(message=BIG, index=index)
                await context.write(reply)  # (2)!
        except Exception as error:
            kind = type(error)
            name = f"{kind.__module__}.{kind.__name__}"
            self.record("Chat (context.write)", name)
            raise


async def main() -> None:
    captured = Records()
    logger = logging.getLogger("grpc._cython.cygrpc")
    logger.addHandler(captured)
    try:
        await run(captured)
    finally:
        logger.removeHandler(captured)


async def run(captured: Records) -> None:
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
    for method in sorted(greeter.report):
        print(f"{method}: {greeter.report[method]}")
    for message in sorted(record.getMessage() for record in captured.records):
        head, _, method = message.partition(" [")  # two lines, to fit
        print("grpc.aio logged:", head)
        print(f"  [{method}")


if __name__ == "__main__":
    asyncio.run(main())
