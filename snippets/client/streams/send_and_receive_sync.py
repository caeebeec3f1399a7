"""Allowed: grpc's thread takes requests while your thread reads replies."""

import queue
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    replied = queue.Queue()
    sender_threads = set()

    def pings():  # (1)!
        for n in range(3):
            sender_threads.add(threading.current_thread())
            yield greeter_pb2.HelloRequest(name=f"ping {n}")
            replied.get(timeout=5)  # (2)!

    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        for reply in stub.Chat(pings(), timeout=5):
            print(reply.message)
            replied.put(reply.index)

    print(
        "requests taken on the main thread:",
        threading.main_thread() in sender_threads,
    )


if __name__ == "__main__":
    main()
