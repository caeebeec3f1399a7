"""Allowed: an aio handler learns of the client's cancel as CancelledError.

grpc.aio cancels the handler's task: asyncio.CancelledError is raised where the
handler awaits, and its finally runs. Do not rely on context.cancelled(): here
it is still False, in the handler and in its done-callback.
"""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.callback_ran = asyncio.Event()
        self.report, self.callback_report = [], []

    def done(self, context) -> None:
        cancelled = context.cancelled()
        self.callback_report.append(f"done-callback: cancelled() {cancelled}")
        self.callback_ran.set()

    async def SayHello(self, request, context):
        context.add_done_callback(self.done)
        self.started.set()
        try:
            await asyncio.sleep(10)  # (1)!
        except asyncio.CancelledError:
            cancelled = context.cancelled()  # (2)!
            self.report.append(f"CancelledError; cancelled() {cancelled}")
            raise
        finally:
            self.report.append("finally ran")
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        request = greeter_pb2.HelloRequest(name="slow")
        call = stub.SayHello(request, timeout=15)
        await asyncio.wait_for(greeter.started.wait(), timeout=5)
        print("client: cancel() returned", call.cancel())
        await asyncio.wait_for(greeter.callback_ran.wait(), timeout=5)
    print("handler:", "; ".join(greeter.report))
    print(*greeter.callback_report)
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
