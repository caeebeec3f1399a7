"""Forbidden: let an aio done-callback raise: its error replaces the result.

The callback runs when the call's status arrives, inside the coroutine that
awaits the call: `await call` raises the callback's exception (here KeyError)
instead of returning the reply, although the call itself ended OK.
"""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

counts = {}


def count_reply(call) -> None:
    counts["replies"] += 1  # a bug: the key was never set


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.HelloRequest(name="you", delay_ms=300)
        call = greeter.SayHello(request, timeout=5)
        call.add_done_callback(count_reply)  # (1)!
        try:
            await call  # (2)!
        finally:
            print("the call itself ended:", (await call.code()).name)


if __name__ == "__main__":
    asyncio.run(main())
