"""Allowed: 4 workers run pure-Python handlers, one core at a time (GIL)."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

WORKERS = 4
# pure-Python work per "compute" handler, in CPU time
COMPUTE_CPU_SECONDS = 0.25
SLEEP_SECONDS = 1.0  # per "sleep" handler


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.all_running = threading.Barrier(WORKERS, timeout=5)
        self.lock = threading.Lock()
        self.spans = []  # (start, end) wall-clock times of each handler's work
        # CPU time the handler threads used for that work
        self.cpu_seconds = 0.0

    def SayHello(self, request, context):
        self.all_running.wait()  # the 4 handlers run at the same time
        wall, cpu = time.monotonic(), time.thread_time()
        if request.name == "compute":
            while time.thread_time() - cpu < COMPUTE_CPU_SECONDS:
                pass  # (1)!
        else:
            time.sleep(SLEEP_SECONDS)  # (2)!
        with self.lock:
            self.spans.append((wall, time.monotonic()))
            self.cpu_seconds += time.thread_time() - cpu
        return greeter_pb2.HelloReply(message=request.name)


def run(kind: str) -> tuple[float, float]:
    """4 concurrent calls of one kind: (handlers' wall time, CPU time)."""
    greeter = Greeter()
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            request = greeter_pb2.HelloRequest(name=kind)
            calls = [
                stub.SayHello.future(request, timeout=8)
                for _ in range(WORKERS)
            ]
            for call in calls:
                call.result()
        server.stop(0)
    starts, ends = zip(*greeter.spans, strict=True)
    return max(ends) - min(starts), greeter.cpu_seconds


def main() -> None:
    wall, cpu = run("compute")
    print(f"compute: {WORKERS} handlers used {cpu:.1f} s of CPU time in total")
    print(
        "compute: CPU time <= 1.1 x wall time (one core at most):",
        cpu <= 1.1 * wall,
    )
    wall, _ = run("sleep")
    within = 2 * SLEEP_SECONDS
    print(f"sleep: {WORKERS} handlers of {SLEEP_SECONDS:g} s each,")
    print(f"  all done within {within:g} s (they overlap):", wall < within)


if __name__ == "__main__":
    main()
