"""Allowed: a plain def handler on an aio server runs on a thread."""

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.both_running = threading.Barrier(2, timeout=5)

    def SayHello(self, request, context):  # def, not async def
        self.both_running.wait()  # (1)!
        return greeter_pb2.HelloReply(message=threading.current_thread().name)


async def handler_threads(pool: ThreadPoolExecutor | None) -> list[str]:
    server = grpc.aio.server(migration_thread_pool=pool)  # (2)!
    greeter_pb2_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        calls = [
            stub.SayHello(greeter_pb2.HelloRequest(name=str(n)), timeout=5)
            for n in range(2)
        ]
        replies = await asyncio.gather(*calls)
    await server.stop(0)
    return sorted(reply.message for reply in replies)


async def main() -> None:
    print("event loop thread:", threading.current_thread().name)
    print("default:", await handler_threads(None))
    with ThreadPoolExecutor(
        max_workers=2, thread_name_prefix="sync-handler"
    ) as pool:
        print("migration_thread_pool:", await handler_threads(pool))


if __name__ == "__main__":
    asyncio.run(main())
