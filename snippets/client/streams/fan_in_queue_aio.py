"""Allowed: tasks feed one grpc.aio stream through a queue and one writer."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

PRODUCERS = 4


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings(timeout=10)
        outbox = asyncio.Queue(maxsize=10)

        async def produce(p: int) -> None:
            for n in range(25):
                await outbox.put(
                    greeter_pb2.HelloRequest(name=f"producer {p} item {n}")
                )

        async def write_all() -> None:  # (1)!
            while (request := await outbox.get()) is not None:
                await call.write(request)
            await call.done_writing()  # (2)!

        writer = asyncio.create_task(write_all())
        await asyncio.gather(*(produce(p) for p in range(PRODUCERS)))
        await outbox.put(None)  # every producer has finished
        await writer
        summary = await call

    print(
        "names received:", summary.count, "distinct:", len(set(summary.names))
    )


if __name__ == "__main__":
    asyncio.run(main())
