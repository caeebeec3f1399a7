"""Allowed: a blocking request iterator holds only the thread grpcio uses."""

import queue

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        inbox = queue.Queue()  # filled by other code, here the main thread

        def requests():  # grpcio calls next() on this in a thread of its own
            while (request := inbox.get(timeout=5)) is not None:  # (1)!
                yield request

        chat = stub.Chat(requests(), timeout=10)
        meanwhile = greeter_pb2.HelloRequest(name="meanwhile")
        reply = stub.SayHello(meanwhile, timeout=1)  # (2)!
        print("while the iterator waits:", reply.message)
        inbox.put(greeter_pb2.HelloRequest(name="late"))
        inbox.put(None)  # no more requests: the call half-closes
        print("chat:", [reply.message for reply in chat])


if __name__ == "__main__":
    main()
