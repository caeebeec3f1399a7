"""Allowed, with care: where done-callbacks run, what a slow one delays."""

import threading
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        ran_on = []
        recorded = threading.Event()

        def record(future) -> None:
            ran_on.append(
                threading.current_thread() is threading.main_thread()
            )
            recorded.set()

        future = stub.SayHello.future(
            greeter_pb2.HelloRequest(name="a", delay_ms=300), timeout=5
        )
        future.add_done_callback(record)  # (1)!
        recorded.wait(5)
        print("added before the reply: ran on the main thread?", ran_on[0])
        future.add_done_callback(record)  # (2)!
        print("added after the reply: ran on the main thread?", ran_on[1])

        in_callback = threading.Event()

        def slow(future) -> None:
            in_callback.set()
            time.sleep(2)  # e.g. blocking I/O

        slow_call = stub.SayHello.future(
            greeter_pb2.HelloRequest(name="b", delay_ms=300), timeout=5
        )
        slow_call.add_done_callback(slow)  # (3)!
        in_callback.wait(5)
        start = time.monotonic()
        other = stub.SayHello.future(
            greeter_pb2.HelloRequest(name="c"), timeout=5
        )
        other.result()
        print(
            "another future waited for the slow callback:",
            time.monotonic() - start > 1.5,
        )


if __name__ == "__main__":
    main()
