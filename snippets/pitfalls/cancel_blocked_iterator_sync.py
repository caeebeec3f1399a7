"""Allowed: after cancel(), grpc's thread stays until your iterator returns."""

import queue
import sys
import threading
import time
import traceback

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def extra_threads(before: set) -> list[threading.Thread]:
    return list(set(threading.enumerate()) - before)


def in_function(thread: threading.Thread, name: str) -> bool:
    """Whether the thread is, right now, inside a function of that name."""
    frame = sys._current_frames().get(thread.ident)
    return any(
        f.f_code.co_name == name for f, _ in traceback.walk_stack(frame)
    )


def settle(before: set, count: int) -> int:
    """Waits (5 s at most) for `count` threads to be left; returns how many."""
    deadline = time.monotonic() + 5
    while len(extra_threads(before)) != count and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(extra_threads(before))


def main() -> None:
    before = set(threading.enumerate())
    requests = queue.Queue()
    asked_again = threading.Event()

    def from_queue():  # grpc runs this on a thread of its own
        yield greeter_pb2.HelloRequest(name="first")
        asked_again.set()  # (1)!
        # blocks until the next request
        while (request := requests.get(timeout=8)) is not None:
            yield request

    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.Chat(from_queue(), timeout=10)
        print("reply:", next(call).message)
        print("threads the call added:", len(extra_threads(before)))
        print(
            "grpc's thread waits in from_queue():", asked_again.wait(timeout=5)
        )
        call.cancel()  # (2)!
        print("after cancel(), threads left:", settle(before, 1))
        time.sleep(1)
        (left,) = extra_threads(before)
        print("1 s later, it is still there:", left.is_alive())
        print(
            "and it is inside from_queue():", in_function(left, "from_queue")
        )
        requests.put(None)  # (3)!
        print("once the iterator has returned:", settle(before, 0))


if __name__ == "__main__":
    main()
