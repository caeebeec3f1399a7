"""Allowed: on a grpc.aio bidi stream, one task writes while another reads."""

import asyncio

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc


async def main() -> None:
    async with grpc.aio.insecure_channel(server_address()) as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.Chat(timeout=5)
        replied = asyncio.Queue()

        async def writer() -> None:
            for n in range(3):
                await call.write(greeter_pb2.HelloRequest(name=f"ping {n}"))
                await replied.get()  # (1)!
            await call.done_writing()

        async def reader() -> list[str]:
            messages = []
            while (reply := await call.read()) is not grpc.aio.EOF:
                messages.append(reply.message)
                replied.put_nowait(reply.index)
            return messages

        _, messages = await asyncio.gather(writer(), reader())  # (2)!
        print(*messages, sep="\n")
        print("status:", (await call.code()).name)


if __name__ == "__main__":
    asyncio.run(main())
