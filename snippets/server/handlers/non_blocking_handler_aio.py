"""Allowed: an async handler that awaits leaves the loop free for others."""

import asyncio
import threading
import time

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


def blocking_work() -> None:
    time.sleep(3)  # stands for a blocking library call


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        # released once by each slow handler
        self.slow_started = threading.Semaphore(0)

    async def SayHello(self, request, context):
        if request.name == "asyncio.sleep":
            self.slow_started.release()
            await asyncio.sleep(3)  # (1)!
        elif request.name == "to_thread":
            self.slow_started.release()
            await asyncio.to_thread(blocking_work)  # (2)!
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


def client(port: int, greeter: Greeter) -> None:
    """A sync client in its own thread, as in the forbidden example."""
    with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        slow = [
            stub.SayHello.future(
                greeter_pb2.HelloRequest(name=name), timeout=10
            )
            for name in ("asyncio.sleep", "to_thread")
        ]
        for _ in slow:
            greeter.slow_started.acquire(timeout=5)  # both slow handlers wait
        fast = greeter_pb2.HelloRequest(name="fast")
        print(stub.SayHello(fast, timeout=1).message)  # (3)!
        for call in slow:
            print(call.result().message)


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
