"""Forbidden: what the colliding context.write() raises in the handler."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

failures = []  # what the handler's writers raised


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def StreamGreetings(self, request, context):
        async def send(name: str) -> None:
            for index in range(3):
                await context.write(
                    greeter_pb2.HelloReply(
                        message=f"Hello from {name}!", index=index
                    )
                )

        results = await asyncio.gather(  # (1)!
            send("task a"), send("task b"), return_exceptions=True
        )
        failures.extend(result for result in results if result is not None)


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        async for reply in stub.StreamGreetings(
            greeter_pb2.StreamRequest(), timeout=5
        ):
            print(reply.message, reply.index)
    await server.stop(0)
    print("failed writes:", len(failures))
    print("a grpc.RpcError?", isinstance(failures[0], grpc.RpcError))  # (2)!
    raise failures[0]


if __name__ == "__main__":
    asyncio.run(main())
