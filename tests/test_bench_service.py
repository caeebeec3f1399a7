"""The benchmark's Bench service on the bundled server, and the server options it needs."""

import re
import signal
import subprocess
import sys
import threading
import time

import grpc
import pytest

from docs_harness import PROJECT_ROOT
from guide_server.bench_servicers import burn
from guidepb import greeter_pb2, greeter_pb2_grpc


def start(*options: str) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "guide_server", "--address", "127.0.0.1:0", *options]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
    announcement = server.stdout.readline()
    flavour = "aio" if "--aio" in options else "sync"
    assert announcement.startswith(f"guide server ({flavour}) listening on 127.0.0.1:"), announcement
    return server, announcement.split()[-1]


def stop(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGTERM)
    try:
        assert server.wait(timeout=10) == 0
    finally:
        server.kill()
        server.wait()
        server.stdout.close()


@pytest.fixture
def serve():
    """Starts `python -m guide_server OPTIONS...`; yields a function that returns its address."""
    started = []

    def run(*options: str) -> str:
        server, address = start(*options)
        started.append(server)
        return address

    yield run
    for server in started:
        stop(server)


@pytest.mark.parametrize("flavour", ["sync", "aio"])
def test_every_bench_method_answers_with_the_size_asked_for(serve, flavour):
    address = serve(*(["--aio"] if flavour == "aio" else []))
    with grpc.insecure_channel(address) as channel:
        bench = greeter_pb2_grpc.BenchStub(channel)
        reply = bench.Echo(greeter_pb2.EchoRequest(reply_size=1000), timeout=5)
        assert reply.payload == b"x" * 1000
        stream = bench.StreamEcho(greeter_pb2.EchoRequest(reply_size=64 * 1024, count=3), timeout=5)
        assert [(r.index, len(r.payload)) for r in stream] == [(0, 65536), (1, 65536), (2, 65536)]
        requests = iter([greeter_pb2.EchoRequest(reply_size=size) for size in (1, 2, 3)])
        assert [len(r.payload) for r in bench.BidiEcho(requests, timeout=5)] == [1, 2, 3]
        big = bench.Echo(greeter_pb2.EchoRequest(reply_size=1024 * 1024), timeout=5)
        assert len(big.payload) == 1024 * 1024
        # the examples' services are still there, unchanged
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        assert greeter.SayHello(greeter_pb2.HelloRequest(name="a"), timeout=5).message == "Hello, a!"


@pytest.mark.parametrize("flavour", ["sync", "aio"])
def test_a_handler_sleeps_and_burns_as_asked(serve, flavour):
    address = serve(*(["--aio"] if flavour == "aio" else []))
    with grpc.insecure_channel(address) as channel:
        bench = greeter_pb2_grpc.BenchStub(channel)
        bench.Echo(greeter_pb2.EchoRequest(), timeout=5)
        for field in ("sleep_ms", "burn_ms"):
            started = time.perf_counter()
            bench.Echo(greeter_pb2.EchoRequest(**{field: 60}), timeout=5)
            assert time.perf_counter() - started >= 0.055, field


def test_burn_counts_the_threads_own_cpu_time():
    wall, cpu = time.perf_counter(), time.thread_time()
    burn(30)
    assert time.thread_time() - cpu >= 0.030
    assert time.perf_counter() - wall >= 0.030


def test_max_workers_1_runs_one_handler_at_a_time(serve):
    address = serve("--max-workers", "1")
    with grpc.insecure_channel(address) as channel:
        bench = greeter_pb2_grpc.BenchStub(channel)
        bench.Echo(greeter_pb2.EchoRequest(), timeout=5)
        started = time.perf_counter()
        calls = [bench.Echo.future(greeter_pb2.EchoRequest(sleep_ms=100), timeout=5) for _ in range(3)]
        for call in calls:
            call.result()
        assert time.perf_counter() - started >= 0.29  # 3 x 100 ms, one after another


def test_max_workers_is_for_the_thread_pool_server_only():
    run = subprocess.run(
        [sys.executable, "-m", "guide_server", "--aio", "--max-workers", "4", "--address", "127.0.0.1:0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 2
    assert "--max-workers applies to the thread-pool server only" in run.stderr


@pytest.mark.parametrize("flavour", ["sync", "aio"])
def test_max_concurrent_streams_makes_the_client_queue_streams(serve, flavour):
    address = serve("--max-concurrent-streams", "1", *(["--aio"] if flavour == "aio" else []))
    with grpc.insecure_channel(address) as channel:
        bench = greeter_pb2_grpc.BenchStub(channel)
        bench.Echo(greeter_pb2.EchoRequest(), timeout=5)
        firsts, ends = {}, {}

        def consume(name: str) -> None:
            for _attempt in range(5):  # a stream sent as a slot frees may be refused (RST_STREAM 7): send it again
                try:
                    for _reply in bench.StreamEcho(greeter_pb2.EchoRequest(count=5, sleep_ms=40), timeout=10):
                        firsts.setdefault(name, time.perf_counter())
                    ends[name] = time.perf_counter()
                    return
                except grpc.RpcError as error:
                    if error.code() != grpc.StatusCode.UNAVAILABLE or name in firsts:
                        raise

        threads = [threading.Thread(target=consume, args=(name,)) for name in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    first, second = sorted(firsts, key=firsts.get)
    assert set(ends) == {"a", "b"}
    assert firsts[second] >= ends[first] - 0.005  # the second stream started only when the first ended


def test_the_benchmark_runs_a_block_and_ends_its_processes():
    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.grpc_perf", "--blocks", "streams", "--rounds", "1"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "partial run (streams)" in run.stderr
    for key in ("sync.mcs4.one", "sync.mcs4.pool_distinct", "aio.unlimited.one"):
        assert key in run.stdout
    pids = [int(pid) for pid in re.search(r"^processes: (.+)$", run.stderr, re.M).group(1).split()]
    assert len(pids) == 4  # two servers, two client workers
    for pid in pids:  # every one has ended and been reaped (a live pid now would be another process)
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                command = cmdline.read()
        except FileNotFoundError:
            continue
        assert b"guide_server" not in command and b"--client-worker" not in command
