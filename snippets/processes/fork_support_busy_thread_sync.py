"""Forbidden: with GRPC_ENABLE_FORK_SUPPORT=1, fork while another thread is in an RPC.

grpcio raises nothing. The forked child never returns from os.fork(): it hangs
until it is killed. Without the variable, the same child returns at once.
"""

import os
import select
import signal
import subprocess
import sys
import threading

import grpc

from guide_server import server_address
from guidepb import greeter_pb2, greeter_pb2_grpc

SETTINGS = {
    "no variable": {},
    "GRPC_ENABLE_FORK_SUPPORT=1": {"GRPC_ENABLE_FORK_SUPPORT": "1"},
    "GRPC_ENABLE_FORK_SUPPORT=1 GRPC_POLL_STRATEGY=poll": {
        "GRPC_ENABLE_FORK_SUPPORT": "1", "GRPC_POLL_STRATEGY": "poll",
    },
}


def demo() -> None:
    """In a fresh interpreter: a thread waits in a 10 s call, the main thread forks."""
    channel = grpc.insecure_channel(server_address())
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    monitor = greeter_pb2_grpc.MonitorStub(channel)
    slow = greeter_pb2.HelloRequest(name="slow", delay_ms=10_000)
    threading.Thread(target=greeter.SayHello, args=(slow,), kwargs={"timeout": 15},
                     daemon=True).start()
    wait = greeter_pb2.WaitRequest(active=1, timeout_ms=5000)
    monitor.WaitForActive(wait, timeout=6)  # the other thread is inside its call now
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child, if it ever gets here
        os.write(write_end, b"x")
        os._exit(0)
    os.close(write_end)
    returned = bool(select.select([read_end], [], [], 2)[0])  # at once, normally
    if not returned:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    print("returned" if returned else "stuck", flush=True)
    os._exit(0)  # do not wait for the 10 s call


def main() -> None:
    server_address()  # if the server is down, fail here, saying how to start it
    runs = {}
    for name, variables in SETTINGS.items():
        env = {k: v for k, v in os.environ.items() if not k.startswith("GRPC_")}
        runs[name] = subprocess.Popen(
            [sys.executable, __file__, "--demo"], env={**env, **variables},
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )
    outcomes = {}
    for name, run in runs.items():
        try:
            outcomes[name] = run.communicate(timeout=20)[0].strip()
        except subprocess.TimeoutExpired:
            run.kill()
            outcomes[name] = run.communicate()[0].strip() or "no answer"
    for name, outcome in outcomes.items():
        words = {"returned": "returned from", "stuck": "is stuck in"}
        print(f"{name}: the child {words.get(outcome, outcome)} os.fork()")
    assert all(outcome == "returned" for outcome in outcomes.values()), (
        "with GRPC_ENABLE_FORK_SUPPORT=1 the child did not return from os.fork() in 2 s"
    )


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
