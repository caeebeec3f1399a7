"""Allowed: run subprocess from a handler and from a request iterator.

Both run on threads of grpc's (the server's pool, the channel's request thread)
while calls are in flight. Python's subprocess starts the program without running
the fork handlers of os.register_at_fork(), which is where grpcio's own fork
support lives.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PROGRAM = [sys.executable, "-I", "-S", "-c", "print('ok')"]  # a tiny child process


def run_program() -> str:
    return subprocess.run(PROGRAM, capture_output=True, text=True, timeout=10,
                          check=True).stdout.strip()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def Chat(self, request_iterator, context):
        for request in request_iterator:  # a subprocess on the pool thread
            yield greeter_pb2.HelloReply(message=f"{request.name}: {run_program()}")


def main() -> None:
    fork_handler_runs = []
    os.register_at_fork(before=lambda: fork_handler_runs.append(1))
    with ThreadPoolExecutor(max_workers=2) as pool:
        server = grpc.server(pool)
        greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)

            def requests():  # runs on the channel's request thread
                for i in range(10):
                    yield greeter_pb2.HelloRequest(name=f"request {i}, {run_program()}")

            replies = [reply.message for reply in greeter.Chat(requests(), timeout=30)]
        server.stop(0).wait()
    print(len(replies), "replies; the last:", replies[-1])
    print("fork handlers run by subprocess:", len(fork_handler_runs))


if __name__ == "__main__":
    main()
