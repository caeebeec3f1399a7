"""Forbidden: two tasks call read() on one grpc.aio stream: a false EOF."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.StreamGreetings(
            greeter_pb2.StreamRequest(name="x", count=4, interval_ms=300),
            timeout=5,
        )
        print("first message:", (await call.read()).index)

        async def read_to_eof() -> tuple[list[int], bool]:
            indexes = []
            while (reply := await call.read()) is not grpc.aio.EOF:
                indexes.append(reply.index)
            # done(): had the call ended when EOF came?
            return indexes, call.done()

        task_a = asyncio.create_task(read_to_eof())
        await asyncio.sleep(0.1)  # (1)!
        task_b = asyncio.create_task(read_to_eof())  # (2)!
        (got_a, _), (got_b, ended) = await task_a, await task_b  # (3)!
        print("task A read:", got_a)
        print(
            "task B read:",
            got_b,
            "- the call had ended when B got EOF:",
            ended,
        )
    assert got_b, (
        "task B saw no message: its first read() returned EOF"
        " when the call ended"
    )


if __name__ == "__main__":
    asyncio.run(main())
