"""What is fast in gRPC Python: one bounded, loopback-only benchmark whose ratios the guide states.

    python -m benchmarks.grpc_perf                          # about 100 s on 2 cores; writes the results file
    python -m benchmarks.grpc_perf --blocks streams         # one block; a file only with --out
    python -m benchmarks.grpc_perf --compare A.json B.json  # do two runs' ratios agree within ±15 %?

The bundled server (``python -m guide_server``) runs in its own processes, one per
configuration (flavour, ``--max-workers``, ``--max-concurrent-streams``), on 127.0.0.1. The
clients run in two worker processes of their own, one sync (``grpc``) and one ``grpc.aio``,
driven by this process over pipes; this process only coordinates. By default the servers are
pinned to the first CPU and the clients to the last, as if each side had a machine of its own
(``--no-pin``: let the OS place them; client and server then compete for the same cores).

Every figure is measured in rounds, after a warm-up. In each round every variant of a block
runs once, back to back, in an order that is reversed every other round, so that a ratio is
taken between neighbours of the same round and the machine's drift cancels out. A figure is
the median of its rounds [min-max]; a ratio is the median of its per-round ratios [min-max].
Each trial also records the CPU that other processes used meanwhile; a ratio uses only its
quiet rounds when there are at least MIN_ROUNDS of them. Absolute rates depend on the machine;
the ratios are what the guide states.

The run is bounded: every request loop stops by itself (a time window, an iteration cap, a
deadline on every RPC), a block that would overrun its share of BUDGET runs fewer rounds
(never fewer than MIN_ROUNDS), and every process started here is ended here.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import select
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "grpc_perf.json"
SCHEMA = 1
AGREEMENT = 0.15  # two runs agree when every ratio's median differs by at most this fraction

# Rounds per figure (short trials, many rounds), each at least 5: the most where many threads or
# tasks share the client's core (their medians move most from run to run), the fewest where the
# figures are set by sleeps (steady from round to round).
ROUNDS = {"channels": 21, "flavours": 21, "future": 21, "messages": 13, "sizes": 13, "workers": 5, "streams": 5}
WINDOW = 0.1  # seconds per rate trial (fixed-time: calls or messages counted in the window)
WORKERS_WINDOW = 0.25  # server max_workers trials: completions counted within this window
RPC_TIMEOUT = 10.0  # every RPC has a deadline
LOOP_CAP = 1_000_000  # and every loop an iteration cap
REPLY_TIMEOUT = 60.0  # the coordinator gives up on a worker after this long
BUDGET = 116.0  # seconds for a whole run; a block that would overrun its share runs fewer rounds
MIN_ROUNDS = 5

STREAM_LENGTH = 100  # messages per streaming RPC (server-streaming and bidi)
SIZES = {"1KB": 1024, "64KB": 64 * 1024, "1MB": 1024 * 1024}
SIZE_BYTES_PER_STREAM = 4 * 1024 * 1024  # a size's stream length: 4 MB / size, within [4, 100]
WORKER_COUNTS = (1, 2, 8, 32)
WORKERS_CALLERS = 32  # concurrent calls against the max_workers servers
SLEEP_MS = 10  # the sleeping handler
BURN_MS = 3  # the CPU-bound handler (thread CPU time, holding the GIL)
LONG_STREAMS = 16  # concurrent long streams
LONG_STREAM_MESSAGES = 10
LONG_STREAM_SLEEP_MS = 5  # each long stream lasts about 10 x 5 ms
POOL_SIZE = 4
MAX_CONCURRENT_STREAMS = 4
REFUSED_RETRIES = 20  # a refused long stream is re-issued at most this many times
CHANNEL_NUMBER_ARG = "guide.bench.channel_number"  # a use-specific arg: distinct args, distinct connections

SERVERS = {
    "sync": ["--max-workers", "32"],
    "aio": ["--aio"],
    "sync-w1": ["--max-workers", "1"],
    "sync-w2": ["--max-workers", "2"],
    "sync-w8": ["--max-workers", "8"],
    "sync-mcs4": ["--max-workers", "32", "--max-concurrent-streams", str(MAX_CONCURRENT_STREAMS)],
}


# --------------------------------------------------------------------------------------------
# The client workers (separate processes): one trial per request, results as JSON lines.


def _os_threads() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


class _Threads:
    """Counts the client's threads before a trial and at its peak (Python ones and the OS's)."""

    def __init__(self, own: int = 0) -> None:
        import threading

        self._active = threading.active_count
        self.own = own  # threads the trial itself starts (callers), not grpc's
        self.base_py, self.base_os = self._active(), _os_threads()
        self.peak_py, self.peak_os = self.base_py, self.base_os

    def sample(self) -> None:
        self.peak_py = max(self.peak_py, self._active())
        self.peak_os = max(self.peak_os, _os_threads())

    def result(self) -> dict:
        return {
            "py_threads_extra": self.peak_py - self.base_py - self.own,
            "os_threads_extra": self.peak_os - self.base_os - self.own if self.base_os >= 0 else None,
        }


def _request(spec: dict):
    from guidepb import greeter_pb2

    return greeter_pb2.EchoRequest(
        reply_size=spec.get("reply_size", 0),
        sleep_ms=spec.get("sleep_ms", 0),
        burn_ms=spec.get("burn_ms", 0),
        count=spec.get("count", 0),
    )


def _channel_options(spec_stus: bool, number: int | None, local_pool: bool = False) -> list:
    import grpc

    options = []
    if spec_stus:
        options.append((grpc.experimental.ChannelOptions.SingleThreadedUnaryStream, 1))
    if number is not None:
        options.append((CHANNEL_NUMBER_ARG, number))
    if local_pool:
        options.append(("grpc.use_local_subchannel_pool", 1))
    return options


def _rate(count: int, elapsed: float, unit_bytes: int = 0, threads: _Threads | None = None, **extra) -> dict:
    result = {"count": count, "elapsed": elapsed, "rate": count / elapsed if elapsed > 0 else 0.0}
    if unit_bytes:
        result["mbps"] = count * unit_bytes / elapsed / 1e6 if elapsed > 0 else 0.0
    if threads is not None:
        result.update(threads.result())
    result.update(extra)
    return result


class SyncClient:
    """Trials with the sync API: blocking calls from threads, .future(), streams from iterators."""

    def __init__(self) -> None:
        import grpc

        from guidepb import greeter_pb2_grpc

        self.grpc, self.stub_class = grpc, greeter_pb2_grpc.BenchStub
        self._channels: dict[tuple, list] = {}

    def close(self) -> None:
        for channels in self._channels.values():
            for channel in channels:
                channel.close()

    def stubs(self, address: str, count: int = 1, distinct: bool = False, stus: bool = False) -> list:
        """count channels (kept for later trials), each ready; distinct args give distinct connections."""
        key = (address, count, distinct, stus)
        if key not in self._channels:
            made = []
            for index in range(count):
                options = _channel_options(stus, index if distinct else None)
                channel = self.grpc.insecure_channel(address, options=options)
                self.stub_class(channel).Echo(_request({}), timeout=RPC_TIMEOUT, wait_for_ready=True)
                made.append(channel)
            self._channels[key] = made
        return [self.stub_class(channel) for channel in self._channels[key]]

    def run(self, spec: dict) -> dict:
        return getattr(self, spec["kind"])(spec)

    def unary(self, spec: dict) -> dict:
        import threading

        address, callers, window = spec["address"], spec.get("callers", 1), spec["window"]
        request, sharing = _request(spec), spec.get("channels", "shared")
        if sharing == "per_call":
            return self._channel_per_call(address, request, window)
        if sharing == "shared":
            stubs = self.stubs(address) * callers
        else:
            stubs = self.stubs(address, callers, distinct=sharing == "per_caller_distinct")
        if spec.get("api") == "future":
            return self._futures(stubs[0], request, callers, window)
        threads = _Threads(own=callers)
        counts = [0] * callers
        failures: list[BaseException] = []
        barrier = threading.Barrier(callers + 1)

        def caller(index: int) -> None:
            stub, done = stubs[index], 0
            try:
                barrier.wait(timeout=RPC_TIMEOUT)
                end = time.perf_counter() + window
                while done < LOOP_CAP:
                    stub.Echo(request, timeout=RPC_TIMEOUT)
                    done += 1
                    if index == 0 and done % 16 == 1:
                        threads.sample()
                    if time.perf_counter() >= end:
                        break
            except BaseException as error:  # reported below; the thread must end
                failures.append(error)
            counts[index] = done

        workers = [threading.Thread(target=caller, args=(i,), name=f"bench-caller-{i}") for i in range(callers)]
        for worker in workers:
            worker.start()
        barrier.wait(timeout=RPC_TIMEOUT)
        started = time.perf_counter()
        for worker in workers:
            worker.join(timeout=window + 2 * RPC_TIMEOUT)
        elapsed = time.perf_counter() - started
        if failures:
            raise failures[0]
        return _rate(sum(counts), elapsed, request.reply_size, threads)

    def _channel_per_call(self, address: str, request, window: float) -> dict:
        threads = _Threads()
        started = time.perf_counter()
        end, done = started + window, 0
        while done < LOOP_CAP:
            # its own connection, as when no other channel to the address is open
            options = _channel_options(False, None, local_pool=True)
            with self.grpc.insecure_channel(address, options=options) as channel:
                self.stub_class(channel).Echo(request, timeout=RPC_TIMEOUT, wait_for_ready=True)
            done += 1
            if done % 4 == 1:
                threads.sample()
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, threads=threads)

    def _futures(self, stub, request, in_flight: int, window: float) -> dict:
        """One thread keeps `in_flight` .future() calls going (a sliding window)."""
        import threading

        slots, lock = threading.Semaphore(in_flight), threading.Lock()
        done, failures = [0], []

        def finished(future) -> None:
            if future.exception() is not None:
                failures.append(future.exception())
            with lock:
                done[0] += 1
            slots.release()

        threads = _Threads()
        started = time.perf_counter()
        end, issued = started + window, 0
        while issued < LOOP_CAP:
            if not slots.acquire(timeout=RPC_TIMEOUT):
                raise TimeoutError("no .future() call finished")
            if time.perf_counter() >= end:
                slots.release()
                break
            stub.Echo.future(request, timeout=RPC_TIMEOUT).add_done_callback(finished)
            issued += 1
            if issued % 16 == 1:
                threads.sample()
        for _ in range(in_flight):
            if not slots.acquire(timeout=RPC_TIMEOUT):
                raise TimeoutError("a .future() call did not finish")
        elapsed = time.perf_counter() - started
        if failures:
            raise failures[0]
        return _rate(done[0], elapsed, threads=threads)

    def server_stream(self, spec: dict) -> dict:
        stub = self.stubs(spec["address"], stus=spec.get("stus", False))[0]
        request, size = _request(spec), spec.get("reply_size", 0)
        threads = _Threads()
        started = time.perf_counter()
        end, done, calls = started + spec["window"], 0, 0
        while calls < LOOP_CAP:
            for _reply in stub.StreamEcho(request, timeout=RPC_TIMEOUT):
                done += 1
                if done % 32 == 2:
                    threads.sample()
            calls += 1
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, size, threads)

    def bidi(self, spec: dict) -> dict:
        """Ping-pong: each request waits for its reply; streams of `count` messages."""
        import queue

        stub = self.stubs(spec["address"])[0]
        count, request = spec["count"], _request({**spec, "count": 0})
        threads = _Threads()
        started = time.perf_counter()
        end, done, calls = started + spec["window"], 0, 0
        while calls < LOOP_CAP:
            outgoing: queue.SimpleQueue = queue.SimpleQueue()
            replies = stub.BidiEcho(iter(outgoing.get, None), timeout=RPC_TIMEOUT)
            try:
                for _ in range(count):
                    outgoing.put(request)
                    next(replies)
                    done += 1
                    if done % 32 == 2:
                        threads.sample()
            finally:
                outgoing.put(None)  # half-close: the request iterator ends
            for _reply in replies:  # the server's end of stream
                raise RuntimeError("BidiEcho answered more than it was asked")
            calls += 1
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, spec.get("reply_size", 0), threads)

    def long_streams(self, spec: dict) -> dict:
        import threading

        address, streams = spec["address"], spec["streams"]
        stubs = self._pool(address, spec["channels"], spec.get("pool", 1))
        request = _request(spec)
        firsts, ends, refused, failures = [0.0] * streams, [0.0] * streams, [0] * streams, []
        barrier = threading.Barrier(streams + 1)

        def consume(index: int) -> None:
            try:
                barrier.wait(timeout=RPC_TIMEOUT)
                for _attempt in range(REFUSED_RETRIES + 1):
                    received = 0
                    try:
                        for _reply in stubs[index % len(stubs)].StreamEcho(request, timeout=RPC_TIMEOUT):
                            if received == 0:
                                firsts[index] = time.perf_counter()
                            received += 1
                        break
                    except self.grpc.RpcError as error:
                        if not _refused(error, received):
                            raise
                        refused[index] += 1
                else:
                    raise RuntimeError(f"a stream was refused {REFUSED_RETRIES + 1} times")
                ends[index] = time.perf_counter()
            except BaseException as error:
                failures.append(error)

        workers = [threading.Thread(target=consume, args=(i,), name=f"bench-stream-{i}") for i in range(streams)]
        for worker in workers:
            worker.start()
        barrier.wait(timeout=RPC_TIMEOUT)
        started = time.perf_counter()
        for worker in workers:
            worker.join(timeout=2 * RPC_TIMEOUT)
        if failures:
            raise failures[0]
        return _long_streams_result(spec, started, firsts, ends, refused)

    def _pool(self, address: str, kind: str, size: int) -> list:
        if kind == "one":
            return self.stubs(address)
        return self.stubs(address, size, distinct=kind == "pool_distinct")


def _refused(error, received: int) -> bool:
    """A stream the server refused (RST_STREAM REFUSED_STREAM, code 7) before any message.

    grpcio's server sends it when a stream the client queued for a free slot (the server's
    grpc.max_concurrent_streams) arrives before the server has let go of the stream that
    ended; a retry policy does not absorb it (the retried streams hung to their deadline in
    trials), so the benchmark re-issues such a stream itself and counts it.
    """
    import grpc

    return received == 0 and error.code() == grpc.StatusCode.UNAVAILABLE and "RST_STREAM" in (error.details() or "")


def _long_streams_result(spec: dict, started: float, firsts: list, ends: list, refused: list) -> dict:
    makespan = max(ends) - started
    first_ms = sorted((first - started) * 1000 for first in firsts)
    nominal_ms = spec["count"] * spec["sleep_ms"]
    return {
        "count": spec["streams"] * spec["count"],
        "elapsed": makespan,
        "rate": spec["streams"] * spec["count"] / makespan,
        "makespan_ms": makespan * 1000,
        "first_ms_median": statistics.median(first_ms),
        "first_ms_max": first_ms[-1],
        # streams whose first message came after half a stream's length: they waited for a slot
        "queued": sum(1 for ms in first_ms if ms > nominal_ms / 2),
        "refused": sum(refused),
    }


class AioClient:
    """The same trials with grpc.aio: tasks on one event loop, kept for the worker's life."""

    def __init__(self) -> None:
        import asyncio

        import grpc

        from guidepb import greeter_pb2_grpc

        self.asyncio, self.grpc, self.stub_class = asyncio, grpc, greeter_pb2_grpc.BenchStub
        self._runner = asyncio.Runner()
        self._channels: dict[tuple, list] = {}

    def close(self) -> None:
        async def close_all():
            for channels in self._channels.values():
                for channel in channels:
                    await channel.close()

        self._runner.run(close_all())
        self._runner.close()

    def run(self, spec: dict) -> dict:
        return self._runner.run(getattr(self, spec["kind"])(spec))

    async def stubs(self, address: str, count: int = 1, distinct: bool = False) -> list:
        key = (address, count, distinct)
        if key not in self._channels:
            made = []
            for index in range(count):
                options = _channel_options(False, index if distinct else None)
                channel = self.grpc.aio.insecure_channel(address, options=options)
                await self.stub_class(channel).Echo(_request({}), timeout=RPC_TIMEOUT, wait_for_ready=True)
                made.append(channel)
            self._channels[key] = made
        return [self.stub_class(channel) for channel in self._channels[key]]

    async def unary(self, spec: dict) -> dict:
        address, callers, window = spec["address"], spec.get("callers", 1), spec["window"]
        request, sharing = _request(spec), spec.get("channels", "shared")
        if sharing == "per_call":
            return await self._channel_per_call(address, request, window)
        if sharing == "shared":
            stubs = (await self.stubs(address)) * callers
        else:
            stubs = await self.stubs(address, callers, distinct=sharing == "per_caller_distinct")
        threads = _Threads()
        counts, in_window = [0] * callers, [0]
        started = time.perf_counter()
        end = started + window

        async def caller(index: int) -> None:
            stub, done = stubs[index], 0
            while done < LOOP_CAP:
                await stub.Echo(request, timeout=RPC_TIMEOUT)
                done += 1
                counts[index] = done
                if time.perf_counter() <= end:
                    in_window[0] += 1
                if index == 0 and done % 16 == 1:
                    threads.sample()
                if time.perf_counter() >= end:
                    break

        tasks = [self.asyncio.create_task(caller(i)) for i in range(callers)]
        if not spec.get("cut"):
            await self.asyncio.wait_for(self.asyncio.gather(*tasks), window + 2 * RPC_TIMEOUT)
            return _rate(sum(counts), time.perf_counter() - started, request.reply_size, threads)
        # Count only what completed within the window, then cancel the calls still queued
        # (the sync server skips cancelled calls) and wait until the server answers again.
        await self.asyncio.sleep(window)
        elapsed, completed = time.perf_counter() - started, in_window[0]
        for task in tasks:
            task.cancel()
        outcomes = await self.asyncio.gather(*tasks, return_exceptions=True)
        failures = [
            o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, self.asyncio.CancelledError)
        ]
        if failures:
            raise failures[0]
        await stubs[0].Echo(_request({}), timeout=RPC_TIMEOUT)
        return _rate(completed, elapsed, threads=threads)

    async def _channel_per_call(self, address: str, request, window: float) -> dict:
        threads = _Threads()
        started = time.perf_counter()
        end, done = started + window, 0
        while done < LOOP_CAP:
            options = _channel_options(False, None, local_pool=True)
            async with self.grpc.aio.insecure_channel(address, options=options) as channel:
                await self.stub_class(channel).Echo(request, timeout=RPC_TIMEOUT, wait_for_ready=True)
            done += 1
            if done % 4 == 1:
                threads.sample()
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, threads=threads)

    async def server_stream(self, spec: dict) -> dict:
        stub = (await self.stubs(spec["address"]))[0]
        request, size = _request(spec), spec.get("reply_size", 0)
        threads = _Threads()
        started = time.perf_counter()
        end, done, calls = started + spec["window"], 0, 0
        while calls < LOOP_CAP:
            async for _reply in stub.StreamEcho(request, timeout=RPC_TIMEOUT):
                done += 1
                if done % 32 == 2:
                    threads.sample()
            calls += 1
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, size, threads)

    async def bidi(self, spec: dict) -> dict:
        stub = (await self.stubs(spec["address"]))[0]
        count, request = spec["count"], _request({**spec, "count": 0})
        threads = _Threads()
        started = time.perf_counter()
        end, done, calls = started + spec["window"], 0, 0
        while calls < LOOP_CAP:
            call = stub.BidiEcho(timeout=RPC_TIMEOUT)
            for _ in range(count):
                await call.write(request)
                await call.read()
                done += 1
                if done % 32 == 2:
                    threads.sample()
            await call.done_writing()
            if await call.read() is not self.grpc.aio.EOF:
                raise RuntimeError("BidiEcho answered more than it was asked")
            calls += 1
            if time.perf_counter() >= end:
                break
        return _rate(done, time.perf_counter() - started, spec.get("reply_size", 0), threads)

    async def long_streams(self, spec: dict) -> dict:
        address, streams, kind = spec["address"], spec["streams"], spec["channels"]
        if kind == "one":
            stubs = await self.stubs(address)
        else:
            stubs = await self.stubs(address, spec.get("pool", 1), distinct=kind == "pool_distinct")
        request = _request(spec)
        firsts, ends, refused = [0.0] * streams, [0.0] * streams, [0] * streams

        async def consume(index: int) -> None:
            for _attempt in range(REFUSED_RETRIES + 1):
                received = 0
                try:
                    async for _reply in stubs[index % len(stubs)].StreamEcho(request, timeout=RPC_TIMEOUT):
                        if received == 0:
                            firsts[index] = time.perf_counter()
                        received += 1
                    break
                except self.grpc.aio.AioRpcError as error:
                    if not _refused(error, received):
                        raise
                    refused[index] += 1
            else:
                raise RuntimeError(f"a stream was refused {REFUSED_RETRIES + 1} times")
            ends[index] = time.perf_counter()

        started = time.perf_counter()
        await self.asyncio.wait_for(self.asyncio.gather(*(consume(i) for i in range(streams))), 2 * RPC_TIMEOUT)
        return _long_streams_result(spec, started, firsts, ends, refused)


def worker_main(flavour: str) -> None:
    """A client worker: reads one JSON trial per line on stdin, answers one JSON line."""
    replies = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)  # anything else printed goes to stderr, never into the replies
    client = SyncClient() if flavour == "sync" else AioClient()
    try:
        for line in sys.stdin:
            spec = json.loads(line)
            if spec["kind"] == "quit":
                break
            try:
                cpu = time.process_time()
                result = client.run(spec)
                result["client_cpu_s"] = time.process_time() - cpu
            except Exception as error:  # reported to the coordinator, which stops the run
                result = {"error": f"{type(error).__name__}: {error}"}
            replies.write(json.dumps(result) + "\n")
    finally:
        client.close()


# --------------------------------------------------------------------------------------------
# The coordinator: processes, blocks of variants, rounds, statistics, the results file.


def _read_line(process: subprocess.Popen, timeout: float, what: str) -> str:
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    if not ready:
        raise TimeoutError(f"{what}: no answer within {timeout:.0f} s")
    line = process.stdout.readline()
    if not line:
        raise RuntimeError(f"{what}: exited with {process.poll()}")
    return line


class Processes:
    """Every server and worker process of a run; all ended on exit, whatever happens."""

    def __init__(self, pin: bool = False) -> None:
        self._all: list[subprocess.Popen] = []
        self._cpus = sorted(os.sched_getaffinity(0)) if pin and hasattr(os, "sched_getaffinity") else []

    def __enter__(self) -> Processes:
        return self

    def pids(self) -> list[int]:
        return [process.pid for process in self._all]

    def __exit__(self, *exc) -> None:
        clients = [p for p in self._all if p.stdin]
        servers = [p for p in self._all if not p.stdin]
        for group in (clients, servers):  # the clients first, so no client sees its server go away
            for process in group:
                if process.poll() is None:
                    try:
                        if process.stdin:
                            process.stdin.write(json.dumps({"kind": "quit"}) + "\n")
                            process.stdin.flush()
                        else:
                            process.send_signal(signal.SIGTERM)
                    except OSError:
                        pass
            for process in group:
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                for stream in (process.stdin, process.stdout):
                    if stream:
                        stream.close()

    def start(self, command: list[str], *, stdin: bool = False) -> subprocess.Popen:
        # pinned: the servers on the first CPU, the clients on the last (the coordinator floats)
        cpus = {self._cpus[-1] if stdin else self._cpus[0]} if len(self._cpus) >= 2 else None
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
        )
        self._all.append(process)
        return process

    def servers(self, names) -> dict[str, tuple[str, int]]:
        """Starts the servers at once; returns name -> (host:port from its announcement, pid)."""
        started = {
            name: self.start([sys.executable, "-m", "guide_server", "--address", "127.0.0.1:0", *SERVERS[name]])
            for name in names
        }
        addresses = {}
        for name, process in started.items():
            line = _read_line(process, 30, f"server {name}")
            flavour = "aio" if "--aio" in SERVERS[name] else "sync"
            if not line.startswith(f"guide server ({flavour}) listening on 127.0.0.1:"):
                raise RuntimeError(f"server {name} said {line!r}")
            addresses[name] = (line.split()[-1], process.pid)
        return addresses


class Worker:
    def __init__(self, processes: Processes, flavour: str) -> None:
        self.flavour = flavour
        self.process = processes.start(
            [sys.executable, "-m", "benchmarks.grpc_perf", "--client-worker", flavour], stdin=True
        )

    def trial(self, spec: dict) -> dict:
        self.process.stdin.write(json.dumps(spec) + "\n")
        self.process.stdin.flush()
        result = json.loads(_read_line(self.process, REPLY_TIMEOUT, f"{self.flavour} client"))
        if "error" in result:
            raise RuntimeError(f"{self.flavour} client, trial {spec}: {result['error']}")
        return result


def summary(values: list[float]) -> dict:
    return {
        "runs": [round(v, 6) for v in values],
        "min": round(min(values), 6),
        "median": round(statistics.median(values), 6),
        "max": round(max(values), 6),
    }


class Variant:
    def __init__(self, key: str, worker: str, server: str, spec: dict, metric: str = "rate") -> None:
        self.key, self.worker, self.server, self.spec, self.metric = key, worker, server, spec, metric
        self.results: list[dict] = []


def _unary(key, worker, server, callers=1, channels="shared", api="blocking", **spec):
    return Variant(key, worker, server, {"kind": "unary", "callers": callers, "channels": channels, "api": api, **spec})


def blocks() -> dict[str, list[Variant]]:
    """The measurement blocks: the variants of each block are interleaved round by round."""
    # Variants compared by a ratio are neighbours in a block's order wherever possible.
    channels = []
    for flavour in ("sync", "aio"):
        channels.append(_unary(f"{flavour}.n1.per_call", flavour, flavour, channels="per_call"))
        channels.append(_unary(f"{flavour}.n1.shared", flavour, flavour))
        for callers, sharing in (
            (4, ("shared", "per_caller", "per_caller_distinct")),
            (16, ("per_caller_distinct", "per_caller", "shared")),
        ):
            for kind in sharing:
                channels.append(_unary(f"{flavour}.n{callers}.{kind}", flavour, flavour, callers, kind))

    flavours = []
    for callers in (1, 16):
        flavours.append(_unary(f"aio_client.sync_server.n{callers}", "aio", "sync", callers))
        flavours.append(_unary(f"sync.n{callers}.shared", "sync", "sync", callers))
        flavours.append(_unary(f"sync_client.aio_server.n{callers}", "sync", "aio", callers))
        flavours.append(_unary(f"aio.n{callers}.shared", "aio", "aio", callers))

    future = []
    for callers in (1, 16):
        future.append(_unary(f"sync.future.w{callers}", "sync", "sync", callers, api="future"))
        future.append(_unary(f"sync.n{callers}.shared", "sync", "sync", callers))
        future.append(_unary(f"aio_client.sync_server.n{callers}", "aio", "sync", callers))

    messages = []
    for flavour in ("sync", "aio"):
        messages.append(_unary(f"{flavour}.unary", flavour, flavour))
        messages.append(
            Variant(f"{flavour}.server_stream", flavour, flavour, {"kind": "server_stream", "count": STREAM_LENGTH})
        )
        if flavour == "sync":
            messages.append(
                Variant(
                    "sync.server_stream.stus",
                    "sync",
                    "sync",
                    {"kind": "server_stream", "count": STREAM_LENGTH, "stus": True},
                )
            )
        messages.append(Variant(f"{flavour}.bidi", flavour, flavour, {"kind": "bidi", "count": STREAM_LENGTH}))

    sizes = []
    for flavour in ("sync", "aio"):
        for name, size in SIZES.items():
            length = max(4, min(STREAM_LENGTH, SIZE_BYTES_PER_STREAM // size))
            sizes.append(_unary(f"{flavour}.unary.{name}", flavour, flavour, reply_size=size))
            sizes[-1].metric = "mbps"
            sizes.append(
                Variant(
                    f"{flavour}.server_stream.{name}",
                    flavour,
                    flavour,
                    {"kind": "server_stream", "count": length, "reply_size": size},
                    metric="mbps",
                )
            )

    workers = []
    for handler, work in (("sleep", {"sleep_ms": SLEEP_MS}), ("burn", {"burn_ms": BURN_MS})):
        for count in WORKER_COUNTS:
            server = "sync" if count == 32 else f"sync-w{count}"
            workers.append(
                _unary(f"{handler}.w{count}", "aio", server, WORKERS_CALLERS, cut=True, window=WORKERS_WINDOW, **work)
            )
        workers.append(
            _unary(f"{handler}.aio_server", "aio", "aio", WORKERS_CALLERS, cut=True, window=WORKERS_WINDOW, **work)
        )

    streams = []
    long = {
        "kind": "long_streams",
        "streams": LONG_STREAMS,
        "count": LONG_STREAM_MESSAGES,
        "sleep_ms": LONG_STREAM_SLEEP_MS,
    }
    for flavour in ("sync", "aio"):
        for pooling in ("one", "pool_same", "pool_distinct"):
            streams.append(
                Variant(
                    f"{flavour}.mcs4.{pooling}", flavour, "sync-mcs4", {**long, "channels": pooling, "pool": POOL_SIZE}
                )
            )
        streams.append(Variant(f"{flavour}.unlimited.one", flavour, "sync", {**long, "channels": "one"}))
    streams.append(
        Variant(
            "sync.unlimited.pool_distinct", "sync", "sync", {**long, "channels": "pool_distinct", "pool": POOL_SIZE}
        )
    )

    return {
        "channels": channels,
        "flavours": flavours,
        "future": future,
        "messages": messages,
        "sizes": sizes,
        "workers": workers,
        "streams": streams,
    }


# Which figures each question shows, and which ratios (numerator / denominator, per round).
QUESTIONS = {
    "q1_channels": {
        "block": "channels",
        "unit": "calls/s",
        "figures": [
            f"{f}.{v}"
            for f in ("sync", "aio")
            for v in (
                "n1.shared",
                "n1.per_call",
                "n4.shared",
                "n4.per_caller",
                "n4.per_caller_distinct",
                "n16.shared",
                "n16.per_caller",
                "n16.per_caller_distinct",
            )
        ],
        "ratios": {
            **{
                f"{f}.n{n}.{v}_vs_shared": (f"{f}.n{n}.{v}", f"{f}.n{n}.shared")
                for f in ("sync", "aio")
                for n in (4, 16)
                for v in ("per_caller", "per_caller_distinct")
            },
            **{f"{f}.per_call_vs_shared": (f"{f}.n1.per_call", f"{f}.n1.shared") for f in ("sync", "aio")},
        },
    },
    "q2_sync_vs_aio": {
        "block": "flavours",
        "unit": "calls/s",
        "figures": [
            "sync.n1.shared",
            "aio_client.sync_server.n1",
            "sync_client.aio_server.n1",
            "aio.n1.shared",
            "sync.n16.shared",
            "aio_client.sync_server.n16",
            "sync_client.aio_server.n16",
            "aio.n16.shared",
        ],
        "ratios": {
            **{f"aio_vs_sync.n{n}": (f"aio.n{n}.shared", f"sync.n{n}.shared") for n in (1, 16)},
            **{
                f"aio_client_vs_sync_client.n{n}": (f"aio_client.sync_server.n{n}", f"sync.n{n}.shared")
                for n in (1, 16)
            },
            **{
                f"aio_server_vs_sync_server.n{n}": (f"sync_client.aio_server.n{n}", f"sync.n{n}.shared")
                for n in (1, 16)
            },
            **{f"{f}.n16_vs_n1": (f"{f}.n16.shared", f"{f}.n1.shared") for f in ("sync", "aio")},
        },
    },
    "q3_messages": {
        "block": "messages",
        "unit": "messages/s",
        "figures": [
            "sync.unary",
            "sync.server_stream",
            "sync.server_stream.stus",
            "sync.bidi",
            "aio.unary",
            "aio.server_stream",
            "aio.bidi",
        ],
        "ratios": {
            "sync.server_stream_vs_unary": ("sync.server_stream", "sync.unary"),
            "sync.stus_vs_unary": ("sync.server_stream.stus", "sync.unary"),
            "sync.bidi_vs_unary": ("sync.bidi", "sync.unary"),
            "sync.stus_vs_server_stream": ("sync.server_stream.stus", "sync.server_stream"),
            "aio.server_stream_vs_unary": ("aio.server_stream", "aio.unary"),
            "aio.bidi_vs_unary": ("aio.bidi", "aio.unary"),
        },
    },
    "q4_future": {
        "block": "future",
        "unit": "calls/s",
        "figures": [
            "sync.n1.shared",
            "sync.future.w1",
            "aio_client.sync_server.n1",
            "sync.n16.shared",
            "sync.future.w16",
            "aio_client.sync_server.n16",
        ],
        "ratios": {
            **{f"future_vs_blocking.n{n}": (f"sync.future.w{n}", f"sync.n{n}.shared") for n in (1, 16)},
            **{f"aio_vs_blocking.n{n}": (f"aio_client.sync_server.n{n}", f"sync.n{n}.shared") for n in (1, 16)},
        },
    },
    "q5_workers": {
        "block": "workers",
        "unit": "calls/s",
        "figures": [f"{h}.{w}" for h in ("sleep", "burn") for w in ("w1", "w2", "w8", "w32", "aio_server")],
        "ratios": {
            **{f"{h}.w{n}_vs_w1": (f"{h}.w{n}", f"{h}.w1") for h in ("sleep", "burn") for n in (2, 8, 32)},
            **{f"{h}.aio_server_vs_w32": (f"{h}.aio_server", f"{h}.w32") for h in ("sleep", "burn")},
        },
    },
    "q6_streams": {
        "block": "streams",
        "unit": "messages/s",
        "figures": [
            "sync.mcs4.one",
            "sync.mcs4.pool_same",
            "sync.mcs4.pool_distinct",
            "sync.unlimited.one",
            "sync.unlimited.pool_distinct",
            "aio.mcs4.one",
            "aio.mcs4.pool_same",
            "aio.mcs4.pool_distinct",
            "aio.unlimited.one",
        ],
        "ratios": {
            **{
                f"{f}.mcs4.{p}_vs_one": (f"{f}.mcs4.{p}", f"{f}.mcs4.one")
                for f in ("sync", "aio")
                for p in ("pool_same", "pool_distinct")
            },
            **{f"{f}.unlimited_vs_mcs4.one": (f"{f}.unlimited.one", f"{f}.mcs4.one") for f in ("sync", "aio")},
            "sync.unlimited.pool_distinct_vs_one": ("sync.unlimited.pool_distinct", "sync.unlimited.one"),
        },
    },
    "q7_sizes": {
        "block": "sizes",
        "unit": "MB/s",
        "figures": [f"{f}.{k}.{s}" for f in ("sync", "aio") for s in SIZES for k in ("unary", "server_stream")],
        "ratios": {
            f"{f}.server_stream_vs_unary.{s}": (f"{f}.server_stream.{s}", f"{f}.unary.{s}")
            for f in ("sync", "aio")
            for s in SIZES
        },
    },
}

EXTRA_METRICS = (
    "py_threads_extra",
    "os_threads_extra",
    "makespan_ms",
    "first_ms_median",
    "first_ms_max",
    "queued",
    "refused",
    "client_cpu_us_per_op",
    "server_cpu_us_per_op",
    "foreign_cpu_share",
)
# A trial is disturbed when other processes used more than this share of the machine's CPU meanwhile.
# A ratio uses only its quiet rounds when there are at least MIN_ROUNDS of them, else every round.
DISTURBED = 0.2


def _machine_busy_s() -> float | None:
    """CPU seconds the whole machine has been busy (every process, all CPUs; steal counts)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            values = [int(v) for v in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(values) - values[3] - values[4]) / os.sysconf("SC_CLK_TCK")


def _process_cpu_s(pid: int) -> float | None:
    """CPU seconds of a process's live threads (nanosecond schedstat)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as schedstat:
                total += int(schedstat.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e9


def measure(worker: Worker, spec: dict, server_pid: int) -> dict:
    """One trial, with the CPU it cost the client and the server, and the CPU others used meanwhile."""
    wall, own, busy, server = time.perf_counter(), time.process_time(), _machine_busy_s(), _process_cpu_s(server_pid)
    result = worker.trial(spec)
    wall, own = time.perf_counter() - wall, time.process_time() - own
    count = max(result["count"], 1)
    result["client_cpu_us_per_op"] = result["client_cpu_s"] / count * 1e6
    after_busy, after_server = _machine_busy_s(), _process_cpu_s(server_pid)
    if None not in (busy, server, after_busy, after_server):
        server_cpu = after_server - server
        result["server_cpu_us_per_op"] = server_cpu / count * 1e6
        foreign = (after_busy - busy) - own - server_cpu - result["client_cpu_s"]
        result["foreign_cpu_share"] = max(0.0, foreign) / (wall * (os.cpu_count() or 1))
    return result


def nominal_seconds(variants: list[Variant], rounds: int) -> float:
    """What a block's rounds should take: its windows (a long-streams trial: about 0.15 s)."""
    per_round = sum(0.15 if v.spec["kind"] == "long_streams" else v.spec.get("window", WINDOW) for v in variants)
    return per_round * rounds


def run_block(name: str, variants: list[Variant], workers: dict, servers: dict, rounds: int, budget: float, log) -> int:
    """Warm-up, then rounds; fewer (never under MIN_ROUNDS) if the block's time budget runs out."""

    def run(variant: Variant, window_scale: float = 1.0) -> dict:
        address, pid = servers[variant.server]
        spec = {"address": address, **variant.spec}
        spec["window"] = spec.get("window", WINDOW) * window_scale
        return measure(workers[variant.worker], spec, pid)

    started = time.perf_counter()
    for variant in variants:  # warm-up: channels, connections, server threads; not recorded
        run(variant, 0.5)
    done = 0
    while done < rounds:
        elapsed = time.perf_counter() - started
        if done >= MIN_ROUNDS and elapsed + elapsed / (done + 0.5) > budget:
            log(f"  {name}: out of time after {done} rounds ({elapsed:.1f} s of {budget:.1f} s)")
            break
        order = variants if done % 2 == 0 else variants[::-1]
        for variant in order:
            variant.results.append(run(variant))
        done += 1
        log(f"  {name}: round {done}/{rounds}")
    return done


def machine_facts() -> dict:
    import google.protobuf
    import grpc

    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu_model": model,
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "grpcio": grpc.__version__,
        "protobuf": google.protobuf.__version__,
        "os": platform.platform(),
        "date": datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat(),
    }


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def results_of(all_blocks: dict[str, list[Variant]]) -> dict:
    by_key = {(block, v.key): v for block, variants in all_blocks.items() for v in variants}
    questions = {}
    for qid, question in QUESTIONS.items():
        block = question["block"]
        if block not in all_blocks or not all(v.results for v in all_blocks[block]):
            continue  # a partial run: this question's block was not measured
        figures = {}
        for key in question["figures"]:
            variant = by_key[(block, key)]
            figure = {
                "server": variant.server,
                "client": variant.worker,
                "params": {k: v for k, v in variant.spec.items() if k != "kind"} | {"kind": variant.spec["kind"]},
                "metric": variant.metric,
                "value": summary([r[variant.metric] for r in variant.results]),
            }
            for extra in EXTRA_METRICS:
                values = [r[extra] for r in variant.results if r.get(extra) is not None]
                if values:
                    figure[extra] = summary(values)
            figures[key] = figure
        ratios = {}
        for key, (numerator, denominator) in question["ratios"].items():
            top, bottom = by_key[(block, numerator)], by_key[(block, denominator)]
            pairs = list(zip(top.results, bottom.results, strict=False))
            per_round = [a[top.metric] / b[bottom.metric] for a, b in pairs]
            quiet = [
                ratio
                for ratio, (a, b) in zip(per_round, pairs, strict=False)
                if max(a.get("foreign_cpu_share", 0), b.get("foreign_cpu_share", 0)) <= DISTURBED
            ]
            used = quiet if len(quiet) >= MIN_ROUNDS else per_round
            ratios[key] = {
                "numerator": numerator,
                "denominator": denominator,
                **summary(used),
                "all_runs": summary(per_round)["runs"],
                "rounds_used": "quiet" if used is quiet else "all",
                "disturbed_rounds": len(per_round) - len(quiet),
            }
        shares = [r["foreign_cpu_share"] for v in all_blocks[block] for r in v.results if "foreign_cpu_share" in r]
        questions[qid] = {
            "block": block,
            "unit": question["unit"],
            "figures": figures,
            "ratios": ratios,
            "foreign_cpu_share_median": round(statistics.median(shares), 3) if shares else None,
        }
    return questions


def _fmt(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 100 else f"{value:,.0f}"


def print_results(results: dict, out=sys.stdout) -> None:
    machine = results["machine"]
    print(
        f"gRPC Python performance: grpcio {machine['grpcio']}, Python {machine['python']}, "
        f"{machine['cpu_count']} x {machine['cpu_model']}, {machine['os']}",
        file=out,
    )
    print(
        f"{min(results['settings']['rounds'].values())}-{max(results['settings']['rounds'].values())} rounds per figure;"
        f" median [min-max]; "
        f"run took {results['run']['seconds']:.0f} s",
        file=out,
    )
    for qid, question in results["questions"].items():
        share = question.get("foreign_cpu_share_median")
        print(
            f"\n{qid} ({question['unit']}; other processes used {share:.0%} of the CPU, median)"
            if share is not None
            else f"\n{qid} ({question['unit']})",
            file=out,
        )
        for key, figure in question["figures"].items():
            value = figure["value"]
            line = f"  {key:38} {_fmt(value['median']):>9} [{_fmt(value['min'])}-{_fmt(value['max'])}]"
            if "py_threads_extra" in figure:
                line += f"  +{figure['py_threads_extra']['max']:.0f} Python threads"
            if "queued" in figure:
                line += (
                    f"  makespan {figure['makespan_ms']['median']:.0f} ms,"
                    f" {figure['queued']['median']:.0f} streams queued"
                )
            print(line, file=out)
        for key, ratio in question["ratios"].items():
            print(
                f"  ratio {key:44} {ratio['median']:.2f}x [{ratio['min']:.2f}-{ratio['max']:.2f}]"
                f"  ({ratio['disturbed_rounds']}/{len(ratio['all_runs'])} rounds disturbed; {ratio['rounds_used']} used)",
                file=out,
            )


def compare(first: dict, second: dict, tolerance: float = AGREEMENT) -> tuple[bool, list[str]]:
    """Does every ratio's median agree between two runs within ±tolerance (relative)?"""
    lines, agree = [], True
    for qid, question in first["questions"].items():
        if qid not in second["questions"]:
            continue  # partial runs: compare what both measured
        for key, ratio in question["ratios"].items():
            other = second["questions"][qid]["ratios"][key]
            change = other["median"] / ratio["median"] - 1
            ok = abs(change) <= tolerance
            agree &= ok
            lines.append(
                f"{'ok ' if ok else 'OFF'} {qid}/{key}: {ratio['median']:.2f}x [{ratio['min']:.2f}-{ratio['max']:.2f}]"
                f" vs {other['median']:.2f}x [{other['min']:.2f}-{other['max']:.2f}] ({change:+.0%})"
            )
    return agree, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.grpc_perf", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help=f"results file (default: {DEFAULT_OUT.relative_to(ROOT)})")
    parser.add_argument(
        "--rounds",
        type=int,
        help=f"rounds per figure in every block, at least 5 (default: {', '.join(f'{b} {n}' for b, n in ROUNDS.items())})",
    )
    parser.add_argument(
        "--blocks",
        help="comma-separated blocks to run: channels, flavours, future, messages, sizes, workers, streams "
        "(default: all; a partial run writes a file only with --out)",
    )
    parser.add_argument("--compare", nargs=2, type=Path, metavar="RESULTS", help="compare two results files' ratios")
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="let the OS place the processes (default: the servers on the first CPU, the clients on the last, "
        "as if each side had a machine of its own)",
    )
    parser.add_argument("--client-worker", choices=("sync", "aio"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client_worker:
        worker_main(args.client_worker)
        return 0
    if args.compare:
        agree, lines = compare(*(json.loads(p.read_text(encoding="utf-8")) for p in args.compare))
        print("\n".join(lines))
        print(f"every ratio within ±{AGREEMENT:.0%}: {'yes' if agree else 'no'}")
        return 0 if agree else 1
    if args.rounds is not None and args.rounds < 5 and not args.blocks:
        parser.error("--rounds: at least 5")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    all_blocks = blocks()
    chosen = list(all_blocks) if not args.blocks else args.blocks.split(",")
    if set(chosen) - set(all_blocks):
        parser.error(f"--blocks: unknown {', '.join(sorted(set(chosen) - set(all_blocks)))}")
    started, load_before = time.perf_counter(), _load()
    with Processes(pin=args.pin) as processes:
        servers = sorted({v.server for name in chosen for v in all_blocks[name]})
        running = processes.servers(servers)
        workers = {flavour: Worker(processes, flavour) for flavour in ("sync", "aio")}
        log(f"servers up in {time.perf_counter() - started:.1f} s: {', '.join(servers)}")
        log(f"processes: {' '.join(str(pid) for pid in processes.pids())}")
        planned = {name: args.rounds or ROUNDS[name] for name in chosen}
        weights = {name: nominal_seconds(all_blocks[name], planned[name]) for name in chosen}
        rounds_done = {}
        for position, name in enumerate(chosen):
            block_started = time.perf_counter()
            remaining = BUDGET - (block_started - started)
            share = weights[name] / sum(weights[n] for n in chosen[position:])
            rounds_done[name] = run_block(
                name, all_blocks[name], workers, running, planned[name], remaining * share, log
            )
            log(f"{name}: {time.perf_counter() - block_started:.1f} s")
    seconds = time.perf_counter() - started
    results = {
        "schema": SCHEMA,
        "tool": "python -m benchmarks.grpc_perf",
        "machine": machine_facts(),
        "settings": {
            "rounds_planned": planned,
            "rounds": rounds_done,
            "budget_s": BUDGET,
            "min_rounds": MIN_ROUNDS,
            "window_s": WINDOW,
            "workers_window_s": WORKERS_WINDOW,
            "stream_length": STREAM_LENGTH,
            "sizes": SIZES,
            "worker_counts": list(WORKER_COUNTS),
            "workers_callers": WORKERS_CALLERS,
            "sleep_ms": SLEEP_MS,
            "burn_ms": BURN_MS,
            "long_streams": LONG_STREAMS,
            "long_stream_messages": LONG_STREAM_MESSAGES,
            "long_stream_sleep_ms": LONG_STREAM_SLEEP_MS,
            "pool_size": POOL_SIZE,
            "max_concurrent_streams": MAX_CONCURRENT_STREAMS,
            "agreement": AGREEMENT,
            "disturbed_share": DISTURBED,
        },
        "run": {
            "seconds": round(seconds, 1),
            "load_before": load_before,
            "load_after": _load(),
            "pinned": args.pin,
            "blocks": chosen,
        },
        "questions": results_of(all_blocks),
    }
    print_results(results)
    out = args.out or (None if args.blocks else DEFAULT_OUT)  # a partial run is written only when asked
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nwrote {out}")
    else:
        log(f"partial run ({args.blocks}) in {seconds:.1f} s; no results file written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
