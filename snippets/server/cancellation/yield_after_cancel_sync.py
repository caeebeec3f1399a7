"""Allowed: a streaming handler that keeps yielding after a cancel is stopped.

The client cancels while the handler is in the middle of an endless stream
(here the client has stopped reading, so the handler waits at a yield). grpcio
closes the generator: GeneratorExit is raised at the yield, the handler's
finally runs, and its worker is free for the next call.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.report = []
        self.cleaned_up = threading.Event()

    def StreamGreetings(self, request, context):
        big = "x" * 65536
        try:
            for index in range(100_000):  # it never looks at the context
                yield greeter_pb2.HelloReply(message=big, index=index)  # (1)!
        except GeneratorExit:
            self.report.append("GeneratorExit at its yield")
            raise
        finally:  # (2)!
            self.report.append("finally ran")
            self.cleaned_up.set()

    def SayHello(self, request, context):
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
            request = greeter_pb2.StreamRequest()
            stream = stub.StreamGreetings(request, timeout=15)
            next(stream)  # one message, then the client stops reading
            print("client: cancel() returned", stream.cancel())
            greeter.cleaned_up.wait(timeout=5)
            print("handler:", "; ".join(greeter.report))
            request = greeter_pb2.HelloRequest(name="next")
            quick = stub.SayHello(request, timeout=5)
            print("the next call on the 1-worker server:", quick.message)
        server.stop(0).wait()


if __name__ == "__main__":
    main()
