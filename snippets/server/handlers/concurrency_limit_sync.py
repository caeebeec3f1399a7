"""Forbidden: maximum_concurrent_rpcs=2: a third RPC is refused at once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
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
    with ThreadPoolExecutor(max_workers=8) as pool:
        server = grpc.server(pool, maximum_concurrent_rpcs=2)  # (1)!
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.StreamRequest(name="busy", interval_ms=100)
            busy = [
                stub.StreamGreetings(request, timeout=10) for _ in range(2)
            ]
            for stream in busy:
                next(stream)  # two RPCs in progress
            try:
                stub.SayHello(  # (2)!
                    greeter_pb2.HelloRequest(name="third"), timeout=5
                )
            finally:
                for stream in busy:
                    stream.cancel()
                server.stop(0)


if __name__ == "__main__":
    main()
