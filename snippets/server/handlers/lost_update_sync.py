"""Forbidden: handlers read-modify-write shared state without a lock."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Counter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.count = 0
        self.all_read = threading.Barrier(4, timeout=5)

    def SayHello(self, request, context):
        value = self.count  # read
        self.all_read.wait()  # (1)!
        self.count = value + 1  # write
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def main() -> None:
    counter = Counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(counter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            calls = [
                stub.SayHello.future(
                    greeter_pb2.HelloRequest(name=str(n)), timeout=10
                )
                for n in range(4)
            ]
            for call in calls:
                call.result()
        server.stop(0)
    assert counter.count == 4, f"4 calls, but the counter is {counter.count}"


if __name__ == "__main__":
    main()
