"""Allowed: fork the worker processes first, then create every channel.

The pattern of grpc's examples/python/multiprocessing client: the pool forks
its workers while the parent has no gRPC object at all; each worker creates its
own channel in the pool's initializer, and the parent creates its channel
afterwards.
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
    channel = grpc.insecure_channel(address)  # (1)!
    _stub = greeter_pb2_grpc.GreeterStub(channel)


def greet(name: str) -> tuple[int, str]:
    reply = _stub.SayHello(greeter_pb2.HelloRequest(name=name), timeout=5)
    return os.getpid(), reply.message


def demo() -> None:
    address = server_address()
    fork = multiprocessing.get_context("fork")
    with fork.Pool(2, initializer=start_worker, initargs=(address,)) as pool:
        with grpc.insecure_channel(address) as channel:  # (2)!
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name="parent")
            mine = greeter.SayHello(request, timeout=5)
            tasks = [f"task {i}" for i in range(20)]
            results = pool.map(greet, tasks, chunksize=1)
    only_workers = os.getpid() not in {pid for pid, _ in results}
    print(len(results), "replies, all from forked workers:", only_workers)
    print("the parent's channel, created after the fork:", mine.message)


def main() -> None:
    server_address()  # with no server up, fails here and says how to start one
    # The demo runs in a fresh interpreter: the point is to fork before this
    # process has created any gRPC object.
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
