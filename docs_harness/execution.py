"""Run one snippet file as a reader would (``python snippets/…/x.py``), and judge the outcome.

In this process (``run_here``), with an alarm as the hard deadline; or isolated
(``run_isolated``): a child process with its own bundled server, killed at the deadline,
so an example that wedges a channel or a whole server cannot stop the suite.
"""

import asyncio
import contextlib
import dataclasses
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from docs_harness.expectations import Expectation, describe_error
from docs_harness.fences import EXPECTATION_OPTIONS, Example

KILL_GRACE = 5.0  # an isolated child gets this long past its deadline to report where it hung


class ExampleTimeout(BaseException):
    """The example ran past its deadline (a BaseException, so `except Exception` cannot hide it)."""


@dataclass
class Result:
    problem: str | None  # None: the outcome is the one the fence declares
    error: str | None  # the exception the snippet raised, described
    traceback: str  # from the snippet's first frame on
    snippet_line: int | None  # the snippet's deepest line in that traceback
    stdout: str
    log: str = ""  # an isolated child's own output (stderr, grpc logs)


def run_here(snippet: Path, expectation: Expectation | None, timeout: float) -> Result:
    code = compile(snippet.read_text(encoding="utf-8"), str(snippet), "exec")
    namespace = {"__name__": "__main__", "__file__": str(snippet)}
    stdout = io.StringIO()
    error = None
    with contextlib.redirect_stdout(stdout):
        try:
            with _deadline(timeout):
                exec(code, namespace)
        # asyncio.CancelledError is a BaseException that grpc.aio raises to callers
        except (Exception, SystemExit, ExampleTimeout, asyncio.CancelledError) as raised:
            error = raised
    namespace.clear()  # as at the end of a script: its globals go
    result = _result(snippet, expectation, error, stdout.getvalue())
    if error is not None:  # its frames would keep the example's channels and servers alive
        traceback.clear_frames(error.__traceback__)
    return result


def run_isolated(example: Example) -> Result:
    spec = {
        "snippet": str(example.snippet_path),
        "expectation": {k: v for k, v in example.options if k in EXPECTATION_OPTIONS},
        "timeout": example.timeout,
    }
    with tempfile.TemporaryDirectory(prefix="isolated-example-") as folder:
        result_file = Path(folder) / "result.json"
        child = subprocess.Popen(
            [sys.executable, "-m", "docs_harness.execution", json.dumps(spec), str(result_file)],
            cwd=example.root,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            log, _ = child.communicate(timeout=example.timeout + KILL_GRACE)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)
            log, _ = child.communicate()
            return Result(
                problem=f"the isolated example did not finish in {example.timeout:g} s "
                f"(+{KILL_GRACE:g} s grace) and was killed",
                error=None, traceback="", snippet_line=None, stdout="", log=log,
            )
        if not result_file.exists():
            return Result(
                problem=f"the isolated example's process exited with status {child.returncode} "
                "before reporting",
                error=None, traceback="", snippet_line=None, stdout="", log=log,
            )
        reported = json.loads(result_file.read_text(encoding="utf-8"))
        return Result(**{**reported, "log": log})


def _isolated_child(spec_json: str, result_file: str) -> None:
    """In the child: a fresh bundled server, the snippet, the verdict in a file, then exit hard."""
    from guide_server import ADDRESS_VARIABLE
    from guide_server.server import create_server

    spec = json.loads(spec_json)
    server, port = create_server("127.0.0.1:0")
    server.start()
    os.environ[ADDRESS_VARIABLE] = f"127.0.0.1:{port}"
    result = run_here(Path(spec["snippet"]), Expectation.from_options(spec["expectation"]), spec["timeout"])
    Path(result_file).write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)  # a wedged channel or server must not hold the exit


def _result(snippet: Path, expectation: Expectation | None, error: BaseException | None, stdout: str) -> Result:
    if isinstance(error, ExampleTimeout):
        problem = str(error)
    elif expectation is not None:
        problem = expectation.check(error)
    else:
        problem = None if error is None else f"expected success, but it raised {describe_error(error)}"
    text, line = _snippet_traceback(error, snippet) if error is not None else ("", None)
    return Result(
        problem=problem,
        error=None if error is None else describe_error(error),
        traceback=text,
        snippet_line=line,
        stdout=stdout,
    )


def _snippet_traceback(error: BaseException, snippet: Path) -> tuple[str, int | None]:
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != str(snippet):
        tb = tb.tb_next
    lines = [frame.lineno for frame in traceback.extract_tb(tb) if frame.filename == str(snippet)]
    text = "".join(traceback.format_exception(type(error), error, tb))
    return text.replace(os.getcwd() + os.sep, ""), (lines[-1] if lines else None)


@contextlib.contextmanager
def _deadline(seconds: float):
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ExampleTimeout(f"the example was still running after {seconds:g} s (its deadline)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


if __name__ == "__main__":
    _isolated_child(*sys.argv[1:])
