"""Forbidden: two reads of one request stream at once with context.read()."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.client_may_send = asyncio.Event()
        self.false_ends = 0  # reads that returned EOF while the client went on

    async def CollectGreetings(self, request_iterator, context):
        first = asyncio.create_task(context.read())
        await asyncio.sleep(0.5)  # `first` now waits for a message
        second = await context.read()  # (1)!
        self.client_may_send.set()
        reads = [await first, second]
        self.false_ends = sum(read is grpc.aio.EOF for read in reads)
        names = [read.name for read in reads if read is not grpc.aio.EOF]
        # one reader from here on
        while (request := await context.read()) is not grpc.aio.EOF:
            names.append(request.name)
        return greeter_pb2.GreetingSummary(count=len(names), names=names)


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()

    async def requests():
        await asyncio.wait_for(greeter.client_may_send.wait(), 5)
        for n in range(3):
            yield greeter_pb2.HelloRequest(name=f"name {n}")

    try:
        async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
            stub = greeter_pb2_grpc.GreeterStub(channel)
            summary = await stub.CollectGreetings(requests(), timeout=10)
    finally:
        await server.stop(0)
    print("the handler received:", list(summary.names))
    print("read() calls that returned EOF on the way:", greeter.false_ends)
    assert greeter.false_ends == 0, (
        "a read() returned EOF for a stream that went on"
    )


if __name__ == "__main__":
    asyncio.run(main())
