"""Allowed: handle Ctrl-C in an aio server with loop.add_signal_handler().

The handler starts server.stop(grace=5) on the event loop. asyncio.run() then
never sees the signal: the running call gets its reply, wait_for_termination()
returns and the process exits normally.
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

        def stop() -> None:
            asyncio.ensure_future(server.stop(grace=5))

        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGINT, stop)  # (1)!
        await server.wait_for_termination()  # (2)!
        print("server: wait_for_termination() returned", flush=True)

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
            print("the running call:", running.result().message)
        output = child.communicate(timeout=10)[0]
        print("server printed:", repr(output))
        print("server process exit status:", child.returncode)
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
