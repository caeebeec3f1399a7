"""Forbidden: one request iterator, two calls: the requests are split."""

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    names = [greeter_pb2.HelloRequest(name=f"name {n}") for n in range(1000)]
    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        requests = iter(names)  # (1)!
        call_a = stub.CollectGreetings.future(requests, timeout=10)
        call_b = stub.CollectGreetings.future(requests, timeout=10)
        counts = [call_a.result().count, call_b.result().count]  # (2)!

    print("names received by the two calls together:", sum(counts))
    print("each call received some of them:", min(counts) > 0)
    assert counts == [1000, 1000], (
        f"each call should receive 1000 names, they received {counts}"
    )


if __name__ == "__main__":
    main()
