"""Forbidden: let an aio request iterator raise: await raises CancelledError.

grpc.aio consumes the iterator in a task of its own. When it raises, grpc.aio
cancels the call, so `await call` raises asyncio.CancelledError, which code
that catches Exception or grpc.RpcError does not catch. The iterator's
exception is logged by 'grpc.aio._call' at DEBUG level only.
"""

import asyncio
import logging

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


async def requests():
    yield greeter_pb2.HelloRequest(name="a")
    yield greeter_pb2.HelloRequest(name="b")
    raise ValueError("bad input for request 3")  # (1)!


async def main() -> None:
    captured = Records()
    logger = logging.getLogger("grpc.aio._call")
    level = logger.level
    logger.setLevel(logging.DEBUG)  # only to show where the ValueError went
    logger.addHandler(captured)
    try:
        async with grpc.aio.insecure_channel(server_address()) as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            call = greeter.CollectGreetings(requests(), timeout=5)
            try:
                await call  # (2)!
            finally:
                code, details = await call.code(), await call.details()
                print("the call:", code.name, repr(details))
    finally:
        logger.removeHandler(captured)
        logger.setLevel(level)
        for record in captured.records:
            last = record.getMessage().strip().splitlines()[-1]
            print(f"grpc.aio logged at {record.levelname}:", last)


if __name__ == "__main__":
    asyncio.run(main())
