"""What a whole test run must leave behind in each test process: nothing.

Checked when the process's last test is done and every session resource (bundled server,
browser, site server) has stopped: no thread it started still running, no asyncio task
pending, no child process, no socket listening. Each example is checked on its own as well
(``docs_harness.leaks``); this catches what crosses examples, or comes from the harness.
"""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from docs_harness.leaks import pending_tasks


@dataclass(frozen=True)
class Baseline:
    threads: frozenset[int]


def baseline() -> Baseline:
    return Baseline(frozenset(t.ident for t in threading.enumerate()))


def leftovers(before: Baseline) -> list[str]:
    found = [f"thread {t.name!r}" for t in threading.enumerate() if t.ident not in before.threads and t.is_alive()]
    found += [f"asyncio task {task.get_name()!r} ({task.get_coro()!r})" for task in pending_tasks()]
    found += [f"child process {pid}: {command}" for pid, command in child_processes()]
    found += [f"listening socket on port {port}" for port in listening_ports()]
    return found


def child_processes(parent: int | None = None) -> list[tuple[int, str]]:
    parent = os.getpid() if parent is None else parent
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended meanwhile
            continue
        fields = text.rpartition(")")[2].split()
        if int(fields[1]) == parent and fields[0] != "Z":
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
            found.append((int(stat.parent.name), command[:120]))
    return found


def listening_ports() -> list[int]:
    """TCP ports this process listens on (its own sockets, from /proc)."""
    inodes = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            parts = row.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                ports.append(int(parts[1].rpartition(":")[2], 16))
    return sorted(ports)
