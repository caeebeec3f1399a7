"""Allowed: one server per process, all on one port (SO_REUSEPORT).

The pattern of grpc's examples/python/multiprocessing server: the parent
reserves a port, then starts worker processes that each run their own
grpc.server on it. The kernel hands each new connection to one of them; when
one worker stops, the others go on answering on the same port.
"""

import contextlib
import signal
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Worker(greeter_pb2_grpc.GreeterServicer):
    def __init__(self, name: str) -> None:
        self.name = name

    def SayHello(self, request, context):
        return greeter_pb2.HelloReply(
            message=f"Hello from worker {self.name}!"
        )


def run_worker(name: str, port: str) -> None:
    """In its own process: a server on the shared port, until SIGTERM."""
    reuse = [("grpc.so_reuseport", 1)]  # (1)!
    server = grpc.server(ThreadPoolExecutor(max_workers=2), options=reuse)
    greeter_pb2_grpc.add_GreeterServicer_to_server(Worker(name), server)
    server.add_insecure_port(f"127.0.0.1:{port}")
    server.start()
    signal.signal(signal.SIGTERM, lambda *_: server.stop(grace=1))
    print("ready", flush=True)
    server.wait_for_termination()


@contextlib.contextmanager
def reserved_port():
    """A port, kept bound (with SO_REUSEPORT) so that nothing else takes it."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def ask(port: int) -> str:
    """One call on a new connection of its own."""
    options = [("grpc.use_local_subchannel_pool", 1)]  # no connection reuse
    target = f"127.0.0.1:{port}"
    with grpc.insecure_channel(target, options=options) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        return greeter.SayHello(greeter_pb2.HelloRequest(), timeout=5).message


def main() -> None:
    with reserved_port() as port:
        workers = {
            name: subprocess.Popen(
                [sys.executable, __file__, "--worker", name, str(port)],
                stdout=subprocess.PIPE,
                text=True,
            )
            for name in ("A", "B")
        }
        try:
            for worker in workers.values():
                assert worker.stdout.readline() == "ready\n"
            first = ask(port)
            got = first[:17]
            print("two servers listen on one port; a call got:", got, "...")
            answered = first.removeprefix("Hello from worker ").rstrip("!")
            workers[answered].send_signal(signal.SIGTERM)  # (2)!
            workers[answered].wait(timeout=10)
            other = ask(port)
            still = other != first
            print("after that worker stopped, the port still answers:", still)
        finally:
            for worker in workers.values():
                worker.kill()
                worker.communicate()


if __name__ == "__main__":
    run_worker(*sys.argv[2:]) if sys.argv[1:2] == ["--worker"] else main()
