"""Allowed: an async generator that waits with await leaves the loop free."""

import asyncio
import queue

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        inbox = queue.Queue()  # filled by other code, here the main task

        async def requests():  # an async generator: each wait is an await
            while True:
                item = await asyncio.to_thread(inbox.get, timeout=5)  # (1)!
                if item is None:
                    return
                yield item

        chat = stub.Chat(requests(), timeout=10)
        meanwhile = greeter_pb2.HelloRequest(name="meanwhile")
        reply = await stub.SayHello(meanwhile, timeout=1)  # (2)!
        print("while the iterator waits:", reply.message)
        inbox.put(greeter_pb2.HelloRequest(name="late"))
        inbox.put(None)  # no more requests: the call half-closes
        print("chat:", [reply.message async for reply in chat])


if __name__ == "__main__":
    asyncio.run(main())
