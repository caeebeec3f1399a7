"""Allowed: a stream past max_concurrent_streams waits in the client."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

LIMIT = [("grpc.max_concurrent_streams", 2)]  # streams per connection


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = []  # names, in the order their handlers started
        self.finish = {name: asyncio.Event() for name in "ABC"}

    async def StreamGreetings(self, request, context):
        self.started.append(request.name)
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")
        await asyncio.wait_for(self.finish[request.name].wait(), timeout=10)


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server(options=LIMIT)
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)

        def stream(name: str):
            request = greeter_pb2.StreamRequest(name=name)
            return stub.StreamGreetings(request, timeout=10)

        a, b = stream("A"), stream("B")
        await a.read(), await b.read()  # (1)!
        c = stream("C")
        await asyncio.sleep(1)
        print("after 1 s, handlers started:", sorted(greeter.started))
        print("after 1 s, call C has ended:", c.done())  # (2)!
        greeter.finish["A"].set()  # (3)!
        ended = await a.read() is grpc.aio.EOF
        print("stream A ended:", ended, await a.code())
        print("then call C:", (await c.read()).message)
        print("handlers started:", sorted(greeter.started))
        b.cancel()
        c.cancel()
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
