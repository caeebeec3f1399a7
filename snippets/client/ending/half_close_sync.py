"""Forbidden: half-close, then nothing: the client's call does not end."""

import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def finished_ok(monitor) -> int:
    """How many Greeter handlers of the server have ended as ok so far."""
    stats = monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
    return stats.finished["ok"]


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        ok_before = finished_ok(monitor)

        # One request, answered at once; the iterator then ends: a half-close.
        call = greeter.Chat(  # (1)!
            iter([greeter_pb2.HelloRequest(name="quick")]), timeout=30
        )
        # Done with it: no reads, no cancel().

        deadline = time.monotonic() + 5
        while (
            finished_ok(monitor) == ok_before and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        ended = finished_ok(monitor) == ok_before + 1
        print("server: the handler has ended as ok:", ended)
        time.sleep(1)
        print("client, 1 s later: the call is done:", call.done())  # (2)!
        assert call.done(), (
            "the server's handler ended; the client's call is not done"
        )


if __name__ == "__main__":
    main()
