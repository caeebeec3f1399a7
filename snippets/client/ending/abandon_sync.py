"""Forbidden: stop reading but keep the call: the server's handler runs on."""

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
        print("first reply:", next(call).message)  # (1)!

        stats = monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=1000), timeout=5
        )
        print("server, 1 s later: handlers running", stats.active)
        assert stats.active == 0, (  # (2)!
            "stream not released: the server still runs"
            f" {stats.active} handler(s)"
        )


if __name__ == "__main__":
    main()
