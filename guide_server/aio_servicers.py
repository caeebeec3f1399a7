"""Greeter and Monitor for the asyncio server (``grpc.aio.server``): the same behaviour."""

import asyncio
import time

from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2, greeter_pb2_grpc


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self, tracker: HandlerTracker) -> None:
        self._tracker = tracker

    async def SayHello(self, request, context):
        with self._tracker.track("SayHello", context):
            await asyncio.sleep(request.delay_ms / 1000)
            return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    async def StreamGreetings(self, request, context):
        with self._tracker.track("StreamGreetings", context):
            index = 0
            while request.count == 0 or index < request.count:
                await asyncio.sleep(request.interval_ms / 1000)
                yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!", index=index)
                index += 1

    async def CollectGreetings(self, request_iterator, context):
        with self._tracker.track("CollectGreetings", context):
            names = [request.name async for request in request_iterator]
            return greeter_pb2.GreetingSummary(count=len(names), names=names)

    async def Chat(self, request_iterator, context):
        with self._tracker.track("Chat", context):
            index = 0
            async for request in request_iterator:
                await asyncio.sleep(request.delay_ms / 1000)
                yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!", index=index)
                index += 1


class Monitor(greeter_pb2_grpc.MonitorServicer):
    def __init__(self, tracker: HandlerTracker) -> None:
        self._tracker = tracker

    async def GetStats(self, request, context):
        return self._tracker.stats()

    async def WaitForActive(self, request, context):
        deadline = time.monotonic() + request.timeout_ms / 1000
        while self._tracker.active() != request.active and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
        return self._tracker.stats()
