"""Forbidden: let a done-callback raise; timing decides where its error goes.

A callback added while the call runs is run by grpcio's thread: its exception
is logged by 'grpc._channel' at ERROR level and dropped. A callback added after
the call has ended runs at once in add_done_callback(), and its exception
propagates to the caller, here KeyError.
"""

import logging
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


counts = {}


def count_reply(future) -> None:
    counts["replies"] += 1  # a bug: the key was never set


def main() -> None:
    captured = Records()
    logger = logging.getLogger("grpc._channel")
    logger.addHandler(captured)
    try:
        with grpc.insecure_channel(server_address()) as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name="you", delay_ms=300)
            future = greeter.SayHello.future(request, timeout=5)
            future.add_done_callback(count_reply)  # (1)!
            print("the reply:", future.result().message)
            deadline = time.monotonic() + 5
            while not captured.records and time.monotonic() < deadline:
                time.sleep(0.01)  # the callback runs on grpcio's thread
            for record in captured.records:
                what, level = record.msg.split(" %s")[0], record.levelname
                print(f"grpc logged at {level}:", what, record.args[1])
            future.add_done_callback(count_reply)  # (2)!
    finally:
        logger.removeHandler(captured)


if __name__ == "__main__":
    main()
