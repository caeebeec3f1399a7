"""Allowed: two services registered on one aio server."""

import asyncio

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.greeted = 0

    async def SayHello(self, request, context):
        self.greeted += 1
        return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")


class Monitor(greeter_pb2_grpc.MonitorServicer):
    def __init__(self, greeter: Greeter) -> None:
        self.greeter = greeter

    async def GetStats(self, request, context):
        return greeter_pb2.Stats(finished={"ok": self.greeter.greeted})


async def main() -> None:
    greeter = Greeter()
    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(greeter, server)
    monitor = Monitor(greeter)
    greeter_pb2_grpc.add_MonitorServicer_to_server(monitor, server)  # (1)!
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        greeter_stub = greeter_pb2_grpc.GreeterStub(channel)
        monitor_stub = greeter_pb2_grpc.MonitorStub(channel)
        for name in ("A", "B"):
            reply = await greeter_stub.SayHello(
                greeter_pb2.HelloRequest(name=name), timeout=5
            )
            print("Greeter:", reply.message)
        stats = await monitor_stub.GetStats(
            greeter_pb2.StatsRequest(), timeout=5
        )
        print("Monitor:", dict(stats.finished))
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
