"""Allowed: a grpc.aio call's done-callback runs on the event loop's thread."""

import asyncio
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        done = asyncio.Event()
        ran_on = []

        def record(call) -> None:
            ran_on.append(
                threading.current_thread() is threading.main_thread()
            )
            done.set()  # safe: we are on the loop's thread

        call = stub.SayHello(
            greeter_pb2.HelloRequest(name="a", delay_ms=300), timeout=5
        )
        call.add_done_callback(record)  # (1)!
        await call
        await asyncio.wait_for(done.wait(), timeout=5)
        print("ran on the event loop's thread?", ran_on[0])


if __name__ == "__main__":
    asyncio.run(main())
