"""Forbidden: a deadline that runs out while the call waits for a stream."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

LIMIT = [("grpc.max_concurrent_streams", 2)]  # streams per connection


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = []  # names, in the order their handlers started

    def StreamGreetings(self, request, context):
        self.started.append(request.name)
        ended = threading.Event()
        context.add_callback(ended.set)
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")
        ended.wait(timeout=10)  # stay open until the call ends


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        server = grpc.server(pool, options=LIMIT)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)

            def stream(name: str, timeout: float):
                request = greeter_pb2.StreamRequest(name=name)
                return stub.StreamGreetings(request, timeout=timeout)

            a, b = stream("A", 10), stream("B", 10)
            next(a), next(b)  # (1)!
            c = stream("C", 1)  # (2)!
            try:
                next(c)  # (3)!
            finally:
                print("handlers started:", sorted(greeter.started))
                a.cancel()
                b.cancel()
                server.stop(0)


if __name__ == "__main__":
    main()
