"""The server's own view of its handlers: how many run now, and how each one ended."""

import asyncio
import contextlib
import threading
from collections import Counter

from guidepb import greeter_pb2

DEADLINE_SLACK = 0.1  # seconds
OUTCOMES = ("ok", "cancelled", "deadline_exceeded", "error")


class HandlerTracker:
    """Counts running handlers per method and finished ones per outcome (thread-safe)."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._active: Counter[str] = Counter()
        self._finished: Counter[str] = Counter()

    @contextlib.contextmanager
    def track(self, method: str, context):
        """Wrap one handler run; the outcome is read from the context when it ends."""
        with self._changed:
            self._active[method] += 1
            self._changed.notify_all()
        raised, closed = True, False
        try:
            yield
            raised = False
        except GeneratorExit:  # grpc.aio closed a streaming handler at a yield: its call had ended
            closed = True
            raise
        finally:
            outcome = _outcome(context, raised, closed)
            with self._changed:
                self._active[method] -= 1
                self._finished[outcome] += 1
                self._changed.notify_all()

    def active(self) -> int:
        with self._changed:
            return sum(self._active.values())

    def wait_for_active(self, count: int, timeout: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: sum(self._active.values()) == count, timeout)

    def stats(self) -> greeter_pb2.Stats:
        with self._changed:
            return greeter_pb2.Stats(
                active=sum(self._active.values()),
                active_by_method={m: n for m, n in self._active.items() if n},
                finished={o: self._finished[o] for o in OUTCOMES},
            )


def _outcome(context, raised: bool, closed: bool = False) -> str:
    if closed:
        ended = True
    elif hasattr(context, "is_active"):  # thread-pool server
        ended = not context.is_active()
    else:  # grpc.aio server: the handler's task is cancelled when the call ends early
        ended = context.cancelled() or _current_task_cancelling()
    if ended:
        remaining = context.time_remaining()
        # a call ended by its deadline: grpc may wake the handler a moment before its own clock says so
        return "deadline_exceeded" if remaining is not None and remaining < DEADLINE_SLACK else "cancelled"
    return "error" if raised else "ok"


def _current_task_cancelling() -> bool:
    try:
        task = asyncio.current_task()
    except RuntimeError:
        return False
    return task is not None and task.cancelling() > 0
