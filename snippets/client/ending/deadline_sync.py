"""Allowed: a deadline ends an endless stream with DEADLINE_EXCEEDED."""

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
        call = greeter.StreamGreetings(endless, timeout=1)  # (1)!
        next(call)
        print(
            "server: handlers running",
            monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5).active,
        )
        try:
            for _ in call:
                pass
        except grpc.RpcError as error:
            print("reader:", error.code())  # (2)!

        after = monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        print("after the deadline: handlers running", after.active)


if __name__ == "__main__":
    main()
