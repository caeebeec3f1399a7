"""Forbidden: forked children call through their parent's connected channel.

grpcio raises in the children; the parent sees only what they report, so
the example's own assert sums it up, naming the errors grpcio raised there.
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
    """Fork; the child calls once with the parent's stub, reports how."""
    read_end, write_end = os.pipe()
    pid = os.fork()  # (1)!
    if pid == 0:  # the child
        child = greeter_pb2.HelloRequest(name="child")
        try:
            stub.SayHello(child, timeout=2)  # (2)!
            outcome = "OK"
        except grpc.RpcError as error:
            outcome = f"grpc.RpcError {error.code().name} {error.details()!r}"
        os.write(write_end, outcome.encode())
        os._exit(0)
    os.close(write_end)
    deadline = time.monotonic() + 5
    while os.waitpid(pid, os.WNOHANG) == (0, 0):  # still running
        if time.monotonic() > deadline:
            # a child may hang: never wait for it forever
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            break
        time.sleep(0.01)
    with os.fdopen(read_end) as pipe:
        return pipe.read() or "no report (killed after 5 s)"


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        parent = greeter_pb2.HelloRequest(name="parent")
        stub.SayHello(parent, timeout=5)  # (3)!
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
