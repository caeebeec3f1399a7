"""Allowed: run subprocess from a handler and from a request iterator.

Both run on threads of grpc's (the server's pool, the channel's request thread)
while calls are in flight. Python's subprocess starts the program without
running the fork handlers of os.register_at_fork(), which is where grpcio's own
fork support lives.
"""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PROGRAM = [sys.executable, "-I", "-S", "-c", "print('ok')"]  # a tiny program


def run_program() -> str:
    done = subprocess.run(
        PROGRAM, capture_output=True, text=True, timeout=10, check=True
    )
    return done.stdout.strip()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def Chat(self, request_iterator, context):
        for request in request_iterator:
            output = run_program()  # (1)!
            yield greeter_pb2.HelloReply(message=f"{request.name}: {output}")


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
                    name = f"request {i}, {run_program()}"  # (2)!
                    yield greeter_pb2.HelloRequest(name=name)

            chat = greeter.Chat(requests(), timeout=30)
            replies = [reply.message for reply in chat]
        server.stop(0).wait()
    print(len(replies), "replies; the last:", replies[-1])
    print("fork handlers run by subprocess:", len(fork_handler_runs))  # (3)!


if __name__ == "__main__":
    main()
