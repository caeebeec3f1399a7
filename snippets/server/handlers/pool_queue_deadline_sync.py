"""Forbidden: both workers busy: a queued RPC times out, its handler unrun."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.hello_calls = 0

    def SayHello(self, request, context):
        self.hello_calls += 1
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    def StreamGreetings(self, request, context):
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
            request = greeter_pb2.StreamRequest(name="busy", interval_ms=100)
            busy = [
                stub.StreamGreetings(request, timeout=10) for _ in range(2)
            ]
            for stream in busy:
                next(stream)  # both workers are busy now
            third = greeter_pb2.HelloRequest(name="third")
            try:
                stub.SayHello(third, timeout=1)  # (1)!
            except grpc.RpcError as error:
                failure = error
            for stream in busy:
                stream.cancel()  # frees both workers
        server.stop(0)
    # the pool has finished all it was given, the queued SayHello included
    print("SayHello handler calls:", greeter.hello_calls)  # (2)!
    raise failure


if __name__ == "__main__":
    main()
