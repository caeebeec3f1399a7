"""Allowed: closing the channel ends a stream another thread still reads."""

import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as monitor_channel:
        monitor = greeter_pb2_grpc.MonitorStub(monitor_channel)
        before = monitor.GetStats(
            greeter_pb2.StatsRequest(), timeout=5
        ).finished

        channel = grpc.insecure_channel(server_address())
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        endless = greeter_pb2.StreamRequest(
            name="reader", count=0, interval_ms=500
        )
        call = greeter.StreamGreetings(endless, timeout=30)
        first_reply = threading.Event()

        def read() -> None:
            try:
                for _ in call:
                    first_reply.set()  # (1)!
            except grpc.RpcError as error:
                print("reader:", error.code(), repr(error.details()))

        reader = threading.Thread(target=read)
        reader.start()
        first_reply.wait(timeout=5)
        print(
            "server: handlers running",
            monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5).active,
        )

        channel.close()  # (2)!
        reader.join()
        after = monitor.WaitForActive(
            greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5
        )
        ended = {
            outcome: n - before[outcome]
            for outcome, n in after.finished.items()
            if n > before[outcome]
        }
        print("after close: handlers running", after.active, "| ended", ended)


if __name__ == "__main__":
    main()
