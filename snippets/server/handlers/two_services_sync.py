"""Allowed: two services on one sync server, sharing its thread pool."""

import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.greeted = 0
        self.lock = threading.Lock()

    def SayHello(self, request, context):
        with self.lock:
            self.greeted += 1
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


class Monitor(greeter_pb2_grpc.MonitorServicer):
    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    def GetStats(self, request, context):
        with self.greeter.lock:
            return greeter_pb2.Stats(finished={"ok": self.greeter.greeted})


def main() -> None:
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        greeter_pb2_grpc.add_MonitorServicer_to_server(  # (1)!
            Monitor(greeter), server
        )
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter_stub = greeter_pb2_grpc.GreeterStub(channel)
            monitor_stub = greeter_pb2_grpc.MonitorStub(channel)
            for name in ("A", "B"):
                print(
                    "Greeter:",
                    greeter_stub.SayHello(
                        greeter_pb2.HelloRequest(name=name), timeout=5
                    ).message,
                )
            stats = monitor_stub.GetStats(
                greeter_pb2.StatsRequest(), timeout=5
            )
            print("Monitor:", dict(stats.finished))
        server.stop(0)


if __name__ == "__main__":
    main()
