"""Forbidden: let a request iterator raise: UNKNOWN, the cause only in the log.

grpcio runs the iterator on a thread of its own. When it raises, grpcio cancels
the call: the caller gets UNKNOWN 'Exception iterating requests!', not the
iterator's exception, and the server's handler sees only a cancelled call. The
exception itself goes to the 'grpc._channel' logger, at ERROR level: without a
logging handler it is seen nowhere.
"""

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Collector(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.report = []
        self.started = threading.Event()
        self.done = threading.Event()

    def CollectGreetings(self, request_iterator, context):
        ended = threading.Event()
        context.add_callback(ended.set)
        self.started.set()
        try:
            for _ in request_iterator:
                pass
        except grpc.RpcError:
            pass  # how the loop ends depends on timing; the callback does not
        ended.wait(timeout=5)
        active = context.is_active()
        self.report.append(f"server: the call ended; is_active() {active}")
        self.done.set()
        return greeter_pb2.GreetingSummary()


def main() -> None:
    collector = Collector()

    def requests():
        yield greeter_pb2.HelloRequest(name="a")
        yield greeter_pb2.HelloRequest(name="b")
        collector.started.wait(timeout=5)  # until the handler runs
        raise ValueError("bad input for request 3")  # (1)!

    captured = Records()
    logger = logging.getLogger("grpc._channel")  # (2)!
    logger.addHandler(captured)
    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(collector, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                greeter = greeter_pb2_grpc.GreeterStub(channel)
                greeter.CollectGreetings(requests(), timeout=5)  # (3)!
        finally:
            logger.removeHandler(captured)
            for record in captured.records:
                level, message = record.levelname, record.getMessage()
                print(f"grpc logged at {level}: {message}")
                print(f"  cause: {record.exc_info[1]!r}")
            collector.done.wait(timeout=5)
            print(*collector.report)
            server.stop(0).wait()


if __name__ == "__main__":
    main()
