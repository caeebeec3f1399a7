"""The bundled server against mistakes and abuse: a busy port, loopback, too large a message,
unknown methods, a stream ended at a yield; and the abuse command's quick run."""

import json
import subprocess
import sys
import time

import grpc
import pytest

from docs_harness import PROJECT_ROOT
from guide_server.process import ServerProcess
from guide_server.server import MAX_MESSAGE_BYTES
from guidepb import greeter_pb2, greeter_pb2_grpc

LOOPBACK_LINE = "(loopback only: other machines cannot reach it; --address 0.0.0.0:PORT to listen on all interfaces)"


@pytest.fixture(scope="module", params=["sync", "aio"])
def served(request):
    """One server per flavour for the module, as readers start it (the default limits)."""
    server = ServerProcess.start(flavour=request.param)
    try:
        yield server
    finally:
        assert server.stop() == 0


@pytest.fixture
def channel(served):
    with grpc.insecure_channel(served.address) as channel:
        yield channel


def flavour_of(server: ServerProcess) -> str:
    return "aio" if "--aio" in server.process.args else "sync"


def test_it_says_it_listens_on_loopback_only(served):
    flavour = flavour_of(served)
    assert served.announcement.startswith(f"guide server ({flavour}) listening on 127.0.0.1:")
    assert served.address == served.announcement.split()[-1]  # what ServerProcess parsed: the first line only
    assert served.process.stdout.readline().rstrip("\n") == LOOPBACK_LINE


@pytest.mark.parametrize("second", ["sync", "aio"])
def test_a_port_in_use_is_one_clear_error(served, second):
    """Another guide server on the port (gRPC's default SO_REUSEPORT would let both listen)."""
    run = subprocess.run(
        [sys.executable, "-m", "guide_server", "--address", served.address, *(["--aio"] if second == "aio" else [])],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert run.returncode == 1
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"port {served.address} is already in use: is another guide server running? stop it, or pick another --address"
    ]


def test_a_message_over_the_limit_is_resource_exhausted_and_the_server_serves_on(channel):
    bench = greeter_pb2_grpc.BenchStub(channel)
    at_limit = greeter_pb2.EchoRequest(payload=b"x" * (MAX_MESSAGE_BYTES - 5))  # tag, 4 length bytes, payload
    assert at_limit.ByteSize() == MAX_MESSAGE_BYTES
    assert bench.Echo(at_limit, timeout=10).payload == b""
    with pytest.raises(grpc.RpcError) as refused:
        bench.Echo(greeter_pb2.EchoRequest(payload=b"x" * (MAX_MESSAGE_BYTES - 4)), timeout=10)
    assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED
    assert f"larger than max ({MAX_MESSAGE_BYTES + 1} vs. {MAX_MESSAGE_BYTES})" in refused.value.details()
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    assert greeter.SayHello(greeter_pb2.HelloRequest(name="after"), timeout=5).message == "Hello, after!"


def test_the_limit_is_an_option():
    with ServerProcess.start(extra_args=("--max-message-bytes", "1000")) as server:
        with grpc.insecure_channel(server.address) as channel:
            greeter = greeter_pb2_grpc.GreeterStub(channel)
            assert greeter.SayHello(greeter_pb2.HelloRequest(name="x" * 900), timeout=5)
            with pytest.raises(grpc.RpcError) as refused:
                greeter.SayHello(greeter_pb2.HelloRequest(name="x" * 1000), timeout=5)
            assert refused.value.code() == grpc.StatusCode.RESOURCE_EXHAUSTED


@pytest.mark.parametrize("path", ["/guide.v1.Greeter/NoSuchMethod", "/guide.v1.NoSuchService/Call"])
def test_an_unknown_method_or_service_is_unimplemented(channel, path):
    with pytest.raises(grpc.RpcError) as unknown:
        channel.unary_unary(path)(b"", timeout=5)
    assert unknown.value.code() == grpc.StatusCode.UNIMPLEMENTED
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    assert greeter.SayHello(greeter_pb2.HelloRequest(name="a"), timeout=5).message == "Hello, a!"


def test_a_stream_cancelled_at_a_yield_counts_as_cancelled_not_error(channel):
    """With no interval, grpc.aio closes the handler's generator at its yield (GeneratorExit)."""
    greeter = greeter_pb2_grpc.GreeterStub(channel)
    monitor = greeter_pb2_grpc.MonitorStub(channel)
    before = monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5).finished
    for _ in range(10):
        stream = greeter.StreamGreetings(greeter_pb2.StreamRequest(name="y", interval_ms=0), timeout=10)
        for _reply in zip(range(3), stream, strict=False):
            pass
        stream.cancel()
    after = monitor.WaitForActive(greeter_pb2.WaitRequest(active=0, timeout_ms=3000), timeout=5)
    assert after.active == 0
    assert {outcome: after.finished[outcome] - before[outcome] for outcome in before} == {
        "ok": 0,
        "cancelled": 10,
        "deadline_exceeded": 0,
        "error": 0,
    }


def test_the_quick_abuse_run_passes(tmp_path):
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, "-m", "tools.abuse", "--quick", "--json", str(tmp_path / "abuse.json")],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert time.monotonic() - started < 30  # about 7 s alone; < 15 s on a busy machine
    summary = json.loads((tmp_path / "abuse.json").read_text())
    assert summary["passed"] and not summary["failures"]
    for flavour in ("sync", "aio"):
        result = summary["flavours"][flavour]
        assert [phase["phase"] for phase in result["phases"]] == [
            "unknown",
            "oversized",
            "garbage",
            "ending",
            "streams",
            "burst",
        ]
        assert result["exit_status"] == 0
        assert result["peak_memory_kib"] > 0
        assert result["latency_ms"]["burst"]["count"] == 1000
    assert "abuse PASSED" in run.stdout
