"""Allowed, but not free: the threads that sync streaming calls add."""

import threading
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def extra_threads(before: set) -> int:
    return len(set(threading.enumerate()) - before)


def requests():
    for n in range(3):
        time.sleep(0.2)
        yield greeter_pb2.HelloRequest(name=f"chat {n}")


def main() -> None:
    before = set(threading.enumerate())
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        stub.SayHello(greeter_pb2.HelloRequest(name="unary"), timeout=5)
        print("after a blocking unary call:", extra_threads(before))

        request = greeter_pb2.StreamRequest(
            name="stream", count=0, interval_ms=50
        )
        streams = [stub.StreamGreetings(request, timeout=10) for _ in range(5)]
        for stream in streams:
            next(stream)
        print("5 server streams open:", extra_threads(before))  # (1)!

        chats = [stub.Chat(requests(), timeout=10) for _ in range(3)]
        for chat in chats:
            next(chat)
        print("and 3 bidi streams:", extra_threads(before))  # (2)!

        for call in streams + chats:
            call.cancel()
        deadline = time.monotonic() + 5
        while extra_threads(before) and time.monotonic() < deadline:
            time.sleep(0.05)
        print("all cancelled:", extra_threads(before))  # (3)!


if __name__ == "__main__":
    main()
