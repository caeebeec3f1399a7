"""Forbidden: a blocking plain iterator in grpc.aio blocks the event loop."""

import asyncio
import queue

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        warm_up = greeter_pb2.HelloRequest(name="warm-up")
        await stub.SayHello(warm_up, timeout=5)
        inbox = queue.Queue()  # filled by other code, here the main task

        def requests():  # a plain generator, not an async one
            while (request := inbox.get(timeout=2)) is not None:  # (1)!
                yield request

        chat = stub.Chat(requests(), timeout=10)
        # the server answers at once; 1 s is plenty, unless the loop is blocked
        meanwhile = greeter_pb2.HelloRequest(name="meanwhile")
        reply = await stub.SayHello(meanwhile, timeout=1)  # (2)!
        print("while the iterator waits:", reply.message)
        inbox.put(greeter_pb2.HelloRequest(name="late"))  # (3)!
        inbox.put(None)
        print("chat:", [reply.message async for reply in chat])


if __name__ == "__main__":
    asyncio.run(main())
