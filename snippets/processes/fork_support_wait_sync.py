"""Allowed: GRPC_ENABLE_FORK_SUPPORT=1 makes os.fork() wait for grpc's threads.

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

SETTINGS = {
    "no variable": {},
    "GRPC_ENABLE_FORK_SUPPORT=1": {"GRPC_ENABLE_FORK_SUPPORT": "1"},
}


def demo() -> None:
    """In a fresh interpreter: fork three times while a stream is open."""
    with grpc.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        endless = greeter_pb2.StreamRequest(name="s", count=0, interval_ms=50)
        stream = greeter.StreamGreetings(endless, timeout=30)
        next(stream)
        durations = []
        for _ in range(3):
            start = time.monotonic()
            pid = os.fork()  # (1)!
            if pid == 0:  # the child does nothing with gRPC
                os._exit(0)
            durations.append(time.monotonic() - start)
            os.waitpid(pid, 0)
        slowest = max(durations)
        print("0.5 s or more" if slowest >= 0.5 else "under 0.5 s")
        print("the stream still works:", next(stream).index > 0)
        stream.cancel()


def main() -> None:
    server_address()  # with no server up, fails here and says how to start one
    env = {k: v for k, v in os.environ.items() if not k.startswith("GRPC_")}
    for name, variables in SETTINGS.items():
        demo_run = subprocess.run(
            [sys.executable, __file__, "--demo"],
            env={**env, **variables},  # (2)!
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        took, stream = demo_run.stdout.splitlines()
        print(f"{name}: the slowest of 3 os.fork() took {took}")
        print(f"  {stream}")


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
