"""Allowed: workers started with "spawn" each create their own channel.

The parent keeps a connected channel of its own the whole time. A spawned
worker is a fresh Python interpreter: it inherits no gRPC state, so the
parent's channel cannot get in its way.
"""

import multiprocessing
import os
import subprocess
import sys

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

_stub = None  # one per worker process, set by its initializer


def start_worker(address: str) -> None:
    global _stub
    channel = grpc.insecure_channel(address)  # (1)!
    _stub = greeter_pb2_grpc.GreeterStub(channel)


def greet(name: str) -> tuple[int, str]:
    reply = _stub.SayHello(greeter_pb2.HelloRequest(name=name), timeout=5)
    return os.getpid(), reply.message


def demo() -> None:
    address = server_address()
    parent = greeter_pb2.HelloRequest(name="parent")
    with grpc.insecure_channel(address) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        greeter.SayHello(parent, timeout=5)
        spawn = multiprocessing.get_context("spawn")  # (2)!
        pool = spawn.Pool(2, initializer=start_worker, initargs=(address,))
        with pool:
            tasks = [f"task {i}" for i in range(20)]
            results = pool.map(greet, tasks, chunksize=1)
        only_workers = os.getpid() not in {pid for pid, _ in results}
        print(len(results), "replies, all from spawned workers:", only_workers)
        print("the last one:", results[-1][1])
        after = greeter.SayHello(parent, timeout=5)
        print("the parent's own channel still works:", after.message)


def main() -> None:
    server_address()  # with no server up, fails here and says how to start one
    # The demo runs in a fresh interpreter, so that spawn can import this file
    # as the main module of its workers.
    demo_run = subprocess.run(
        [sys.executable, __file__, "--demo"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    print(demo_run.stdout, end="")


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
