"""Allowed: a sync server that catches KeyboardInterrupt stops gracefully.

KeyboardInterrupt is raised in the main thread, inside wait_for_termination();
the server process catches it and calls server.stop(grace=5).wait(). The 1 s
call that is running gets its reply; a call made after the signal fails.
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

    # Ctrl-C raises KeyboardInterrupt, as Python sets it up by default
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        print(port, flush=True)
        server.wait_for_termination()
    except KeyboardInterrupt:  # (1)!
        stopped = server.stop(grace=5)  # (2)!
        print("server: KeyboardInterrupt caught, stopping", flush=True)
        stopped.wait()
    print("server: stopped", flush=True)


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
            child.send_signal(signal.SIGINT)  # what Ctrl-C sends
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
