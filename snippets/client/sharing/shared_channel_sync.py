"""Allowed: one channel and one stub, shared by eight threads."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)  # (1)!
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        callers = set()

        def greet(n: int) -> str:
            callers.add(threading.current_thread().name)
            return stub.SayHello(
                greeter_pb2.HelloRequest(name=f"call {n}", delay_ms=20),
                timeout=5,
            ).message

        with ThreadPoolExecutor(max_workers=8) as pool:
            results = pool.map(greet, range(400))  # (2)!
            stats = monitor.WaitForActive(
                greeter_pb2.WaitRequest(active=8, timeout_ms=3000), timeout=5
            )
            print("handlers running at once on the server:", stats.active)
            replies = list(results)

    print(len(replies), "replies from", len(callers), "threads")
    print(replies[0], "...", replies[-1])


if __name__ == "__main__":
    main()
