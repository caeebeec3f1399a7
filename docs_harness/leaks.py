"""What an in-process example leaves behind: it must be nothing.

Compared with a snapshot taken before the example: Python threads, asyncio tasks not
done (of any event loop, found through the garbage collector, so it works on every
Python without asyncio's private registries), and the bundled server's running
handlers. Cleanup takes a moment (a cancelled call ends on the server a little later),
so differences get time to settle first.
"""

import asyncio
import gc
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass

SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class Snapshot:
    threads: frozenset[int]
    tasks: weakref.WeakSet
    server_handlers: int


def take(server_handlers: Callable[[], int]) -> Snapshot:
    return Snapshot(frozenset(_threads()), weakref.WeakSet(pending_tasks()), server_handlers())


def leftovers(before: Snapshot, server_handlers: Callable[[], int]) -> list[str]:
    gc.collect()  # objects in reference cycles (a task and its exception) go now, as at a script's exit
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        found = _differences(before, server_handlers)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def pending_tasks() -> list[asyncio.Task]:
    """Every asyncio task of this process that is not done, whichever loop or thread it belongs to."""
    return [task for task in gc.get_objects() if isinstance(task, asyncio.Task) and not task.done()]


def _differences(before: Snapshot, server_handlers: Callable[[], int]) -> list[str]:
    found = [
        f"thread {thread.name!r} is still running"
        for ident, thread in _threads().items()
        if ident not in before.threads
    ]
    found += [
        f"asyncio task {task.get_name()!r} ({task.get_coro()!r}) is not done"
        for task in pending_tasks()
        if task not in before.tasks
    ]
    handlers = server_handlers()
    if handlers > before.server_handlers:
        found.append(f"the server still runs {handlers - before.server_handlers} handler(s) the example started")
    return found


def _threads() -> dict[int, threading.Thread]:
    return {thread.ident: thread for thread in threading.enumerate() if thread.is_alive()}
