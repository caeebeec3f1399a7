"""Allowed: a threading.Lock around the read-modify-write keeps all updates."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Counter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()
        self.all_running = threading.Barrier(4, timeout=5)

    def SayHello(self, request, context):
        self.all_running.wait()  # the 4 handlers run at the same time
        with self.lock:  # (1)!
            value = self.count
            time.sleep(0.05)  # a slow update is still safe inside the lock
            self.count = value + 1
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
    print("4 calls, counter:", counter.count)


if __name__ == "__main__":
    main()
