"""Allowed: Ctrl-C reaches a sync client waiting on a stream; then cancel it.

The client process waits in next() for a message that the server sends only
every 30 s. SIGINT raises KeyboardInterrupt within a second. The stream is
still open on the server until the client calls call.cancel() in its except
clause.
"""

import signal
import subprocess
import sys
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def client() -> None:
    """The client process."""
    # Ctrl-C raises KeyboardInterrupt, as Python sets it up by default
    signal.signal(signal.SIGINT, signal.default_int_handler)
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        slow = greeter_pb2.StreamRequest(
            name="slow", count=0, interval_ms=30_000
        )
        call = greeter.StreamGreetings(slow, timeout=60)
        try:
            print("client: waiting for a message", flush=True)
            for reply in call:
                print(reply.message, flush=True)
        except KeyboardInterrupt:  # (1)!
            print("client: KeyboardInterrupt while waiting", flush=True)
            sys.stdin.readline()  # (lets the example look at the server first)
            call.cancel()  # (2)!
            print("client: call.cancel() done", flush=True)


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        wait = greeter_pb2.WaitRequest(active=0, timeout_ms=3000)
        child = subprocess.Popen(
            [sys.executable, __file__, "--client"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            print(child.stdout.readline().strip())
            opened = greeter_pb2.WaitRequest(active=1, timeout_ms=5000)
            monitor.WaitForActive(opened, timeout=6)  # the server is streaming
            time.sleep(0.5)  # the client sits in next() meanwhile
            start = time.monotonic()
            child.send_signal(signal.SIGINT)  # what Ctrl-C sends
            line = child.stdout.readline().strip()
            print(line, "| within 1 s:", time.monotonic() - start < 1)
            stats = monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5)
            print("streams still open on the server:", stats.active)
            child.stdin.write("\n")
            child.stdin.flush()
            print(child.stdout.readline().strip())
            stats = monitor.WaitForActive(wait, timeout=5)
            print("streams open on the server after the cancel:", stats.active)
            print("client process exit status:", child.wait(timeout=10))
        finally:
            child.kill()
            child.communicate()


if __name__ == "__main__":
    client() if sys.argv[1:] == ["--client"] else main()
