"""Forbidden: two threads call next() on one response iterator at once."""

import threading
import time

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.StreamRequest(
            name="slow", count=2, interval_ms=2000
        )
        responses = stub.StreamGreetings(request, timeout=10)

        def read_one() -> None:
            print("the thread got message", next(responses).index)

        reader = threading.Thread(target=read_one)
        reader.start()
        time.sleep(0.5)  # (1)!
        try:
            next(responses)  # (2)!
        except Exception as error:
            print(
                "the second next() raised a grpc.RpcError:",
                isinstance(error, grpc.RpcError),
            )
            raise
        finally:
            reader.join()


if __name__ == "__main__":
    main()
