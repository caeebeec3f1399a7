"""Forbidden: a grpc.aio stub made in one thread's event loop, awaited in another thread's loop."""

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
                asyncio.run(greet())  # a second event loop, in another thread
            except Exception as error:
                failures.append(error)

        thread = threading.Thread(target=worker)
        thread.start()
        await asyncio.to_thread(thread.join)
    raise failures[0]


if __name__ == "__main__":
    asyncio.run(main())
