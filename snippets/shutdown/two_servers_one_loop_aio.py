"""Forbidden: two aio servers in one event loop, each with a SIGTERM handler.

An event loop keeps one handler per signal: the second add_signal_handler()
call replaces the first. On SIGTERM only the second server stops; the first
keeps serving and the process does not exit. grpcio raises nothing.
"""

import signal
import subprocess
import sys

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


def serve() -> None:
    """The server process: two servers, each with "its own" SIGTERM handler."""
    import asyncio

    from guide_server.server import create_aio_server

    async def run_one(name: str) -> None:
        server, port = create_aio_server("127.0.0.1:0")
        await server.start()

        def stop() -> None:
            asyncio.ensure_future(server.stop(grace=1))

        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop)  # (1)!
        print(name, port, flush=True)
        await server.wait_for_termination()
        print(name, "stopped", flush=True)

    async def run() -> None:
        await asyncio.gather(run_one("first"), run_one("second"))

    asyncio.run(run())


def answers(port: str) -> bool:
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        try:
            greeter.SayHello(greeter_pb2.HelloRequest(name="you"), timeout=2)
        except grpc.RpcError:
            return False
        return True


def main() -> None:
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ports = dict(child.stdout.readline().split() for _ in range(2))
        child.send_signal(signal.SIGTERM)
        print("server:", child.stdout.readline().strip())
        for name in ("first", "second"):
            print(f"the {name} server answers:", answers(ports[name]))
        try:
            child.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        assert child.poll() is not None, (
            "the process should have exited on SIGTERM"
        )
    finally:
        child.kill()
        child.communicate()


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["--serve"] else main()
