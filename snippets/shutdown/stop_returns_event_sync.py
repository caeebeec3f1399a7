"""Allowed: sync server.stop(grace) returns a threading.Event at once.

stop() does not wait for the grace period: it returns before the running call
has ended, and the event it returns is set once the server has stopped. Wait on
it (stopped.wait()) before leaving, or your process may exit first.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guide_server.servicers import Greeter, Monitor
from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2, greeter_pb2_grpc


def main() -> None:
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        tracker = HandlerTracker()
        greeter_pb2_grpc.add_GreeterServicer_to_server(
            Greeter(tracker), server
        )
        greeter_pb2_grpc.add_MonitorServicer_to_server(
            Monitor(tracker), server
        )
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            monitor = greeter_pb2_grpc.MonitorStub(channel)
            request = greeter_pb2.HelloRequest(name="running", delay_ms=1000)
            running = greeter.SayHello.future(request, timeout=10)
            wait = greeter_pb2.WaitRequest(active=1, timeout_ms=3000)
            monitor.WaitForActive(wait, timeout=5)
            start = time.monotonic()
            stopped = server.stop(grace=5)  # (1)!
            took = time.monotonic() - start
            is_event = isinstance(stopped, threading.Event)
            print("stop() returned a threading.Event:", is_event)
            early = took < 0.5 and not running.done()
            print("it returned before the 1 s call ended:", early)
            print("is_set() right away:", stopped.is_set())
            print("the running call:", running.result().message)
            print("wait(5) returned:", stopped.wait(5))  # (2)!


if __name__ == "__main__":
    main()
