"""Forbidden: two reads of one request stream at once with context.read()."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

client_may_send = asyncio.Event()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def CollectGreetings(self, request_iterator, context):
        first = asyncio.create_task(context.read())
        await asyncio.sleep(0.5)  # `first` now waits for a message
        second = await context.read()  # returns at once, although the client has sent nothing
        client_may_send.set()
        requests = [await first, second]
        names = [request.name for request in requests]
        return greeter_pb2.GreetingSummary(count=len(names), names=names)


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()

    async def requests():
        await client_may_send.wait()
        for n in range(3):
            yield greeter_pb2.HelloRequest(name=f"name {n}")

    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            print(await stub.CollectGreetings(requests(), timeout=10))
    finally:
        await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
