"""Allowed: a stream past max_concurrent_streams waits in the client."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

LIMIT = [("grpc.max_concurrent_streams", 2)]  # streams per connection


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = []  # names, in the order their handlers started
        self.finish = {name: threading.Event() for name in "ABC"}

    def StreamGreetings(self, request, context):
        self.started.append(request.name)
        finish = self.finish[request.name]
        context.add_callback(finish.set)  # also when the call ends early
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")
        finish.wait(timeout=10)


def main() -> None:
    greeter = Greeter()
    # enough worker threads for every stream: the pool is not the limit
    with ThreadPoolExecutor(max_workers=8) as pool:
        server = grpc.server(pool, options=LIMIT)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)

            def stream(name: str):
                request = greeter_pb2.StreamRequest(name=name)
                return stub.StreamGreetings(request, timeout=10)

            a, b = stream("A"), stream("B")
            next(a), next(b)  # (1)!
            c = stream("C")
            time.sleep(1)
            print("after 1 s, handlers started:", sorted(greeter.started))
            print("after 1 s, call C has ended:", c.done())  # (2)!
            greeter.finish["A"].set()  # (3)!
            list(a)  # read stream A to its end
            print("stream A ended:", a.code())
            print("then call C:", next(c).message)
            print("handlers started:", sorted(greeter.started))
            b.cancel()
            c.cancel()
        server.stop(0)


if __name__ == "__main__":
    main()
