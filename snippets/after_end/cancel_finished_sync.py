"""Allowed: cancel() on a call that has finished returns False and changes nothing."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        future = stub.SayHello.future(greeter_pb2.HelloRequest(name="A"), timeout=5)
        print("unary:", future.result().message)
        print("  cancel():", future.cancel(), "| code():", future.code())
        request = greeter_pb2.StreamRequest(name="B", count=2)
        stream = stub.StreamGreetings(request, timeout=5)
        print("stream:", [reply.message for reply in stream])
        print("  cancel():", stream.cancel(), "| code():", stream.code())
        print("  next() again raises StopIteration:", next(stream, "end") == "end")


if __name__ == "__main__":
    main()
