"""Forbidden: without init_gevent(), a call blocks every other greenlet."""

import subprocess
import sys

GEVENT = "--gevent"  # this file runs itself again, as a gevent program
if GEVENT in sys.argv:
    from gevent import monkey

    monkey.patch_all()  # first thing, before any other import

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
        print("reply:", stub.SayHello(slow, timeout=5).message)  # (1)!
        print("ticks while the 1 s call ran:", len(ticks) - before)
        greenlet.kill()

        start = time.monotonic()
        short = greeter_pb2.HelloRequest(name="short", delay_ms=200)
        calls = [
            gevent.spawn(stub.SayHello, short, timeout=5) for _ in range(10)
        ]
        gevent.joinall(calls, timeout=10, raise_error=True)  # (2)!
        took = time.monotonic() - start
        print("10 calls of 0.2 s in 10 greenlets took 2 s or more:", took >= 2)


def main() -> None:
    command = [sys.executable, __file__, GEVENT]
    child = subprocess.run(command, capture_output=True, text=True, timeout=20)
    child.check_returncode()
    print(child.stdout, end="")
    ticks = int(child.stdout.splitlines()[1].split()[-1])
    assert ticks > 0, "no other greenlet ran while the call waited"


if __name__ == "__main__":
    gevent_program() if GEVENT in sys.argv else main()
