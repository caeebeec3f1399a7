"""Forbidden: one request generator, two calls, the first one inside it."""

import logging
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


class Records(logging.Handler):
    """Keeps what grpcio logs, to show it."""

    def __init__(self) -> None:
        super().__init__()
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def main() -> None:
    log = Records()
    logging.getLogger("grpc._channel").addHandler(log)
    inside = threading.Event()
    go_on = threading.Event()

    def names():  # (1)!
        yield greeter_pb2.HelloRequest(name="first")
        inside.set()
        go_on.wait(timeout=5)  # (2)!
        yield greeter_pb2.HelloRequest(name="second")

    try:
        with grpc.insecure_channel(server_address()) as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            requests = names()
            call_a = stub.CollectGreetings.future(requests, timeout=5)
            inside.wait(timeout=5)  # call A's thread is inside the generator
            call_b = stub.CollectGreetings.future(requests, timeout=5)
            try:
                call_b.result()  # (3)!
            finally:
                go_on.set()
                print("call A received:", list(call_a.result().names))
    finally:
        logging.getLogger("grpc._channel").removeHandler(log)
        for record in log.records:
            error = record.exc_info[1]
            cause = f"{type(error).__name__}: {error}"
            print(f"grpc logged: {record.getMessage()} ({cause})")


if __name__ == "__main__":
    main()
