"""Forbidden: let Ctrl-C (SIGINT) end a sync server while a stream is open.

KeyboardInterrupt ends the server process's main thread, yet the process does
not exit: on the way out Python waits for the handler pool's threads, and the
stream's handler goes on sending. The stream ends only at the client's
deadline, DEADLINE_EXCEEDED.
"""

import signal
import subprocess
import sys
import time

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


def serve() -> None:
    """The server process: no handling of KeyboardInterrupt at all."""
    from guide_server.server import create_server

    # Ctrl-C raises KeyboardInterrupt, as Python sets it up by default
    signal.signal(signal.SIGINT, signal.default_int_handler)
    server, port = create_server("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    server.wait_for_termination()  # (1)!


def main() -> None:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        port = child.stdout.readline().strip()
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            endless = greeter_pb2.StreamRequest(
                name="s", count=0, interval_ms=100
            )
            stream = greeter.StreamGreetings(endless, timeout=4)
            next(stream)
            child.send_signal(signal.SIGINT)  # what Ctrl-C sends
            # the traceback that ends the server's main thread
            for line in child.stderr:
                if line.startswith("KeyboardInterrupt"):
                    print("server: the main thread ended with", line.strip())
                    break
            received, start = 0, time.monotonic()
            while time.monotonic() - start < 1:
                next(stream)  # (2)!
                received += 1
            print("the stream went on for a second after that:", received > 2)
            print("server process still running:", child.poll() is None)
            for _ in stream:  # until the deadline
                pass
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
