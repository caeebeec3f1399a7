"""Bench, the benchmark's service, for both server flavours (``benchmarks/grpc_perf.py``).

Each reply carries ``reply_size`` bytes and comes after ``sleep_ms`` of sleep and then
``burn_ms`` of CPU work. The CPU work is counted in the handler thread's own CPU time
(``time.thread_time``), so a handler that waits for the GIL does not finish early: a
CPU-bound handler costs the same CPU however many run at once.
"""

import asyncio
import functools
import time

from guidepb import greeter_pb2, greeter_pb2_grpc


@functools.lru_cache(maxsize=16)
def _payload(size: int) -> bytes:
    return b"x" * max(size, 0)


def _reply(request, index: int = 0) -> greeter_pb2.EchoReply:
    return greeter_pb2.EchoReply(payload=_payload(request.reply_size), index=index)


def burn(milliseconds: int) -> None:
    """Keep the CPU busy, holding the GIL, for this much of the calling thread's CPU time."""
    if milliseconds <= 0:
        return
    end = time.thread_time() + milliseconds / 1000
    total = 0
    while time.thread_time() < end:
        for number in range(200):  # pure-Python work between clock reads
            total += number * number


class Bench(greeter_pb2_grpc.BenchServicer):
    """For the thread-pool server: each handler runs on a pool thread."""

    def _work(self, request) -> None:
        if request.sleep_ms > 0:
            time.sleep(request.sleep_ms / 1000)
        burn(request.burn_ms)

    def Echo(self, request, context):
        self._work(request)
        return _reply(request)

    def StreamEcho(self, request, context):
        for index in range(request.count):
            self._work(request)
            yield _reply(request, index)

    def BidiEcho(self, request_iterator, context):
        for index, request in enumerate(request_iterator):
            self._work(request)
            yield _reply(request, index)


class AioBench(greeter_pb2_grpc.BenchServicer):
    """For the asyncio server: sleeps yield to the loop; CPU work blocks it, as it would."""

    async def _work(self, request) -> None:
        if request.sleep_ms > 0:
            await asyncio.sleep(request.sleep_ms / 1000)
        burn(request.burn_ms)

    async def Echo(self, request, context):
        await self._work(request)
        return _reply(request)

    async def StreamEcho(self, request, context):
        for index in range(request.count):
            await self._work(request)
            yield _reply(request, index)

    async def BidiEcho(self, request_iterator, context):
        index = 0
        async for request in request_iterator:
            await self._work(request)
            yield _reply(request, index)
            index += 1
