"""Allowed: two reads at once: the second gets EOF, the first every message."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

client_may_send = asyncio.Event()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    async def CollectGreetings(self, request_iterator, context):
        async def read_all() -> list[str]:
            names = []
            while (request := await context.read()) is not grpc.aio.EOF:
                names.append(request.name)
            return names

        first = asyncio.create_task(read_all())
        await asyncio.sleep(0.5)  # `first` now waits for a message
        second = await read_all()  # (1)!
        client_may_send.set()
        names = await first
        print("second reader got:", second)
        print("first reader got:", names)  # (2)!
        return greeter_pb2.GreetingSummary(count=len(second) + len(names))


async def main() -> None:
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()

    async def requests():
        await client_may_send.wait()
        for n in range(3):
            yield greeter_pb2.HelloRequest(name=f"name {n}")

    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        summary = await stub.CollectGreetings(requests(), timeout=10)
    await server.stop(0)
    print("the server counted", summary.count, "of 3")


if __name__ == "__main__":
    asyncio.run(main())
