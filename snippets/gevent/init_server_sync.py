"""Allowed: after init_gevent(), a grpc.server serves in a gevent program."""

import subprocess
import sys

GEVENT = "--gevent"  # this file runs itself again, as a gevent program
if GEVENT in sys.argv:
    from gevent import monkey

    monkey.patch_all()  # first thing, before any other import
    import grpc.experimental.gevent

    grpc.experimental.gevent.init_gevent()  # (1)!

# ruff: noqa: E402 (the imports below come after the patching)
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def SayHello(self, request, context):
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def gevent_program() -> None:
    server = grpc.server(ThreadPoolExecutor(max_workers=4))
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    print("calling server.start()", flush=True)
    server.start()  # (2)!
    print("server.start() returned", flush=True)
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.HelloRequest(name="gevent")
        reply = stub.SayHello(request, timeout=5)
        print("reply:", reply.message)
    server.stop(0)


def main() -> None:
    command = [sys.executable, __file__, GEVENT]
    child = subprocess.run(command, capture_output=True, text=True, timeout=20)
    child.check_returncode()
    print(child.stdout, end="")


if __name__ == "__main__":
    gevent_program() if GEVENT in sys.argv else main()
