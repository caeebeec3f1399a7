"""Allowed: cancel() on a finished call returns False and changes nothing."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.HelloRequest(name="A")
        future = stub.SayHello.future(request, timeout=5)
        print("unary:", future.result().message)
        cancelled = future.cancel()  # (1)!
        print("  cancel():", cancelled, "| code():", future.code())
        request = greeter_pb2.StreamRequest(name="B", count=2)
        stream = stub.StreamGreetings(request, timeout=5)
        print("stream:", [reply.message for reply in stream])
        cancelled = stream.cancel()
        print("  cancel():", cancelled, "| code():", stream.code())
        ended = next(stream, "end") == "end"  # (2)!
        print("  next() again raises StopIteration:", ended)


if __name__ == "__main__":
    main()
