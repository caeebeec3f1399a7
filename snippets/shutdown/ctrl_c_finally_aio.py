"""Forbidden: stop an aio server with a grace in a finally after Ctrl-C.

Under asyncio.run(), Ctrl-C (SIGINT) cancels the main task, and with it the
server's wait_for_termination(). The finally clause runs, but the server's
stop(grace=5) then raises CancelledError at once: no grace. The call that is
running fails, CANCELLED or UNAVAILABLE depending on timing.
"""

import signal
import subprocess
import sys

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


def serve() -> None:
    """The server process."""
    import asyncio

    from guide_server.server import create_aio_server

    async def run() -> None:
        server, port = create_aio_server("127.0.0.1:0")
        await server.start()
        print(port, flush=True)
        try:
            await server.wait_for_termination()  # (1)!
        finally:
            print("server: finally runs", flush=True)
            try:
                await server.stop(grace=5)  # (2)!
            except BaseException as error:
                name = type(error).__name__
                print("server: stop() raised", name, flush=True)
                raise

    # Ctrl-C raises KeyboardInterrupt, as Python sets it up by default
    signal.signal(signal.SIGINT, signal.default_int_handler)
    asyncio.run(run())


def main() -> None:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
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
            try:
                running.result()
            finally:
                output = child.communicate(timeout=10)[0]
                print("server printed:", repr(output))
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
