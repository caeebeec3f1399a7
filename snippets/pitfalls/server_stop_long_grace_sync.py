"""Allowed: a grace longer than the running call lets the call finish."""

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
            # a 1 s call, running on the server when it stops
            slow = greeter.SayHello.future(
                greeter_pb2.HelloRequest(name="slow", delay_ms=1000),
                timeout=10,
            )
            monitor.WaitForActive(
                greeter_pb2.WaitRequest(active=1, timeout_ms=3000), timeout=5
            )
            stopped = server.stop(grace=5)  # (1)!
            print(slow.result().message)
            stopped.wait()


if __name__ == "__main__":
    main()
