"""Forbidden: a request iterator raises; only grpcio's log says why."""

import logging

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


def names():
    yield greeter_pb2.HelloRequest(name="first")
    raise ConnectionError("the data source went away")  # (1)!


def main() -> None:
    log = Records()
    logging.getLogger("grpc._channel").addHandler(log)  # (2)!
    try:
        with grpc.insecure_channel(server_address()) as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            stub.CollectGreetings(names(), timeout=5)
    finally:
        logging.getLogger("grpc._channel").removeHandler(log)
        for record in log.records:
            error = record.exc_info[1]
            cause = f"{type(error).__name__}: {error}"
            print(f"grpc logged: {record.getMessage()} ({cause})")


if __name__ == "__main__":
    main()
