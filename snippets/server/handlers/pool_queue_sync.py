"""Allowed: a server with 2 workers: a third stream waits for a free one."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = []  # names, in the order their handlers started

    def StreamGreetings(self, request, context):
        self.started.append(request.name)
        ended = threading.Event()
        context.add_callback(ended.set)  # runs when the RPC ends
        index = 0
        while not ended.wait(request.interval_ms / 1000):
            yield greeter_pb2.HelloReply(
                message=f"Hello, {request.name}!", index=index
            )
            index += 1


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)

            def stream(name: str):
                return stub.StreamGreetings(
                    greeter_pb2.StreamRequest(name=name, interval_ms=100),
                    timeout=10,
                )

            a, b = stream("A"), stream("B")
            next(a), next(b)  # both workers are busy now
            c = stream("C")  # (1)!
            time.sleep(1)
            print("after 1 s, handlers started:", sorted(greeter.started))
            print("after 1 s, call C has ended:", c.done())  # (2)!
            a.cancel()  # (3)!
            print(
                "after cancelling A:", next(c).message, sorted(greeter.started)
            )
            b.cancel()
            c.cancel()
        server.stop(0)


if __name__ == "__main__":
    main()
