"""Allowed: worker threads feed one server stream through a queue."""

import queue
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

DONE = object()  # a worker puts this when it has nothing more to send


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def StreamGreetings(self, request, context):
        outbox = queue.Queue()

        def work(name: str) -> None:
            for index in range(request.count):
                outbox.put(
                    greeter_pb2.HelloReply(
                        message=f"Hello from {name}!", index=index
                    )
                )
            outbox.put(DONE)  # (1)!

        workers = [
            threading.Thread(target=work, args=(f"worker {n}",))
            for n in range(3)
        ]
        for worker in workers:
            worker.start()
        running = len(workers)
        while running:
            reply = outbox.get()
            if reply is DONE:
                running -= 1
            else:
                yield reply  # (2)!
        for worker in workers:
            worker.join()


def main() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            replies = list(
                stub.StreamGreetings(
                    greeter_pb2.StreamRequest(count=100), timeout=10
                )
            )
        server.stop(0)
    print(len(replies), "replies")
    print(sorted(Counter(reply.message for reply in replies).items()))


if __name__ == "__main__":
    main()
