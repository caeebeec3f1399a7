"""Forbidden: a request taken from the iterator after the end is dropped."""

import queue

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        inbox = queue.Queue()  # filled by other code, here the main thread
        closed = queue.Queue()

        def requests():  # grpcio calls next() on this in a thread of its own
            try:
                while (request := inbox.get(timeout=5)) is not None:
                    yield request
            finally:
                closed.put("closed")  # grpcio is done with the iterator

        call = stub.CollectGreetings.future(requests(), timeout=1)
        inbox.put(greeter_pb2.HelloRequest(name="first"))
        print("the call ended:", call.exception().code())  # at its deadline
        inbox.put(greeter_pb2.HelloRequest(name="late"))  # (1)!
        print("iterator:", closed.get(timeout=5))  # (2)!
        print("requests still in the queue:", inbox.qsize())
        assert inbox.qsize() == 1, '"late" left the queue, but was never sent'


if __name__ == "__main__":
    main()
