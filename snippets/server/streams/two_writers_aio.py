"""Forbidden: two tasks of one handler write at once; the error escapes."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def StreamGreetings(self, request, context):
        async def send(name: str) -> None:
            for index in range(3):
                await context.write(
                    greeter_pb2.HelloReply(
                        message=f"Hello from {name}!", index=index
                    )
                )

        await asyncio.gather(send("task a"), send("task b"))  # (1)!


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            call = stub.StreamGreetings(greeter_pb2.StreamRequest(), timeout=2)
            async for reply in call:  # (2)!
                print(reply.message, reply.index)
    finally:
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
