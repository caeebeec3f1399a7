"""What an in-process example leaves behind: it must be nothing.

Compared with a snapshot taken before the example: Python threads, asyncio tasks not
done, and the bundled server's running handlers. Cleanup takes a moment (a cancelled
call ends on the server a little later), so differences get time to settle first.
"""

import asyncio
import gc
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

SETTLE_SECONDS = 3.0


@dataclass(frozen=True)
class Snapshot:
    threads: frozenset[int]
    tasks: frozenset[int]
    server_handlers: int


def take(server_handlers: Callable[[], int]) -> Snapshot:
    return Snapshot(frozenset(_threads()), frozenset(_pending_tasks()), server_handlers())


def leftovers(before: Snapshot, server_handlers: Callable[[], int]) -> list[str]:
    gc.collect()  # objects in reference cycles (a task and its exception) go now, as at a script's exit
    deadline = time.monotonic() + SETTLE_SECONDS
    while True:
        found = _differences(before, server_handlers)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def _differences(before: Snapshot, server_handlers: Callable[[], int]) -> list[str]:
    found = [
        f"thread {thread.name!r} is still running"
        for ident, thread in _threads().items()
        if ident not in before.threads
    ]
    found += [f"asyncio task {task!r} is not done" for key, task in _pending_tasks().items() if key not in before.tasks]
    handlers = server_handlers()
    if handlers > before.server_handlers:
        found.append(f"the server still runs {handlers - before.server_handlers} handler(s) the example started")
    return found


def _threads() -> dict[int, threading.Thread]:
    return {thread.ident: thread for thread in threading.enumerate() if thread.is_alive()}


def _pending_tasks() -> dict[int, asyncio.Task]:
    # Every task of every loop: asyncio keeps them in a module-level weak set.
    registry = getattr(asyncio.tasks, "_scheduled_tasks", None) or getattr(asyncio.tasks, "_all_tasks", ())
    return {id(task): task for task in list(registry) if not task.done()}
