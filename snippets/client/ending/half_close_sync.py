"""Forbidden: half-closing (the request iterator ends) does not release a call that is still running."""

import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        asked_again = threading.Event()

        def requests():
            yield greeter_pb2.HelloRequest(name="slow", delay_ms=60_000)  # the server answers in a minute
            asked_again.set()  # grpc asks for a 2nd request; the iterator then ends

        call = greeter.Chat(requests(), timeout=30)  # kept: a dropped sync call is cancelled
        print("grpc asked for a 2nd request:", asked_again.wait(timeout=5))
        # Done with it: no reads, no cancel().

        stats = monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5)
        print("server, 1 s later: handlers running", stats.active)
        assert stats.active == 0, f"stream not released: the server still runs {stats.active} handler(s)"


if __name__ == "__main__":
    main()
