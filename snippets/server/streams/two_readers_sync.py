"""Forbidden: two threads of one handler read request_iterator at once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

client_may_send = threading.Event()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    # next() calls that said "end of stream" while the client went on
    false_ends = 0

    def CollectGreetings(self, request_iterator, context):
        with ThreadPoolExecutor(max_workers=2) as readers:
            first = readers.submit(next, request_iterator, None)
            time.sleep(0.5)  # the first reader now waits inside next()
            second = readers.submit(next, request_iterator, None)  # (1)!
            time.sleep(0.5)  # both wait; the client has sent nothing yet
            client_may_send.set()
            reads = [first.result(timeout=5), second.result(timeout=5)]
        self.false_ends = reads.count(None)  # (2)!
        # one reader from here on
        later = [request.name for request in request_iterator]
        names = [
            request.name for request in reads if request is not None
        ] + later
        return greeter_pb2.GreetingSummary(count=len(names), names=names)


def requests():
    client_may_send.wait(timeout=5)
    for n in range(3):
        yield greeter_pb2.HelloRequest(name=f"name {n}")


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
                stub = greeter_pb2_grpc.GreeterStub(channel)
                summary = stub.CollectGreetings(requests(), timeout=10)
        finally:
            server.stop(0)
    print("the handler received:", list(summary.names))
    print(
        "next() calls that returned 'end of stream' on the way:",
        greeter.false_ends,
    )
    assert greeter.false_ends == 0, (
        "a next() reported the end of a stream that went on"
    )


if __name__ == "__main__":
    main()
