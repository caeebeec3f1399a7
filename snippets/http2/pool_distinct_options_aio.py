"""Allowed: channels told apart by an option value get a connection each."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

LIMIT = [("grpc.max_concurrent_streams", 2)]  # streams per connection
OWN_KEY = "guide.channel_number"  # any key of your own will do


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = {}  # name -> the client's address as the server sees it

    async def StreamGreetings(self, request, context):
        self.started[request.name] = context.peer()
        yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!")
        await asyncio.sleep(10)  # stay open until the call ends (cancelled)


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server(options=LIMIT)
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    target = f"127.0.0.1:{server.add_insecure_port('127.0.0.1:0')}"
    await server.start()
    channels = [
        grpc.aio.insecure_channel(target, options=[(OWN_KEY, n)])  # (1)!
        for n in range(2)
    ]
    stubs = [greeter_pb2_grpc.GreeterStub(ch) for ch in channels]

    def stream(stub, name: str):
        request = greeter_pb2.StreamRequest(name=name)
        return stub.StreamGreetings(request, timeout=10)

    a, b = stream(stubs[0], "A"), stream(stubs[0], "B")
    await a.read(), await b.read()  # channel 0 is at the server's limit
    c = stream(stubs[1], "C")
    print("call C, on channel 1:", (await c.read()).message)  # (2)!
    print("handlers started:", sorted(greeter.started))
    print("connections they came on:", len(set(greeter.started.values())))
    for channel in channels:
        await channel.close()  # cancels the calls
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
