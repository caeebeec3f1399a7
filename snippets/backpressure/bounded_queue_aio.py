"""Allowed: a bounded asyncio.Queue makes fan-in producers wait for the stream.

Four producer tasks put 64 KB requests into an asyncio.Queue(maxsize=8); one
writer task takes them out and is the only caller of write(). The server stops
reading after the first request: once write() stops completing, the queue fills
and every producer waits in put(). When the server reads again, every request
arrives.
"""

import asyncio
import time

import grpc

from guidepb import greeter_pb2, greeter_pb2_grpc

PRODUCERS, EACH = 4, 100
PAYLOAD = "x" * 65536  # 64 KB per request
DONE = object()  # a producer's last item


class SlowReader(greeter_pb2_grpc.GreeterServicer):
    def __init__(self) -> None:
        self.resume = asyncio.Event()

    async def CollectGreetings(self, request_iterator, context):
        count = 0
        async for _ in request_iterator:
            count += 1
            if count == 1:
                await self.resume.wait()  # the server stops reading
        return greeter_pb2.GreetingSummary(count=count)


async def main() -> None:
    reader = SlowReader()
    backlog = asyncio.Queue(maxsize=8)  # (1)!
    waiting = [False] * PRODUCERS  # producer p is inside put()

    async def produce(p: int) -> None:
        for i in range(EACH):
            request = greeter_pb2.HelloRequest(name=f"{p}-{i}:" + PAYLOAD)
            waiting[p] = True
            await backlog.put(request)  # (2)!
            waiting[p] = False
        await backlog.put(DONE)

    written = 0  # requests whose write() has completed

    async def write_all(call) -> None:
        nonlocal written
        finished = 0
        while finished < PRODUCERS:
            item = await backlog.get()
            if item is DONE:
                finished += 1
            else:
                await call.write(item)  # (3)!
                written += 1
        await call.done_writing()

    async def stalled() -> tuple[bool, int]:  # once write() stops completing
        last, since = -1, time.monotonic()
        while True:
            if written != last:
                last, since = written, time.monotonic()
            full, in_put = backlog.full(), sum(waiting)  # one snapshot
            quiet = time.monotonic() - since > 0.5
            if quiet and full and in_put == PRODUCERS:
                return full, in_put
            await asyncio.sleep(0.01)

    server = grpc.aio.server()
    greeter_pb2_grpc.add_GreeterServicer_to_server(reader, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
        stub = greeter_pb2_grpc.GreeterStub(channel)
        call = stub.CollectGreetings(timeout=30)
        tasks = [asyncio.create_task(produce(p)) for p in range(PRODUCERS)]
        tasks.append(asyncio.create_task(write_all(call)))
        full, in_put = await asyncio.wait_for(stalled(), timeout=10)
        print(
            f"server not reading: queue full: {full}",
            f"| producers waiting in put(): {in_put}",
        )
        reader.resume.set()
        count = (await call).count
        print("after the server read again:", count, "requests arrived")
        await asyncio.gather(*tasks)
    await server.stop(0)


if __name__ == "__main__":
    asyncio.run(main())
