"""Allowed: fork the worker processes first, then create every channel.

The pattern of grpc's examples/python/multiprocessing client: the pool forks its
workers while the parent has no gRPC object at all; each worker creates its own
channel in the pool's initializer, and the parent creates its channel afterwards.
"""

import multiprocessing
import os
import subprocess
import sys

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

_stub = None  # one per worker process, set by its initializer after the fork


def start_worker(address: str) -> None:
    global _stub
    _stub = greeter_pb2_grpc.GreeterStub(grpc.insecure_channel(address))


def greet(name: str) -> tuple[int, str]:
    reply = _stub.SayHello(greeter_pb2.HelloRequest(name=name), timeout=5)
    return os.getpid(), reply.message


def demo() -> None:
    address = server_address()
    fork = multiprocessing.get_context("fork")
    with fork.Pool(2, initializer=start_worker, initargs=(address,)) as pool:
        # The workers exist now; only from here on may the parent use gRPC too.
        with grpc.insecure_channel(address) as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            mine = greeter.SayHello(greeter_pb2.HelloRequest(name="parent"), timeout=5)
            results = pool.map(greet, [f"task {i}" for i in range(20)], chunksize=1)
    pids = {pid for pid, _ in results}
    print(len(results), "replies, all from forked workers:", os.getpid() not in pids)
    print("the parent's channel, created after the fork:", mine.message)


def main() -> None:
    server_address()  # if the server is down, fail here, saying how to start it
    # A fresh interpreter runs the demo: the process that runs this snippet in the
    # guide's tests already uses gRPC, and the point is to fork before any of it.
    demo_run = subprocess.run(
        [sys.executable, __file__, "--demo"], capture_output=True, text=True,
        timeout=30, check=True,
    )
    print(demo_run.stdout, end="")


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
