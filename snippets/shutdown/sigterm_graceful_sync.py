"""Allowed: on SIGTERM, a sync server stops with a grace; running calls finish.

The server process installs a SIGTERM handler that calls server.stop(grace=5).
A 1 s call that is running when the signal arrives gets its reply; a call made
after it fails; wait_for_termination() returns and the process exits.
"""

import signal
import subprocess
import sys

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


def serve() -> None:
    """The server process."""
    from guide_server.server import create_server

    server, port = create_server("127.0.0.1:0")
    server.start()

    def on_sigterm(signum, frame) -> None:
        server.stop(grace=5)  # (1)!
        print("server: stopping", flush=True)

    signal.signal(signal.SIGTERM, on_sigterm)  # (2)!
    print(port, flush=True)
    server.wait_for_termination()
    print("server: wait_for_termination() returned", flush=True)


def main() -> None:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        port = child.stdout.readline().strip()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            monitor = greeter_pb2_grpc.MonitorStub(channel)
            request = greeter_pb2.HelloRequest(name="running", delay_ms=1000)
            running = greeter.SayHello.future(request, timeout=10)
            wait = greeter_pb2.WaitRequest(active=1, timeout_ms=3000)
            monitor.WaitForActive(wait, timeout=5)
            child.send_signal(signal.SIGTERM)
            print(child.stdout.readline().strip())
            try:
                late = greeter_pb2.HelloRequest(name="late")
                greeter.SayHello(late, timeout=5)
                print("a new call succeeded")
            except grpc.RpcError:
                print("a new call failed")
            print("the running call:", running.result().message)
        print(child.stdout.readline().strip())
        print("server process exit status:", child.wait(timeout=10))
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
