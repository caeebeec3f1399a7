"""Forbidden: fork while another thread is in an RPC, with fork support on.

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
        "GRPC_ENABLE_FORK_SUPPORT": "1",
        "GRPC_POLL_STRATEGY": "poll",
    },
}


def demo() -> None:
    """In a fresh interpreter: a thread waits in a call, the main one forks."""
    channel = grpc.insecure_channel(server_address())
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    monitor = greeter_pb2_grpc.MonitorStub(channel)
    slow = greeter_pb2.HelloRequest(name="slow", delay_ms=10_000)

    def busy() -> None:  # another thread, in a blocking 10 s call
        greeter.SayHello(slow, timeout=15)

    threading.Thread(target=busy, daemon=True).start()
    wait = greeter_pb2.WaitRequest(active=1, timeout_ms=5000)
    monitor.WaitForActive(wait, timeout=6)  # (1)!
    read_end, write_end = os.pipe()
    pid = os.fork()  # (2)!
    if pid == 0:  # the child, if it ever gets here
        os.write(write_end, b"x")
        os._exit(0)
    os.close(write_end)
    # normally the child writes at once; give it 2 s
    returned = bool(select.select([read_end], [], [], 2)[0])
    if not returned:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    print("returned" if returned else "stuck", flush=True)
    os._exit(0)  # do not wait for the 10 s call


def main() -> None:
    server_address()  # with no server up, fails here and says how to start one
    runs = {}
    for name, variables in SETTINGS.items():
        env = {
            k: v for k, v in os.environ.items() if not k.startswith("GRPC_")
        }
        runs[name] = subprocess.Popen(
            [sys.executable, __file__, "--demo"],
            env={**env, **variables},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
    outcomes = {}
    for name, run in runs.items():
        try:
            outcomes[name] = run.communicate(timeout=20)[0].strip()
        except subprocess.TimeoutExpired:
            run.kill()
            outcomes[name] = run.communicate()[0].strip() or "no answer"
    for name, outcome in outcomes.items():
        words = {"returned": "returned from", "stuck": "stuck in"}
        print(f"{name}: child {words.get(outcome, outcome)} os.fork()")
    assert all(outcome == "returned" for outcome in outcomes.values()), (
        "with GRPC_ENABLE_FORK_SUPPORT=1 the child did not return from"
        " os.fork() in 2 s"
    )


if __name__ == "__main__":
    demo() if sys.argv[1:] == ["--demo"] else main()
