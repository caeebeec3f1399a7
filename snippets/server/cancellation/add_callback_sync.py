"""Allowed: a handler learns of the client's cancel through add_callback().

The handler waits on an event that its callback sets, instead of sleeping
blindly: the cancel wakes it at once, context.is_active() is then False, and
its worker is free for the next call.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = threading.Event()
        self.report = []

    def SayHello(self, request, context):
        ended = threading.Event()
        context.add_callback(ended.set)  # (1)!
        self.started.set()
        work = request.delay_ms / 1000  # the "work": waiting this long
        if ended.wait(timeout=work):  # (2)!
            active = context.is_active()
            self.report.append(f"woken by its callback; is_active(): {active}")
            return greeter_pb2.HelloReply()  # nobody will receive it
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def main() -> None:
    greeter = Greeter()
    # one worker: one call at a time
    with ThreadPoolExecutor(max_workers=1) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            slow = greeter_pb2.HelloRequest(name="slow", delay_ms=10_000)
            call = stub.SayHello.future(slow, timeout=15)
            greeter.started.wait(timeout=5)
            print("client: cancel() returned", call.cancel())
            request = greeter_pb2.HelloRequest(name="next")
            quick = stub.SayHello(request, timeout=5)  # (3)!
            print("handler:", *greeter.report)
            print("the next call on the 1-worker server:", quick.message)
        server.stop(0).wait()


if __name__ == "__main__":
    main()
