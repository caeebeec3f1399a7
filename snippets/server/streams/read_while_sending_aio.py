"""Allowed: in a bidi handler, one task reads while another writes."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def Chat(self, request_iterator, context):
        inbox = asyncio.Queue()

        async def receive() -> None:  # (1)!
            while (request := await context.read()) is not grpc.aio.EOF:
                await inbox.put(request)
            await inbox.put(None)

        reader = asyncio.create_task(receive())
        index = 0
        while (request := await inbox.get()) is not None:  # (2)!
            await context.write(
                greeter_pb2.HelloReply(
                    message=f"Hello, {request.name}!", index=index
                )
            )
            index += 1
        await reader


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.Chat(timeout=10)
        replies = []
        # ping-pong: the next request only after the previous reply
        for n in range(100):
            await call.write(greeter_pb2.HelloRequest(name=f"name {n}"))
            replies.append((await call.read()).message)
        await call.done_writing()
        assert await call.read() is grpc.aio.EOF
    await server.stop(0)
    print(len(replies), "replies:", replies[0], "...", replies[-1])


if __name__ == "__main__":
    asyncio.run(main())
