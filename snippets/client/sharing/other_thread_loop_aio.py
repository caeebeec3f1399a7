"""Forbidden: a grpc.aio stub awaited on another thread's event loop."""

import asyncio
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        failures = []

        def worker() -> None:
            async def greet():
                return await stub.SayHello(
                    greeter_pb2.HelloRequest(name="worker"), timeout=5
                )

            try:
                asyncio.run(greet())  # (1)!
            except Exception as error:
                failures.append(error)

        thread = threading.Thread(target=worker)
        thread.start()
        await asyncio.to_thread(thread.join)
    raise failures[0]  # (2)!


if __name__ == "__main__":
    asyncio.run(main())
