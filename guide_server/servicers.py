"""Greeter and Monitor for the thread-pool server (``grpc.server``)."""

import threading

from guide_server.tracking import HandlerTracker
from guidepb import greeter_pb2, greeter_pb2_grpc


class _CallEnd:
    """Lets a handler wait without outliving its call: wakes when the RPC terminates."""

    def __init__(self, context) -> None:
        self._ended = threading.Event()
        if not context.add_callback(self._ended.set):
            self._ended.set()

    def wait(self, milliseconds: int) -> bool:
        """Sleep; True if the call ended meanwhile."""
        return self._ended.wait(milliseconds / 1000) if milliseconds else self._ended.is_set()


class Greeter(greeter_pb2_grpc.GreeterServicer):
    def __init__(self, tracker: HandlerTracker) -> None:
        self._tracker = tracker

    def SayHello(self, request, context):
        with self._tracker.track("SayHello", context):
            _CallEnd(context).wait(request.delay_ms)
            return greeter_pb2.HelloReply(message=f"Hello, {request.name}!")

    def StreamGreetings(self, request, context):
        with self._tracker.track("StreamGreetings", context):
            call_end = _CallEnd(context)
            index = 0
            while request.count == 0 or index < request.count:
                if call_end.wait(request.interval_ms):
                    return
                yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!", index=index)
                index += 1

    def CollectGreetings(self, request_iterator, context):
        with self._tracker.track("CollectGreetings", context):
            names = [request.name for request in request_iterator]
            return greeter_pb2.GreetingSummary(count=len(names), names=names)

    def Chat(self, request_iterator, context):
        with self._tracker.track("Chat", context):
            call_end = _CallEnd(context)
            for index, request in enumerate(request_iterator):
                if call_end.wait(request.delay_ms):
                    return
                yield greeter_pb2.HelloReply(message=f"Hello, {request.name}!", index=index)


class Monitor(greeter_pb2_grpc.MonitorServicer):
    def __init__(self, tracker: HandlerTracker) -> None:
        self._tracker = tracker

    def GetStats(self, request, context):
        return self._tracker.stats()

    def WaitForActive(self, request, context):
        self._tracker.wait_for_active(request.active, request.timeout_ms / 1000)
        return self._tracker.stats()
