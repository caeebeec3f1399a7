"""Forbidden: time.sleep() in an async handler stalls the whole event loop."""

import asyncio
import threading
import time

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.slow_started = threading.Event()

    async def SayHello(self, request, context):
        if request.name == "slow":
            self.slow_started.set()
            time.sleep(3)  # (1)!
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def client(port: int, greeter: Greeter) -> None:
    """A sync client in a thread of its own: not stalled with the server."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        slow = stub.SayHello.future(
            greeter_pb2.HelloRequest(name="slow"), timeout=10
        )
        greeter.slow_started.wait(timeout=5)
        fast = greeter_pb2.HelloRequest(name="fast")
        try:
            stub.SayHello(fast, timeout=1)  # (2)!
        finally:
            slow.result()


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        await asyncio.to_thread(client, port, greeter)
    finally:
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
