"""Allowed: producer threads feed one stream through a queue."""

import queue
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

PRODUCERS = 4
DONE = object()  # each producer puts this when it has finished


def main() -> None:
    outbox = queue.Queue()

    def produce(p: int) -> None:
        for n in range(25):
            outbox.put(greeter_pb2.HelloRequest(name=f"producer {p} item {n}"))
        outbox.put(DONE)  # (1)!

    def requests():  # (2)!
        finished = 0
        while finished < PRODUCERS:
            item = outbox.get(timeout=5)
            if item is DONE:
                finished += 1
            else:
                yield item

    with grpc.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings.future(requests(), timeout=10)
        producers = [
            threading.Thread(target=produce, args=(p,))
            for p in range(PRODUCERS)
        ]
        for thread in producers:
            thread.start()
        for thread in producers:
            thread.join()
        summary = call.result()

    print(
        "names received:", summary.count, "distinct:", len(set(summary.names))
    )


if __name__ == "__main__":
    main()
