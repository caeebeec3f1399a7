"""Forbidden: count a request grpcio has drawn from your iterator as received.

The server reads one request, then stops reading. grpcio goes on drawing 64 KB
requests from the client's generator (on its own thread) until its buffers, a
few megabytes, are full. grpcio raises nothing; those requests have only been
buffered, and if the call fails now they are lost.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PAYLOAD = "x" * 65536  # 64 KB per request


class SlowReader(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.read = 0
        self.resume = threading.Event()

    def CollectGreetings(self, request_iterator, context):
        for _ in request_iterator:
            self.read += 1
            if self.read == 1:
                self.resume.wait(timeout=20)  # the server stops reading
        return greeter_pb2.GreetingSummary(count=self.read)


def main() -> None:
    reader = SlowReader()
    drawn = 0

    def requests():
        nonlocal drawn
        for i in range(100_000):
            drawn += 1
            yield greeter_pb2.HelloRequest(name=f"{i}:" + PAYLOAD)  # (1)!

    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(reader, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = greeter_pb2_grpc.GreeterStub(channel)
                call = stub.CollectGreetings.future(requests(), timeout=30)
                last, since = -1, time.monotonic()
                while time.monotonic() - since < 1:  # until grpcio stops
                    if drawn != last:
                        last, since = drawn, time.monotonic()
                    time.sleep(0.05)
                over = drawn > 20
                print("grpcio drew more than 20 requests (over 1 MB):", over)
                print("the server had read:", reader.read)  # (2)!
                call.cancel()
                assert drawn == reader.read, (
                    "every request drawn from the generator should have been"
                    " read"
                )
        finally:
            reader.resume.set()
            server.stop(0).wait()


if __name__ == "__main__":
    main()
