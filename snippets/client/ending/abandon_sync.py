"""Forbidden: stop reading a stream but keep the call: the server keeps its handler running."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)

        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=100
        )
        call = greeter.StreamGreetings(endless, timeout=30)
        print("first reply:", next(call).message)
        # Done with it: no more reads, no cancel(), and `call` stays referenced.

        stats = monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5
        )
        print("server, 1 s later: handlers running", stats.active)
        assert stats.active == 0, (
            f"stream not released: the server still runs {stats.active} handler(s)"
        )


if __name__ == "__main__":
    main()
