"""Allowed: a bounded queue.Queue makes fan-in producers wait for the stream.

Four producer threads put 64 KB requests into a queue.Queue(maxsize=8); one
generator feeds the queue's requests to a client-streaming call. The server
stops reading after the first request: once grpcio's buffers are full, the
queue fills and every producer waits in put(), so memory stays bounded. When
the server reads again, every request arrives.
"""

import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PRODUCERS, EACH = 4, 100
PAYLOAD = "x" * 65536  # 64 KB per request
DONE = object()  # a producer's last item


class SlowReader(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.resume = threading.Event()

    def CollectGreetings(self, request_iterator, context):
        count = 0
        for _ in request_iterator:
            count += 1
            if count == 1:
                self.resume.wait(timeout=20)  # the server stops reading
        return greeter_pb2.GreetingSummary(count=count)


def main() -> None:
    reader = SlowReader()
    backlog = queue.Queue(maxsize=8)  # (1)!
    waiting = [False] * PRODUCERS  # producer p is inside put()

    def produce(p: int) -> None:
        for i in range(EACH):
            request = greeter_pb2.HelloRequest(name=f"{p}-{i}:" + PAYLOAD)
            waiting[p] = True
            backlog.put(request)  # (2)!
            waiting[p] = False
        backlog.put(DONE)

    drawn = 0  # requests grpcio has taken from the generator

    def requests():  # (3)!
        nonlocal drawn
        finished = 0
        while finished < PRODUCERS:
            item = backlog.get()
            if item is DONE:
                finished += 1
            else:
                drawn += 1
                yield item

    def stalled() -> tuple[bool, int]:  # once grpcio has stopped drawing
        last, since = -1, time.monotonic()
        deadline = since + 10
        while time.monotonic() < deadline:
            if drawn != last:
                last, since = drawn, time.monotonic()
            full, in_put = backlog.full(), sum(waiting)  # one snapshot
            quiet = time.monotonic() - since > 0.5
            if quiet and full and in_put == PRODUCERS:
                break
            time.sleep(0.01)
        return full, in_put

    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(reader, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            summary = stub.CollectGreetings.future(requests(), timeout=30)
            producers = [
                threading.Thread(target=produce, args=(p,))
                for p in range(PRODUCERS)
            ]
            for producer in producers:
                producer.start()
            full, in_put = stalled()
            print(
                f"server not reading: queue full: {full}",
                f"| producers waiting in put(): {in_put}",
            )
            reader.resume.set()
            count = summary.result().count
            print("after the server read again:", count, "requests arrived")
            for producer in producers:
                producer.join()
        server.stop(0).wait()


if __name__ == "__main__":
    main()
