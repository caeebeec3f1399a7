"""Allowed: add_callback() after the RPC has ended returns False."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.kept = None
        self.ended = threading.Event()

    def SayHello(self, request, context):
        self.kept = context
        context.add_callback(self.ended.set)  # runs once the RPC has ended
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            stub.SayHello(greeter_pb2.HelloRequest(name="A"), timeout=5)
            greeter.ended.wait(timeout=5)  # the server is done with the call
            ran = threading.Event()
            print("is_active():", greeter.kept.is_active())
            added = greeter.kept.add_callback(ran.set)  # (1)!
            print("add_callback() returned:", added)
            print("the callback ran within 1 s:", ran.wait(timeout=1))
        server.stop(0)


if __name__ == "__main__":
    main()
