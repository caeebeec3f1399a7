"""Forbidden: a handler that waits, deaf to the cancel, keeps its worker.

The client cancels, but the handler sleeps on: its pool thread stays taken, and
with one worker the next call waits in the queue until its deadline,
DEADLINE_EXCEEDED.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = threading.Event()

    def SayHello(self, request, context):
        self.started.set()
        time.sleep(request.delay_ms / 1000)  # (1)!
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def main() -> None:
    greeter = Greeter()
    # one worker: one call at a time
    with ThreadPoolExecutor(max_workers=1) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = greeter_pb2_grpc.GreeterStub(channel)
                slow = greeter_pb2.HelloRequest(name="slow", delay_ms=2500)
                call = stub.SayHello.future(slow, timeout=15)
                greeter.started.wait(timeout=5)
                print("client: cancel() returned", call.cancel())
                request = greeter_pb2.HelloRequest(name="next")
                stub.SayHello(request, timeout=1)  # (2)!
        finally:
            server.stop(0).wait()


if __name__ == "__main__":
    main()
