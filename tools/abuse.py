"""./dev abuse: the bundled server under hostile and heavy load, on loopback only.

    ./dev abuse                  both flavours (sync, then --aio), every phase at full size (< 90 s)
    ./dev abuse --quick          the same phases, smaller (< 15 s): the test suite's smoke run
    ./dev abuse --flavour aio    one flavour

Each flavour's server runs in its own process, started as the project always starts it
(guide_server.process.ServerProcess), with an explicit --max-message-bytes. The phases:

  unknown      unknown methods and services (unary and streaming): UNIMPLEMENTED
  oversized    a request of exactly the limit (OK), one byte over, far over, and over in
               the middle of a client stream: RESOURCE_EXHAUSTED
  garbage      raw TCP connections that send junk (the server must close them), and ones
               that connect and never speak, or stop inside the HTTP/2 preface, held open
               while normal calls go through
  ending       clients that cancel, or hit their deadline, in the middle of a stream (each
               shape): CANCELLED, DEADLINE_EXCEEDED
  streams      1,000 concurrent streams (Chat), all open at once, from one channel, then from
               100 channels (10 each)
  burst        10,000 unary calls, 100 in flight

After each phase the server must still run, answer a normal call, get back to 0 active
handlers (Monitor.WaitForActive), and have finished exactly the handlers the phase started,
in the outcomes the protocol makes certain. During the load phases a probe makes one normal
call after another, on its own channel: its latency is "a normal call under load". The
summary (status codes per phase, the server's peak memory VmHWM, latency percentiles) is
printed as a table and written as JSON; the exit status is 1 if any expectation failed.
Every count is fixed (no randomness but a seeded one), every wait has a deadline, and every
process and socket started here is closed before it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import struct
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import grpc

from guide_server.process import ServerProcess
from guide_server.server import MAX_MESSAGE_BYTES
from guidepb import greeter_pb2 as pb
from guidepb import greeter_pb2_grpc as rpc

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # the only host this tool talks to
FLAVOURS = ("sync", "aio")
OUTCOMES = ("ok", "cancelled", "deadline_exceeded", "error")
PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
SEED = 20240601
SYNC_WORKERS = 32  # the thread-pool server's default; handlers that must run at once stay well below it
BUDGET_SECONDS = 80.0  # the whole run, both flavours; a phase that would pass it fails instead of running on
PHASE_SECONDS = 40.0  # one phase, at most
CALL_SECONDS = 30.0  # the deadline of a call that is meant to succeed, even on a busy machine
HOLD_SECONDS = 0.5  # how long the thread-pool server's 1,000 streams are held open at once
CLIENT_OPTIONS = [("grpc.max_send_message_length", -1), ("grpc.max_receive_message_length", -1)]


@dataclass(frozen=True)
class Sizes:
    unknown_methods: int = 200
    unknown_services: int = 100
    unknown_streams: int = 100
    oversized: int = 8  # twice the limit
    huge: int = 1  # 16 times the limit
    oversized_mid_stream: int = 8
    junk_random: int = 40
    junk_each_kind: int = 5  # of each crafted kind (HTTP/1.1, bad frames, a frame too large, bad HPACK)
    idle: int = 200
    partial_preface: int = 50
    calls_while_held: int = 20
    cancel_streams: int = 64
    cancel_chats: int = 64
    cancel_uploads: int = 32
    deadline_streams: int = 32
    deadline_chats: int = 32
    ending_batch: int = 16
    deadline_ms: int = 1000
    streams_one_channel: int = 1000
    channels: int = 100
    streams_per_channel: int = 10
    burst: int = 10_000
    in_flight: int = 100


QUICK = Sizes(
    unknown_methods=20,
    unknown_services=10,
    unknown_streams=10,
    oversized=2,
    huge=0,
    oversized_mid_stream=2,
    junk_random=8,
    junk_each_kind=1,
    idle=20,
    partial_preface=5,
    calls_while_held=5,
    cancel_streams=8,
    cancel_chats=8,
    cancel_uploads=8,
    deadline_streams=8,
    deadline_chats=8,
    ending_batch=8,
    deadline_ms=500,
    streams_one_channel=100,
    channels=10,
    streams_per_channel=10,
    burst=1000,
    in_flight=50,
)


class Failed(Exception):
    """An expectation of the phase did not hold."""


@dataclass
class Expect:
    """What the server's own counts (Monitor.GetStats().finished) must grow by in a phase.

    exact: outcome -> count, certain by the protocol. loose: (outcomes, count) pairs, each
    `count` handlers that must end in one of `outcomes`, where which one is a race: a deadline
    is seen by the server as its own deadline or as the client's cancellation; and a handler
    that reads a request stream may see the stream just end when its call is cancelled, and
    return, counted "ok" (grpc.aio always; the thread-pool server sometimes). Nothing else."""

    exact: Counter = field(default_factory=Counter)
    loose: list[tuple[tuple[str, ...], int]] = field(default_factory=list)

    def problems(self, delta: dict[str, int]) -> list[str]:
        rest = {outcome: delta.get(outcome, 0) - self.exact[outcome] for outcome in OUTCOMES}
        if any(n < 0 for n in rest.values()) or not self._fits(rest):
            return [f"server counted {_outcomes_text(delta)}; expected {self.describe()}"]
        return []

    def _fits(self, rest: dict[str, int]) -> bool:
        """Can the leftover counts be shared out among the loose groups? (all of them, exactly:
        Hall's condition, over every set of outcomes)"""
        if sum(rest.values()) != sum(count for _group, count in self.loose):
            return False
        for mask in range(1, 1 << len(OUTCOMES)):
            chosen = {o for i, o in enumerate(OUTCOMES) if mask >> i & 1}
            if sum(rest[o] for o in chosen) > sum(n for group, n in self.loose if chosen & set(group)):
                return False
        return True

    def describe(self) -> str:
        parts = [f"{o} {n}" for o, n in self.exact.items() if n]
        parts += [f"{'|'.join(g)} {n}" for g, n in self.loose if n]
        return ", ".join(parts) or "-"


def _outcomes_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{o} {n}" for o, n in counts.items() if n) or "nothing"


@dataclass
class Phase:
    name: str
    codes: Counter = field(default_factory=Counter)  # the status of each call of the phase, as its client saw it
    expected_codes: Counter = field(default_factory=Counter)
    expect: Expect = field(default_factory=Expect)
    notes: dict = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)  # seconds, the phase's own calls (burst)
    failures: list[str] = field(default_factory=list)

    def expect_codes(self, code: str, count: int) -> None:
        self.expected_codes[code] += count

    def record(self, code: grpc.StatusCode | str) -> None:
        self.codes[code.name if isinstance(code, grpc.StatusCode) else code] += 1


class Budget:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def for_phase(self) -> float:
        left = self.end - time.monotonic()
        if left <= 1:
            raise Failed("the run's time budget is spent")
        return min(PHASE_SECONDS, left)


def percentiles(values: list[float]) -> dict | None:
    """p50, p90, p99 (nearest rank) and max, in milliseconds."""
    if not values:
        return None
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[max(0, min(len(ordered) - 1, -(-len(ordered) * p // 100) - 1))]

    ms = {f"p{p}": rank(p) for p in (50, 90, 99)} | {"max": ordered[-1]}
    return {"count": len(values)} | {k: round(v * 1000, 2) for k, v in ms.items()}


def proc_status(pid: int) -> dict[str, int]:
    """VmHWM (peak resident memory) and VmRSS in KiB, and open file descriptors, of a live process."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                found[key] = int(value.split()[0])
    found["fds"] = len(os.listdir(f"/proc/{pid}/fd"))
    return found


def code_of(error: BaseException) -> str:
    if isinstance(error, grpc.RpcError):
        return error.code().name
    return f"{type(error).__name__}"


# The phases ---------------------------------------------------------------------------


class Abuse:
    """The phases against one running server."""

    def __init__(self, flavour: str, server: ServerProcess, sizes: Sizes, limit: int) -> None:
        self.flavour = flavour
        self.server = server
        self.sizes = sizes
        self.limit = limit
        self.port = int(server.address.rpartition(":")[2])
        self.rng = random.Random(SEED)

    async def __aenter__(self) -> Abuse:
        self.channel = grpc.aio.insecure_channel(self.server.address, options=CLIENT_OPTIONS)
        self.greeter = rpc.GreeterStub(self.channel)
        self.monitor = rpc.MonitorStub(self.channel)
        self.bench = rpc.BenchStub(self.channel)
        self.probe_channel = grpc.aio.insecure_channel(self.server.address, options=CLIENT_OPTIONS)
        for channel in (self.channel, self.probe_channel):
            await asyncio.wait_for(channel.channel_ready(), CALL_SECONDS)
        await asyncio.sleep(0.1)
        self.baseline_fds = proc_status(self.server.process.pid)["fds"]  # with this tool's two connections
        return self

    async def __aexit__(self, *exc_info) -> None:
        await self.channel.close()
        await self.probe_channel.close()

    # -- unknown methods and services

    async def unknown(self, phase: Phase) -> None:
        s = self.sizes
        paths = (
            [("/guide.v1.Greeter/NoSuchMethod", "unary")] * s.unknown_methods
            + [(f"/guide.v1.NoSuchService{i % 7}/Call", "unary") for i in range(s.unknown_services)]
            + [("/guide.v1.Greeter/NoSuchStream", "server stream")] * (s.unknown_streams // 2)
            + [("/guide.v1.Greeter/NoSuchChat", "bidi")] * (s.unknown_streams - s.unknown_streams // 2)
        )

        async def call(path: str, shape: str) -> None:
            if shape == "unary":
                call = self.channel.unary_unary(path)(b"\x0a\x01x", timeout=CALL_SECONDS)
            elif shape == "server stream":
                call = self.channel.unary_stream(path)(b"\x0a\x01x", timeout=CALL_SECONDS)
            else:  # opened, nothing written: a write racing the server's answer fails on the client (INTERNAL)
                call = self.channel.stream_stream(path)(timeout=CALL_SECONDS)
            phase.record(await call.code())

        await gather_bounded([call(path, shape) for path, shape in paths], 100)
        phase.expect_codes("UNIMPLEMENTED", len(paths))
        phase.notes["calls"] = {
            "unknown method": s.unknown_methods,
            "unknown service": s.unknown_services,
            "unknown stream": s.unknown_streams,
        }

    # -- oversized messages

    async def oversized(self, phase: Phase) -> None:
        s, limit = self.sizes, self.limit

        async def echo(size: int) -> None:  # EchoRequest.payload: 1 tag byte, 4 length bytes, the bytes
            request = pb.EchoRequest(payload=b"x" * (size - 5))
            assert request.ByteSize() == size, (request.ByteSize(), size)
            try:
                reply = await self.bench.Echo(request, timeout=CALL_SECONDS)
                phase.record("OK" if reply.payload == b"" else "WRONG_REPLY")
            except grpc.RpcError as error:
                phase.record(error.code())

        await echo(limit)  # exactly the limit: accepted
        await echo(limit + 1)
        phase.expect_codes("OK", 1)
        phase.expect_codes("RESOURCE_EXHAUSTED", 1)

        async def hello(size: int) -> None:
            try:
                await self.greeter.SayHello(pb.HelloRequest(name="x" * size), timeout=CALL_SECONDS)
                phase.record("OK")
            except grpc.RpcError as error:
                phase.record(error.code())

        for _ in range(s.oversized):
            await hello(2 * limit)
        for _ in range(s.huge):
            await hello(16 * limit)
        phase.expect_codes("RESOURCE_EXHAUSTED", s.oversized + s.huge)

        async def upload() -> None:  # two small names, then one over the limit, in one client stream
            call = self.greeter.CollectGreetings(timeout=CALL_SECONDS)
            try:
                for request in (
                    pb.HelloRequest(name="a"),
                    pb.HelloRequest(name="b"),
                    pb.HelloRequest(name="x" * limit),
                ):
                    await call.write(request)
                await call.done_writing()
            except (grpc.RpcError, asyncio.InvalidStateError):
                pass  # the server may end the call while we still write; its status tells
            phase.record(await call.code())

        await gather_bounded([upload() for _ in range(s.oversized_mid_stream)], 4)
        phase.expect_codes("RESOURCE_EXHAUSTED", s.oversized_mid_stream)
        # the handler had started; when the stream fails, the sync handler sees its call end
        # ("cancelled"), the aio one sees its requests end and returns ("ok"); see Expect
        phase.expect.loose.append((("cancelled", "ok"), s.oversized_mid_stream))
        phase.notes["limit_bytes"] = limit
        phase.notes["sizes"] = {
            "at the limit": 1,
            "limit + 1": 1,
            "2 x limit": s.oversized,
            "16 x limit": s.huge,
            "over the limit mid-stream": s.oversized_mid_stream,
        }

    # -- raw TCP: junk, and connections that never speak

    def _junk(self) -> list[tuple[str, bytes]]:
        s, rng = self.sizes, self.rng
        junk = []
        for _ in range(s.junk_random):
            data = bytearray(rng.randbytes(rng.randint(24, 4096)))
            if data[0] == PREFACE[0]:
                data[0] ^= 0xFF  # not even the preface's first byte: the server knows at once
            junk.append(("random bytes", bytes(data)))
        settings = frame(4, 0, 0, b"")
        for _ in range(s.junk_each_kind):
            junk.append(("HTTP/1.1 request", b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
            junk.append(("preface, then random bytes", PREFACE + rng.randbytes(256)))
            junk.append(
                (
                    "preface, then a 16 MiB frame header",
                    PREFACE + settings + struct.pack(">I", 0xFFFFFF)[1:] + b"\x00\x00\x00\x00\x00\x01",
                )
            )
            junk.append(("preface, then HEADERS with bad HPACK", PREFACE + settings + frame(1, 0x5, 1, b"\xff" * 16)))
        return junk

    async def garbage(self, phase: Phase) -> None:
        s = self.sizes
        closed_by_server: Counter = Counter()
        kinds: Counter = Counter()

        async def junk_connection(kind: str, data: bytes) -> None:
            kinds[kind] += 1
            reader, writer = await asyncio.open_connection(HOST, self.port)
            try:
                writer.write(data)
                with contextlib.suppress(ConnectionError):
                    await writer.drain()
                if await closes_within(reader, 10):
                    closed_by_server[kind] += 1
            finally:
                await close_writer(writer)

        await gather_bounded([junk_connection(kind, data) for kind, data in self._junk()], 50)
        phase.notes["junk connections"] = dict(kinds)
        phase.notes["junk connections closed by the server"] = dict(closed_by_server)
        if closed_by_server != kinds:
            phase.failures.append(
                f"the server did not close every junk connection: {dict(closed_by_server)} of {dict(kinds)}"
            )

        held = []
        try:
            for index in range(s.idle + s.partial_preface):
                reader, writer = await asyncio.open_connection(HOST, self.port)
                held.append((reader, writer))
                if index >= s.idle:
                    writer.write(PREFACE[:16])  # "PRI * HTTP/2.0\r\n", and nothing more
            await asyncio.sleep(0.2)
            phase.notes["server fds while held"] = proc_status(self.server.process.pid)["fds"]
            async with grpc.aio.insecure_channel(self.server.address) as fresh:  # a new connection, past them
                greeter = rpc.GreeterStub(fresh)
                for index in range(s.calls_while_held):
                    reply = await greeter.SayHello(pb.HelloRequest(name=f"held{index}"), timeout=CALL_SECONDS)
                    phase.record("OK" if reply.message == f"Hello, held{index}!" else "WRONG_REPLY")
            still_open = 0
            for reader, _writer in held:
                still_open += not await closes_within(reader, 0.005)
            phase.notes["idle connections held"] = s.idle
            phase.notes["partial-preface connections held"] = s.partial_preface
            phase.notes["of them still open after the calls"] = still_open
        finally:
            for _reader, writer in held:
                await close_writer(writer)
        phase.expect_codes("OK", s.calls_while_held)
        phase.expect.exact["ok"] += s.calls_while_held

    # -- cancellations and deadlines in the middle of a stream

    async def ending(self, phase: Phase) -> None:
        s = self.sizes

        async def cancel_stream() -> None:  # server streaming: three replies, then cancel
            call = self.greeter.StreamGreetings(pb.StreamRequest(name="c", interval_ms=5), timeout=CALL_SECONDS)
            for _ in range(3):
                await call.read()
            call.cancel()
            phase.record(await call.code())

        async def cancel_chat() -> None:  # bidi: one request, its reply, then cancel
            call = self.greeter.Chat(timeout=CALL_SECONDS)
            await call.write(pb.HelloRequest(name="c"))
            await call.read()
            call.cancel()
            phase.record(await call.code())

        async def deadline_stream() -> None:  # endless server stream, until the deadline
            call = self.greeter.StreamGreetings(
                pb.StreamRequest(name="d", interval_ms=10), timeout=s.deadline_ms / 1000
            )
            replies = 0
            try:
                async for _reply in call:
                    replies += 1
            except grpc.RpcError:
                pass
            phase.record(await call.code())
            phase.notes["deadline streams with replies before it"] = phase.notes.get(
                "deadline streams with replies before it", 0
            ) + (replies > 0)

        async def deadline_chat() -> None:  # bidi: one exchange, then silence until the deadline
            call = self.greeter.Chat(timeout=s.deadline_ms / 1000)
            try:
                await call.write(pb.HelloRequest(name="d"))
                await call.read()
            except grpc.RpcError:
                pass
            phase.record(await call.code())

        async def uploads(count: int) -> None:  # client streaming: two names each; cancel once all handlers run
            batch = [self.greeter.CollectGreetings(timeout=CALL_SECONDS) for _ in range(count)]
            for call in batch:
                await call.write(pb.HelloRequest(name="u1"))
                await call.write(pb.HelloRequest(name="u2"))
            running = await self.wait_for_active(count)
            if running != count:
                phase.failures.append(f"{running} upload handlers ran, expected {count}")
            for call in batch:
                call.cancel()
            for call in batch:
                phase.record(await call.code())

        by_shape = phase.notes["server outcomes by shape"] = {}
        shapes = (
            ("stream cancelled after 3 replies", s.cancel_streams, cancel_stream, "CANCELLED", ("cancelled",)),
            ("chat cancelled after 1 exchange", s.cancel_chats, cancel_chat, "CANCELLED", ("cancelled", "ok")),
            ("upload cancelled after 2 requests", s.cancel_uploads, None, "CANCELLED", ("cancelled", "ok")),
            (
                f"stream past its deadline ({s.deadline_ms} ms)",
                s.deadline_streams,
                deadline_stream,
                "DEADLINE_EXCEEDED",
                ("deadline_exceeded", "cancelled"),
            ),
            (
                f"chat past its deadline ({s.deadline_ms} ms)",
                s.deadline_chats,
                deadline_chat,
                "DEADLINE_EXCEEDED",
                ("deadline_exceeded", "cancelled", "ok"),
            ),
        )
        for name, count, work, code, outcomes in shapes:
            before = await self.stats()
            if work is None:
                for start in range(0, count, s.ending_batch):
                    await uploads(min(s.ending_batch, count - start))
            else:
                await gather_bounded([work() for _ in range(count)], s.ending_batch)
            await self.wait_for_active(0)
            after = await self.stats()
            by_shape[name] = {o: after[o] - before[o] for o in OUTCOMES if after[o] != before[o]}
            phase.expect_codes(code, count)
            # a deadline: the server sees its own pass, or the client's cancellation first; a
            # request stream: the handler may see it just end, and return "ok" (see Expect)
            if len(outcomes) == 1:
                phase.expect.exact[outcomes[0]] += count
            else:
                phase.expect.loose.append((outcomes, count))
        replied = phase.notes.pop("deadline streams with replies before it", 0)
        phase.notes["deadline streams with replies before the deadline"] = replied
        if replied != s.deadline_streams:
            phase.failures.append("a deadline stream got no reply before its deadline (not mid-stream)")

    # -- many concurrent streams

    async def streams(self, phase: Phase) -> None:
        s = self.sizes
        one = await self.held_streams(phase, [self.greeter] * s.streams_one_channel)
        channels = [  # each its own connection (no shared subchannel)
            grpc.aio.insecure_channel(self.server.address, options=[("grpc.use_local_subchannel_pool", 1)])
            for _ in range(s.channels)
        ]
        try:
            many = await self.held_streams(
                phase, [rpc.GreeterStub(channel) for channel in channels for _ in range(s.streams_per_channel)]
            )
        finally:
            await asyncio.gather(*[channel.close() for channel in channels])
        total = s.streams_one_channel + s.channels * s.streams_per_channel
        phase.expect_codes("OK", total)
        phase.expect.exact["ok"] += total
        phase.notes["one channel"] = one
        phase.notes[f"{s.channels} channels x {s.streams_per_channel}"] = many

    async def held_streams(self, phase: Phase, greeters: list) -> dict:
        """Opens one Chat per stub and sends one request on each, holds them all open at once,
        then half-closes them: each must end OK with one reply.

        grpc.aio runs every handler at once, which Monitor must see (active == streams); the
        thread-pool server runs max_workers of them and queues the rest, unseen: Monitor's own
        calls would queue behind them too, so the streams are just held for HOLD_SECONDS."""
        count, opened, replies = len(greeters), 0, 0
        all_opened, release = asyncio.Event(), asyncio.Event()

        async def chat(greeter) -> None:
            nonlocal opened, replies
            call = greeter.Chat(timeout=CALL_SECONDS * 2)
            try:
                try:
                    await call.write(pb.HelloRequest(name="s"))
                finally:
                    opened += 1
                    if opened == count:
                        all_opened.set()
                await release.wait()
                await call.done_writing()
                async for _reply in call:
                    replies += 1
            except grpc.RpcError:
                pass
            phase.record(await call.code())

        started = time.perf_counter()
        tasks = [asyncio.create_task(chat(greeter), name="abuse-stream") for greeter in greeters]
        note = {"streams": count}
        try:
            await asyncio.wait_for(all_opened.wait(), CALL_SECONDS)
            note["seconds to open"] = round(time.perf_counter() - started, 3)
            if self.flavour == "aio":
                note["handlers running at once"] = active = await self.wait_for_active(count)
                if active != count:
                    phase.failures.append(f"{active} handlers ran at once, expected all {count} streams")
            else:
                await asyncio.sleep(HOLD_SECONDS)
                note["held seconds"] = HOLD_SECONDS
        finally:
            release.set()
            await asyncio.gather(*tasks)
        note["replies"] = replies
        note["seconds"] = round(time.perf_counter() - started, 3)
        if replies != count:
            phase.failures.append(f"{replies} replies on {count} streams, expected one each")
        return note

    # -- a burst of unary calls

    async def burst(self, phase: Phase) -> None:
        s = self.sizes
        numbers = iter(range(s.burst))

        async def caller() -> None:
            for number in numbers:
                name = f"b{number}"
                started = time.perf_counter()
                try:
                    reply = await self.greeter.SayHello(pb.HelloRequest(name=name), timeout=CALL_SECONDS)
                    phase.record("OK" if reply.message == f"Hello, {name}!" else "WRONG_REPLY")
                except grpc.RpcError as error:
                    phase.record(error.code())
                phase.latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*[caller() for _ in range(s.in_flight)])
        elapsed = time.perf_counter() - started
        phase.expect_codes("OK", s.burst)
        phase.expect.exact["ok"] += s.burst
        phase.notes["calls"] = s.burst
        phase.notes["in flight"] = s.in_flight
        phase.notes["calls per second"] = round(s.burst / elapsed)

    # -- what every phase ends with

    async def wait_for_active(self, count: int) -> int:
        stats = await self.monitor.WaitForActive(pb.WaitRequest(active=count, timeout_ms=10_000), timeout=CALL_SECONDS)
        return stats.active

    async def stats(self) -> dict[str, int]:
        stats = await self.monitor.GetStats(pb.StatsRequest(), timeout=CALL_SECONDS)
        return {outcome: stats.finished[outcome] for outcome in OUTCOMES}

    async def check(self, phase: Phase, before: dict[str, int]) -> dict[str, int]:
        """Alive, answers, back to 0 handlers, and finished what the phase started; returns the new counts."""
        if self.server.process.poll() is not None:
            raise Failed(f"the server died (exit status {self.server.process.returncode})")
        reply = await self.greeter.SayHello(pb.HelloRequest(name="check"), timeout=CALL_SECONDS)
        if reply.message != "Hello, check!":
            phase.failures.append(f"the normal call after the phase got {reply.message!r}")
        phase.expect.exact["ok"] += 1
        stats = await self.monitor.WaitForActive(pb.WaitRequest(active=0, timeout_ms=10_000), timeout=CALL_SECONDS)
        if stats.active:
            phase.failures.append(
                f"{stats.active} handlers still active after the phase: {dict(stats.active_by_method)}"
            )
        after = {outcome: stats.finished[outcome] for outcome in OUTCOMES}
        delta = {outcome: after[outcome] - before[outcome] for outcome in OUTCOMES}
        phase.notes["server finished"] = delta
        phase.failures += phase.expect.problems(delta)
        if phase.codes != phase.expected_codes:
            phase.failures.append(f"status codes {dict(phase.codes)}, expected {dict(phase.expected_codes)}")
        fds = await self.fds_settled()
        if fds > self.baseline_fds:
            phase.failures.append(f"the server still holds {fds} file descriptors, {self.baseline_fds} before the run")
        return after

    async def fds_settled(self) -> int:
        """The server's open file descriptors, once the connections the phase closed are gone (10 s at most)."""
        deadline = time.monotonic() + 10
        while (fds := proc_status(self.server.process.pid)["fds"]) > self.baseline_fds and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        return fds


class Probe:
    """One normal call after another (SayHello, then GetStats for the active count) while a phase runs."""

    def __init__(self, abuse: Abuse) -> None:
        self.greeter = rpc.GreeterStub(abuse.probe_channel)
        self.monitor = rpc.MonitorStub(abuse.probe_channel)
        self.latencies: list[float] = []
        self.codes: Counter = Counter()
        self.peak_active = 0
        self._stop = asyncio.Event()

    async def run(self) -> None:
        while not self._stop.is_set():
            started = time.perf_counter()
            try:
                await self.greeter.SayHello(pb.HelloRequest(name="probe"), timeout=CALL_SECONDS)
                self.codes["OK"] += 1
            except grpc.RpcError as error:
                self.codes[error.code().name] += 1
            self.latencies.append(time.perf_counter() - started)
            with contextlib.suppress(grpc.RpcError):
                stats = await self.monitor.GetStats(pb.StatsRequest(), timeout=CALL_SECONDS)
                self.peak_active = max(self.peak_active, stats.active)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), 0.02)

    @contextlib.asynccontextmanager
    async def running(self):
        task = asyncio.create_task(self.run(), name="abuse-probe")
        try:
            yield self
        finally:
            self._stop.set()
            await task


# Helpers ------------------------------------------------------------------------------


def frame(kind: int, flags: int, stream: int, payload: bytes) -> bytes:
    """An HTTP/2 frame: 24-bit length, type, flags, 31-bit stream id, payload."""
    return struct.pack(">I", len(payload))[1:] + bytes([kind, flags]) + struct.pack(">I", stream) + payload


async def closes_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    """True if the peer closes (EOF or reset) within seconds; whatever it sends first is read and dropped."""
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        try:
            if not await asyncio.wait_for(reader.read(65536), left):
                return True
        except TimeoutError:
            return False
        except ConnectionError:
            return True
    return False


async def close_writer(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(ConnectionError):
        await writer.wait_closed()


async def gather_bounded(coroutines: list, limit: int) -> None:
    """Runs the coroutines, at most limit at a time; the first error is raised after all have ended."""
    semaphore = asyncio.Semaphore(limit)

    async def bounded(coroutine):
        async with semaphore:
            return await coroutine

    results = await asyncio.gather(*[bounded(c) for c in coroutines], return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            raise result


# One flavour, the whole run -----------------------------------------------------------

PHASES = ("unknown", "oversized", "garbage", "ending", "streams", "burst")
UNDER_LOAD = ("streams", "burst")  # the probe runs during these


async def abuse_flavour(flavour: str, sizes: Sizes, limit: int, budget: Budget, log: Path) -> dict:
    started = time.perf_counter()
    result = {"flavour": flavour, "phases": [], "failures": []}
    server = ServerProcess.start(flavour=flavour, extra_args=("--max-message-bytes", str(limit)), log=log)
    pid = server.process.pid
    result["announcement"] = server.announcement
    result["memory_at_start_kib"] = proc_status(pid)
    probe_latencies: list[float] = []
    probe_codes: Counter = Counter()
    try:
        async with Abuse(flavour, server, sizes, limit) as abuse:
            counts = await abuse.stats()
            result["server_fds_at_start"] = abuse.baseline_fds
            for name in PHASES:
                phase = Phase(name)
                phase_started = time.perf_counter()
                probe = None
                try:
                    async with asyncio.timeout(budget.for_phase()):
                        if name in UNDER_LOAD:
                            probe = Probe(abuse)
                            async with probe.running():
                                await getattr(abuse, name)(phase)
                            phase.expect.exact["ok"] += probe.codes["OK"]
                        else:
                            await getattr(abuse, name)(phase)
                        counts = await abuse.check(phase, counts)
                except TimeoutError:
                    phase.failures.append("the phase ran past its deadline")
                except Failed as failure:
                    phase.failures.append(str(failure))
                except (grpc.RpcError, OSError, AssertionError) as error:
                    phase.failures.append(f"{code_of(error)}: {error}")
                alive = server.process.poll() is None
                entry = {
                    "phase": name,
                    "seconds": round(time.perf_counter() - phase_started, 3),
                    "codes": dict(sorted(phase.codes.items())),
                    "expected_codes": dict(sorted(phase.expected_codes.items())),
                    "server_expected": phase.expect.describe(),
                    "notes": phase.notes,
                    "server_alive": alive,
                    "memory_kib": proc_status(pid) if alive else None,
                    "failures": phase.failures,
                }
                if phase.latencies:
                    entry["latency_ms"] = percentiles(phase.latencies)
                if probe is not None:
                    entry["probe"] = {
                        "codes": dict(probe.codes),
                        "latency_ms": percentiles(probe.latencies),
                        "peak_active_handlers": probe.peak_active,
                    }
                    probe_latencies += probe.latencies
                    probe_codes += probe.codes
                    if set(probe.codes) - {"OK"}:
                        phase.failures.append(f"a normal call under load failed: {dict(probe.codes)}")
                result["phases"].append(entry)
                result["failures"] += [f"{flavour} {name}: {failure}" for failure in phase.failures]
                if not alive:
                    result["failures"].append(f"{flavour}: the server died in phase {name}")
                    break
    finally:
        alive = server.process.poll() is None
        readings = [p["memory_kib"]["VmHWM"] for p in result["phases"] if p["memory_kib"]]
        if alive:
            readings.append(proc_status(pid)["VmHWM"])
        # the largest reading: the kernel updates VmHWM lazily, so a reading can be a little below an earlier one
        result["peak_memory_kib"] = max(readings, default=None)
        status = server.stop()
    result["exit_status"] = status
    if status != 0:
        result["failures"].append(f"{flavour}: the server's exit status on SIGTERM was {status}, not 0")
    burst = next((p for p in result["phases"] if p["phase"] == "burst"), None)
    result["latency_ms"] = {
        "burst": burst.get("latency_ms") if burst else None,
        "normal call under load": percentiles(probe_latencies),
    }
    result["normal calls under load"] = dict(probe_codes)
    result["server_log_lines"] = len(log.read_text(errors="replace").splitlines()) if log.exists() else 0
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


# Output -------------------------------------------------------------------------------


def codes_text(codes: dict) -> str:
    return ", ".join(f"{code} {count}" for code, count in codes.items()) or "-"


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers))]
    line = lambda row: "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *[line(row) for row in rows]])


def render(result: dict) -> str:
    flavour = result["flavour"]
    rows = []
    for p in result["phases"]:
        finished = p["notes"].get("server finished", {})
        memory = p["memory_kib"] or {}
        rows.append(
            [
                p["phase"],
                f"{p['seconds']:.1f}",
                codes_text(p["codes"]),
                codes_text({k: v for k, v in finished.items() if v}),
                f"{memory.get('VmHWM', 0) / 1024:.1f}",
                str(memory.get("fds", "-")),
                "ok" if not p["failures"] else "FAILED",
            ]
        )
    out = [
        f"== {flavour}: {result['announcement']}",
        table(rows, ["phase", "s", "client status codes", "server handlers ended", "VmHWM MiB", "fds", "check"]),
    ]
    lat_rows = []
    for what, values in result["latency_ms"].items():
        if values:
            lat_rows.append([what, str(values["count"]), *(f"{values[k]:.1f}" for k in ("p50", "p90", "p99", "max"))])
    for p in result["phases"]:
        if "probe" in p and p["probe"]["latency_ms"]:
            v = p["probe"]["latency_ms"]
            lat_rows.append(
                [
                    f"  normal call during {p['phase']}",
                    str(v["count"]),
                    *(f"{v[k]:.1f}" for k in ("p50", "p90", "p99", "max")),
                ]
            )
    out.append(table(lat_rows, ["latency (ms)", "calls", "p50", "p90", "p99", "max"]))
    peak = result["peak_memory_kib"]
    out.append(
        f"peak memory (VmHWM): {peak / 1024:.1f} MiB (at start {result['memory_at_start_kib']['VmHWM'] / 1024:.1f} MiB); "
        f"exit status on SIGTERM: {result['exit_status']}; {result['seconds']:.1f} s"
        if peak
        else f"server not alive at the end; exit status {result['exit_status']}"
    )
    for p in result["phases"]:
        details = {k: v for k, v in p["notes"].items() if k != "server finished"}
        if "probe" in p:
            details["peak active handlers seen by the probe"] = p["probe"]["peak_active_handlers"]
        out.append(f"  {p['phase']}: {json.dumps(details, ensure_ascii=False)}")
    out += [f"  FAILED: {failure}" for failure in result["failures"]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.abuse", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every phase, smaller (< 15 s)")
    parser.add_argument("--flavour", choices=("both", *FLAVOURS), default="both")
    parser.add_argument(
        "--max-message-bytes", type=int, default=MAX_MESSAGE_BYTES, help="the server's receive limit (default: 4 MiB)"
    )
    parser.add_argument("--json", type=Path, help="where the summary goes (default: test-artifacts/abuse[-quick].json)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else Sizes()
    assert sizes.ending_batch <= SYNC_WORKERS // 2  # room left for Monitor's calls and the normal ones
    output = args.json or ROOT / "test-artifacts" / ("abuse-quick.json" if args.quick else "abuse.json")
    output.parent.mkdir(parents=True, exist_ok=True)
    flavours = FLAVOURS if args.flavour == "both" else (args.flavour,)
    budget = Budget(BUDGET_SECONDS)
    started = time.perf_counter()
    results = []
    for flavour in flavours:
        log = output.with_name(f"{output.stem}-{flavour}-server.log")
        log.unlink(missing_ok=True)
        result = asyncio.run(abuse_flavour(flavour, sizes, args.max_message_bytes, budget, log))
        print(render(result), flush=True)
        print(flush=True)
        results.append(result)
    failures = [failure for result in results for failure in result["failures"]]
    summary = {
        "command": "python -m tools.abuse" + (" --quick" if args.quick else ""),
        "passed": not failures,
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 3),
        "sizes": asdict(sizes),
        "max_message_bytes": args.max_message_bytes,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "grpcio": grpc.__version__,
            "load_average": os.getloadavg(),
        },
        "flavours": {result["flavour"]: result for result in results},
    }
    output.write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    verdict = "PASSED" if not failures else f"FAILED ({len(failures)})"
    print(f"abuse {verdict} in {summary['seconds']:.1f} s; summary in {output}")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
