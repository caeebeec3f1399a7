"""Allowed: fork first, then each child creates its own channel."""

import collections
import os
import signal
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

CHILDREN = 20


def call_in_child() -> str:
    """Fork; the child makes a channel, calls once and reports how it ended."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            with grpc.insecure_channel(server_address()) as channel:  # (1)!
                stub = greeter_pb2_grpc.GreeterStub(channel)
                stub.SayHello(
                    greeter_pb2.HelloRequest(name="child"), timeout=5
                )
            outcome = "OK"
        except grpc.RpcError as error:
            outcome = f"{error.code().name} {error.details()!r}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + 10
    while os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running
        if time.monotonic() > deadline:
            # a child may hang: never wait for it forever
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    with os.fdopen(read_end) as pipe:
        return pipe.read() or "hung"


def main() -> None:
    # the parent has no channel of its own
    outcomes = collections.Counter(call_in_child() for _ in range(CHILDREN))
    print(dict(outcomes))


if __name__ == "__main__":
    main()
