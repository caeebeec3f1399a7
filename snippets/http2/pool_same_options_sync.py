"""Forbidden: channels with the same target and options share a connection."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

LIMIT = [("grpc.max_concurrent_streams", 2)]  # streams per connection


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = {}  # name -> the client's address as the server sees it

    def StreamGreetings(self, request, context):
        self.started[request.name] = context.peer()
        ended = threading.Event()
        context.add_callback(ended.set)
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")
        ended.wait(timeout=10)  # stay open until the call ends


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=8) as pool:
        server = grpc.server(pool, options=LIMIT)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        target = f"127.0.0.1:{server.add_insecure_port('127.0.0.1:0')}"
        server.start()
        channels = [grpc.insecure_channel(target) for _ in range(2)]  # (1)!
        stubs = [greeter_pb2_grpc.GreeterStub(ch) for ch in channels]

        def stream(stub, name: str):
            request = greeter_pb2.StreamRequest(name=name)
            return stub.StreamGreetings(request, timeout=10)

        a, b = stream(stubs[0], "A"), stream(stubs[0], "B")
        next(a), next(b)  # channel 0 is at the server's limit
        c = stream(stubs[1], "C")  # (2)!
        time.sleep(1)
        print("after 1 s, handlers started:", sorted(greeter.started))
        addresses = set(greeter.started.values())
        print("connections they came on:", len(addresses))
        try:
            assert "C" in greeter.started, (
                "call C, on the second channel, should run"
            )
        finally:
            for call in (c, a, b):  # c first: it must not take a freed stream
                call.cancel()
            for channel in channels:
                channel.close()
            server.stop(0)


if __name__ == "__main__":
    main()
