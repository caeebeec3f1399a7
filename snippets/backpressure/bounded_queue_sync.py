"""Allowed: a bounded queue.Queue makes fan-in producers wait while the stream is slow.

Four producer threads put 64 KB requests into a queue.Queue(maxsize=8); one
generator feeds the queue's requests to a client-streaming call. The server stops
reading after the first request: once grpcio's buffers are full, the queue fills
and every producer waits in put(), so memory stays bounded. When the server reads
again, every request arrives.
"""

import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PRODUCERS, EACH = 4, 100
DONE = object()  # a producer's last item


class SlowReader(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.resume = threading.Event()

    def CollectGreetings(self, request_iterator, context):
        count = 0
        for _ in request_iterator:
            count += 1
            if count == 1:
                self.resume.wait(timeout=20)  # the server stops reading for a while
        return greeter_pb2.GreetingSummary(count=count)


def main() -> None:
    reader = SlowReader()
    backlog = queue.Queue(maxsize=8)
    waiting = [False] * PRODUCERS  # producer p is inside put()

    def produce(p: int) -> None:
        for i in range(EACH):
            request = greeter_pb2.HelloRequest(name=f"{p}-{i}:" + "x" * 65536)
            waiting[p] = True
            backlog.put(request)
            waiting[p] = False
        backlog.put(DONE)

    drawn = 0  # requests grpcio has taken from the generator

    def requests():  # the only code that hands requests to grpcio
        nonlocal drawn
        finished = 0
        while finished < PRODUCERS:
            item = backlog.get()
            if item is DONE:
                finished += 1
            else:
                drawn += 1
                yield item

    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(reader, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            summary = stub.CollectGreetings.future(requests(), timeout=30)
            producers = [threading.Thread(target=produce, args=(p,))
                         for p in range(PRODUCERS)]
            for producer in producers:
                producer.start()
            last, since, deadline = -1, time.monotonic(), time.monotonic() + 10
            while time.monotonic() < deadline:  # until grpcio has stopped drawing
                if drawn != last:
                    last, since = drawn, time.monotonic()
                full, in_put = backlog.full(), sum(waiting)  # one snapshot
                if time.monotonic() - since > 0.5 and full and in_put == PRODUCERS:
                    break
                time.sleep(0.01)
            print("server not reading: queue full:", full,
                  "| producers waiting in put():", in_put)
            reader.resume.set()
            print("after the server read again:", summary.result().count,
                  "requests arrived")
            for producer in producers:
                producer.join()
        server.stop(0).wait()


if __name__ == "__main__":
    main()
