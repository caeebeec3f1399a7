"""Forbidden: an aio server with maximum_concurrent_rpcs=2 refuses a third."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def SayHello(self, request, context):
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    async def StreamGreetings(self, request, context):
        index = 0
        while True:  # until the call ends: then this task is cancelled
            await asyncio.sleep(request.interval_ms / 1000)
            yield greeter_pb2.HelloReply(
                message=f"Hello, {request.name}!", index=index
            )
            index += 1


async def main() -> None:
    server = grpc.aio.server(maximum_concurrent_rpcs=2)  # (1)!
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.StreamRequest(name="busy", interval_ms=100)
        busy = [stub.StreamGreetings(request, timeout=10) for _ in range(2)]
        for stream in busy:
            await stream.read()  # two RPCs in progress
        try:
            await stub.SayHello(  # (2)!
                greeter_pb2.HelloRequest(name="third"), timeout=5
            )
        finally:
            for stream in busy:
                stream.cancel()
            await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
