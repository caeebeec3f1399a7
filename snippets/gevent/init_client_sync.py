"""Allowed: after init_gevent(), other greenlets run while a call waits."""

import subprocess
import sys

GEVENT = "--gevent"  # this file runs itself again, as a gevent program
if GEVENT in sys.argv:
    from gevent import monkey

    monkey.patch_all()  # first thing, before any other import
    import grpc.experimental.gevent

    grpc.experimental.gevent.init_gevent()  # (1)!

# ruff: noqa: E402 (the imports below come after the patching)
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def gevent_program() -> None:
    import gevent

    ticks = []

    def ticker() -> None:  # another greenlet: ticks every 10 ms when it runs
        for _ in range(1000):
            gevent.sleep(0.01)
            ticks.append(time.monotonic())

    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        stub.SayHello(greeter_pb2.HelloRequest(name="warm-up"), timeout=5)
        greenlet = gevent.spawn(ticker)
        gevent.sleep(0.1)
        before = len(ticks)
        slow = greeter_pb2.HelloRequest(name="slow", delay_ms=1000)
        print("reply:", stub.SayHello(slow, timeout=5).message)  # (2)!
        ticked = len(ticks) - before
        print("at least 10 ticks while the 1 s call ran:", ticked >= 10)
        greenlet.kill()

        monitor = greeter_pb2_grpc.MonitorStub(channel)
        second = greeter_pb2.HelloRequest(name="overlap", delay_ms=1000)
        calls = [
            gevent.spawn(stub.SayHello, second, timeout=10) for _ in range(10)
        ]
        ten = greeter_pb2.WaitRequest(active=10, timeout_ms=5000)
        stats = monitor.WaitForActive(ten, timeout=10)  # (3)!
        gevent.joinall(calls, timeout=10, raise_error=True)
        print("10 calls in 10 greenlets, running at once:", stats.active)


def main() -> None:
    command = [sys.executable, __file__, GEVENT]
    child = subprocess.run(command, capture_output=True, text=True, timeout=20)
    child.check_returncode()
    print(child.stdout, end="")


if __name__ == "__main__":
    gevent_program() if GEVENT in sys.argv else main()
