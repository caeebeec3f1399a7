"""Forbidden: a blocking unary call on a closed channel."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    channel = grpc.insecure_channel(server_address())
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    channel.close()  # (1)!
    try:
        greeter.SayHello(greeter_pb2.HelloRequest(name="late"), timeout=5)
    except Exception as error:  # (2)!
        print(
            type(error).__name__,
            "is a grpc.RpcError:",
            isinstance(error, grpc.RpcError),
        )
        raise


if __name__ == "__main__":
    main()
