"""Allowed: what GRPC_ENABLE_FORK_SUPPORT=1 changes: os.fork() waits for grpc's threads.

With a server-streaming call open, the channel has a thread of grpc's own. With
the variable set, os.fork() first waits until that thread has paused, which can
take up to about a second; without it, os.fork() returns at once. The stream
carries on in the parent either way.
"""

import os
import subprocess
import sys
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def demo() -> None:
    """In a fresh interpreter: fork three times while a stream is open."""
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        endless = greeter_pb2.StreamRequest(name="stream", count=0, interval_ms=50)
        stream = greeter.StreamGreetings(endless, timeout=30)
        next(stream)
        durations = []
        for _ in range(3):
            start = time.monotonic()
            pid = os.fork()
            if pid == 0:  # the child does nothing with gRPC
                os._exit(0)
            durations.append(time.monotonic() - start)
            os.waitpid(pid, 0)
        slowest = max(durations)
        print("0.5 s or more" if slowest >= 0.5 else "under 0.5 s",
              "| the stream still works:", next(stream).index > 0)
        stream.cancel()


def main() -> None:
    server_address()  # if the server is down, fail here, saying how to start it
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRPC_")}
    for name, variables in (("no variable", {}),
                            ("GRPC_ENABLE_FORK_SUPPORT=1",
                             {"GRPC_ENABLE_FORK_SUPPORT": "1"})):
        demo_run = subprocess.run(
            [sys.executable, __file__, "--demo"], env={**env, **variables},
            capture_output=True, text=True, timeout=30, check=True,
        )
        print(f"{name}: the slowest of 3 os.fork() took", demo_run.stdout.strip())


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
