"""Forbidden: two threads of one handler read the same request_iterator at once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

client_may_send = threading.Event()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def CollectGreetings(self, request_iterator, context):
        with ThreadPoolExecutor(max_workers=2) as readers:
            first = readers.submit(next, request_iterator, None)
            time.sleep(0.5)  # the first reader now waits inside next()
            second = readers.submit(next, request_iterator, None)
            time.sleep(0.5)  # both wait; the client has sent nothing yet
            client_may_send.set()
            requests = [first.result(), second.result()]  # one of them is None: "end of stream"
        names = [request.name for request in requests]
        return greeter_pb2.GreetingSummary(count=len(names), names=names)


def requests():
    client_may_send.wait()
    for n in range(3):
        yield greeter_pb2.HelloRequest(name=f"name {n}")


def main() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = greeter_pb2_grpc.GreeterStub(channel)
                print(stub.CollectGreetings(requests(), timeout=10))
        finally:
            server.stop(0)


if __name__ == "__main__":
    main()
