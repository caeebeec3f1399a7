"""Forbidden: catch KeyboardInterrupt inside the coroutine of an aio server.

Under asyncio.run(), Ctrl-C (SIGINT) does not raise KeyboardInterrupt inside
the coroutine: asyncio cancels the main task instead, so the except clause
never runs and no graceful stop happens. The call that is running fails at
once, CANCELLED.
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
            await server.wait_for_termination()
        except KeyboardInterrupt:  # (1)!
            print("server: except KeyboardInterrupt ran", flush=True)
            await server.stop(grace=5)

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
                try:
                    output = child.communicate(timeout=10)[0]
                except subprocess.TimeoutExpired:
                    output = None
                ran_on = "the server still ran 10 s after Ctrl-C"
                assert output is not None, ran_on
                print("server printed:", repr(output))
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
