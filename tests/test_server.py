"""The bundled server: the reader's command, both flavours, and its own view of handlers."""

import os
import subprocess
import sys
import time

import grpc
import pytest

from docs_harness import PROJECT_ROOT
from guide_server.process import ServerProcess
from guidepb import greeter_pb2, greeter_pb2_grpc


@pytest.fixture(params=["sync", "aio"])
def served(request):
    """The reader's command (python -m guide_server), in both flavours: yields its address."""
    server = ServerProcess.start(flavour=request.param)
    try:
        assert server.announcement.startswith(f"guide server ({request.param}) listening on 127.0.0.1:")
        yield server.address
    finally:
        assert server.stop() == 0  # SIGTERM: a clean exit


def test_every_method_answers(served):
    with grpc.insecure_channel(served) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        assert greeter.SayHello(greeter_pb2.HelloRequest(name="a"), timeout=5).message == "Hello, a!"
        stream = greeter.StreamGreetings(greeter_pb2.StreamRequest(name="s", count=3), timeout=5)
        assert [reply.index for reply in stream] == [0, 1, 2]
        names = iter([greeter_pb2.HelloRequest(name=n) for n in "xyz"])
        assert list(greeter.CollectGreetings(names, timeout=5).names) == ["x", "y", "z"]
        chat = greeter.Chat(iter([greeter_pb2.HelloRequest(name=n) for n in "pq"]), timeout=5)
        assert [reply.message for reply in chat] == ["Hello, p!", "Hello, q!"]
        stats = monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=2000), timeout=5)
        assert (stats.active, stats.finished["ok"]) == (0, 4)


def test_the_server_tells_how_each_handler_ended(served):
    with grpc.insecure_channel(served) as channel:
        greeter = greeter_pb2_grpc.GreeterStub(channel)
        monitor = greeter_pb2_grpc.MonitorStub(channel)
        endless = greeter.StreamGreetings(greeter_pb2.StreamRequest(interval_ms=10), timeout=30)
        next(endless)
        running = monitor.WaitForActive(greeter_pb2.WaitRequest(active=1, timeout_ms=2000), timeout=5)
        assert dict(running.active_by_method) == {"StreamGreetings": 1}
        endless.cancel()
        with pytest.raises(grpc.RpcError) as late:
            greeter.SayHello(greeter_pb2.HelloRequest(delay_ms=2000), timeout=0.2)
        assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
        greeter.SayHello(greeter_pb2.HelloRequest(), timeout=5)
        stats = monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5)
    assert stats.active == 0
    assert dict(stats.finished) == {"ok": 1, "cancelled": 1, "deadline_exceeded": 1, "error": 0}


def test_a_snippet_run_with_no_server_up_says_how_to_start_it():
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "snippets/client/sharing/shared_channel_sync.py"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "GUIDE_SERVER_ADDRESS": "127.0.0.1:1"},
    )
    assert time.monotonic() - started < 5
    assert run.returncode != 0
    assert "guide_server.ServerNotRunning: no server listens at 127.0.0.1:1" in run.stderr
    assert "./dev server" in run.stderr


def test_a_reader_on_an_unverified_grpcio_is_told_which_releases_were_verified():
    from docs_harness.results import recorded_versions
    from guide_server import unverified_grpcio_note

    note = unverified_grpcio_note("1.50.0")
    assert note.startswith("note: grpcio 1.50.0 is not one this guide was verified on (")
    assert all(version in note for version in recorded_versions()) and "./dev verify" in note
    assert unverified_grpcio_note(recorded_versions()[-1]) is None
