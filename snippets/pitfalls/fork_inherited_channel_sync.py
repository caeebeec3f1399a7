"""Forbidden: forked children call through a channel that their parent created and used.

grpcio raises in the children; the parent sees only what they report, so the example's
own assert sums it up, naming the errors grpcio raised there.
"""

import collections
import os
import signal
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

CHILDREN = 100


def call_in_child(stub) -> str:
    """Fork; the child calls once with the parent's stub and reports how it ended."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        try:
            stub.SayHello(greeter_pb2.HelloRequest(name="child"), timeout=2)
            outcome = "OK"
        except grpc.RpcError as error:
            outcome = f"grpc.RpcError {error.code().name} {error.details()!r}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + 5
    while os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running
        if time.monotonic() > deadline:
            os.kill(
                pid, signal.SIGKILL
            )  # a child can hang: never wait for it forever
            os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    with os.fdopen(read_end) as pipe:
        return pipe.read() or "no report (killed after 5 s)"


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        parent = greeter_pb2.HelloRequest(name="parent")
        stub.SayHello(
            parent, timeout=5
        )  # the parent's channel is now connected
        outcomes = collections.Counter(
            call_in_child(stub) for _ in range(CHILDREN)
        )
    failed = sum(n for outcome, n in outcomes.items() if outcome != "OK")
    errors = "; ".join(
        sorted(outcome for outcome in outcomes if outcome != "OK")
    )
    assert not failed, (
        f"{failed} of {CHILDREN} children failed, with: {errors}"
    )
    print(f"all {CHILDREN} children got a reply")


if __name__ == "__main__":
    main()
