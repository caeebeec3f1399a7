"""Allowed: two services on one channel (Greeter streams, a Monitor call)."""

import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)  # (1)!
        counts = [0] * 4
        reading = threading.Barrier(5)  # the four readers and this thread

        def read_stream(n: int) -> None:
            request = greeter_pb2.StreamRequest(
                name=f"stream {n}", count=5, interval_ms=50
            )
            for index, _ in enumerate(
                greeter.StreamGreetings(request, timeout=5)
            ):
                if index == 0:
                    reading.wait()  # every stream has started
                counts[n] += 1

        threads = [
            threading.Thread(target=read_stream, args=(n,)) for n in range(4)
        ]
        for thread in threads:
            thread.start()
        reading.wait()
        stats = monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)  # (2)!
        print("server handlers running now:", dict(stats.active_by_method))
        for thread in threads:
            thread.join()
    print("replies per stream:", counts)


if __name__ == "__main__":
    main()
