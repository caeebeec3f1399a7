"""Allowed (sync API): dropping the last reference to a stream cancels it."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        before = monitor.GetStats(
            greeter_pb2.StatsRequest(), timeout=5
        ).finished

        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=100
        )
        call = greeter.StreamGreetings(endless, timeout=30)
        next(call)
        print(
            "server: handlers running",
            monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5).active,
        )

        del call  # (1)!
        after = monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        ended = {
            outcome: n - before[outcome]
            for outcome, n in after.finished.items()
            if n > before[outcome]
        }
        print("after del: handlers running", after.active, "| ended", ended)


if __name__ == "__main__":
    main()
