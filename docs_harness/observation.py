"""Run one snippet file as a reader would (``python snippets/…/x.py``) and record what happened.

The record (``Observation``) is plain data, so an isolated child process can send it back
(this module imports nothing but the standard library, so that a child runs its snippet in
a process as fresh as a reader's);
``docs_harness.judge`` decides whether it is what the page says. Output is captured per
example: standard output (compared with the snippet's ``.out``), and standard error at the
file-descriptor level, where grpc core writes its log lines (shown only with a failure).
"""

import contextlib
import dis
import io
import os
import re
import signal
import sys
import tempfile
import time
import traceback
import types
from dataclasses import asdict, dataclass, field
from pathlib import Path


def qualified_name(cls: type) -> str:
    return cls.__qualname__ if cls.__module__ == "builtins" else f"{cls.__module__}.{cls.__qualname__}"


class ExampleTimeout(BaseException):
    """The example ran past its deadline (a BaseException, so `except Exception` cannot hide it)."""


@dataclass
class ErrorInfo:
    type: str  # qualified name, e.g. "grpc.aio._call.AioRpcError"
    classes: list[str]  # the qualified names of its class and bases, for `raises=` of a base class
    code: str | None  # the grpc.StatusCode name of an RPC error
    message: str  # an RPC error's details, otherwise str(error)
    printed: str  # the exception as Python prints it, with run-specific parts elided
    raised_by_snippet: bool  # a `raise` or `assert` of the snippet's own code raised it
    traceback: str  # from the snippet's first frame on
    snippet_line: int | None  # the snippet's deepest line in that traceback

    def is_a(self, dotted_class_name: str) -> bool:
        from docs_harness.expectations import exception_class

        return qualified_name(exception_class(dotted_class_name)) in self.classes

    def describe(self) -> str:
        if self.code is not None:
            return f"{self.type.rpartition('.')[2]} {self.code} {self.message!r}"
        return f"{self.type.rpartition('.')[2]}: {self.message}"


@dataclass
class Observation:
    error: ErrorInfo | None = None  # what the snippet raised, if anything
    stdout: str = ""
    log: str = ""  # standard error, grpc core's log lines included
    timed_out: float | None = None  # the deadline it ran past (then it was stopped)
    signal: str | None = None  # an isolated example's process died of this signal, e.g. "SIGSEGV"
    failure: str | None = None  # the run itself failed: it exited without reporting
    leftovers: list[str] = field(default_factory=list)  # what an in-process example left running
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Observation":
        error = data.pop("error")
        return cls(error=ErrorInfo(**error) if error else None, **data)


def observe(snippet: Path, timeout: float, after=None, *, interrupt_is_outcome: bool = False) -> Observation:
    """Runs the snippet in this process, in a namespace of its own, as `__main__`.

    `after()` (the leak check) runs while the output is still captured, so that what
    grpc logs while the example's objects wind down stays with the example. Any exception is an
    outcome (asyncio.CancelledError too), except a KeyboardInterrupt in the test process itself,
    which stops the run; in an isolated child (interrupt_is_outcome) that is an outcome as well.
    """
    code = compile(snippet.read_text(encoding="utf-8"), str(snippet), "exec")
    stdout = io.StringIO()
    error: BaseException | None = None
    started = time.monotonic()
    with _captured_stderr() as log, contextlib.redirect_stdout(stdout):
        with _as_main_module(snippet) as namespace:
            try:
                with _deadline(timeout):
                    exec(code, namespace)
            except BaseException as raised:
                if isinstance(raised, KeyboardInterrupt) and not interrupt_is_outcome:
                    raise
                error = raised
        seconds = time.monotonic() - started
        info = _error_info(error, snippet) if error is not None and not isinstance(error, ExampleTimeout) else None
        timed_out = timeout if isinstance(error, ExampleTimeout) else None
        where = _snippet_traceback(error, snippet)[0] if timed_out else ""
        if error is not None:  # its frames would keep the example's channels and servers alive
            traceback.clear_frames(error.__traceback__)
            del error
        leftovers = after() if after else []
    return Observation(
        error=info,
        stdout=stdout.getvalue(),
        log=log.getvalue() + (f"\nwhere it was when its deadline passed:\n{where}" if where else ""),
        timed_out=timed_out,
        leftovers=leftovers,
        seconds=seconds,
    )


def _error_info(error: BaseException, snippet: Path) -> ErrorInfo:
    text, line = _snippet_traceback(error, snippet)
    code = _status_code(error)
    return ErrorInfo(
        type=qualified_name(type(error)),
        classes=[qualified_name(cls) for cls in type(error).__mro__],
        code=code,
        message=_message(error, code),
        printed=elide_run_details("".join(traceback.format_exception_only(type(error), error)).rstrip()),
        raised_by_snippet=_raised_by(error, snippet),
        traceback=text,
        snippet_line=line,
    )


def _status_code(error: BaseException) -> str | None:
    grpc = sys.modules.get("grpc")  # not imported here: an isolated child imports nothing before its snippet
    if grpc is None:
        return None
    code = getattr(error, "code", None)
    try:
        value = code() if callable(code) else None
    except Exception:  # noqa: BLE001 (an object whose code() fails has no status)
        return None
    return value.name if isinstance(value, grpc.StatusCode) else None


def _message(error: BaseException, code: str | None) -> str:
    """An RPC error's details (its status message), otherwise str(error)."""
    details = getattr(error, "details", None)
    value = details() if callable(details) and code is not None else None
    return value if isinstance(value, str) else str(error)


def _raised_by(error: BaseException, snippet: Path) -> bool:
    """True if the snippet's own `raise X` or `assert` made the error (not a re-raise)."""
    tb = error.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    if tb.tb_frame.f_code.co_filename != str(snippet):
        return False
    return any(
        i.offset == tb.tb_lasti and i.opname == "RAISE_VARARGS" for i in dis.get_instructions(tb.tb_frame.f_code)
    )


def _snippet_traceback(error: BaseException, snippet: Path) -> tuple[str, int | None]:
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != str(snippet):
        tb = tb.tb_next
    lines = [frame.lineno for frame in traceback.extract_tb(tb) if frame.filename == str(snippet)]
    text = "".join(traceback.format_exception(type(error), error, tb))
    return text.replace(os.getcwd() + os.sep, ""), (lines[-1] if lines else None)


RUN_DETAILS = [  # what differs from run to run in a printed error, and what is shown instead
    (re.compile(r'created_time:"[^"]*"'), 'created_time:"…"'),
    (re.compile(r"(ipv4:|ipv6:|\b)(127\.0\.0\.1|\[::1\]|localhost):\d+"), r"\g<1>\g<2>:…"),
    (re.compile(r" at 0x[0-9a-f]+"), " at 0x…"),
    (re.compile(r"\b(Task|Thread)-\d+"), r"\g<1>-…"),
    (re.compile(r"(File |at |running at )/[^\s:>]*?/(snippets/)"), r"\g<1>\g<2>"),
    (re.compile(r"/[^\s:>\]\"']*/lib/python3\.\d+/(site-packages/)?"), "…/"),
]


def elide_run_details(text: str) -> str:
    """Replaces what changes between runs (times, ports, addresses, ids, the checkout's path) with "…"."""
    for pattern, replacement in RUN_DETAILS:
        text = pattern.sub(replacement, text)
    return text


@contextlib.contextmanager
def _as_main_module(snippet: Path):
    """The snippet's module is `__main__`, as for `python x.py` (pickling, multiprocessing's spawn)."""
    module = types.ModuleType("__main__")
    module.__file__ = str(snippet)
    saved_main, saved_argv = sys.modules["__main__"], sys.argv
    sys.modules["__main__"], sys.argv = module, [str(snippet)]
    try:
        yield module.__dict__
    finally:
        sys.modules["__main__"], sys.argv = saved_main, saved_argv
        module.__dict__.clear()  # as at the end of a script: its globals go


@contextlib.contextmanager
def _captured_stderr():
    """Python's and grpc core's standard error (file descriptor 2), into a string."""
    with tempfile.TemporaryFile() as file:
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(file.fileno(), 2)
        text = io.StringIO()
        python_stderr, sys.stderr = sys.stderr, io.TextIOWrapper(os.fdopen(os.dup(2), "wb"), write_through=True)
        try:
            yield text
        finally:
            sys.stderr.close()
            sys.stderr = python_stderr
            os.dup2(saved, 2)
            os.close(saved)
            file.seek(0)
            text.write(file.read().decode("utf-8", "replace"))


@contextlib.contextmanager
def _deadline(seconds: float):
    threading = sys.modules.get("threading")  # not imported here: gevent patches it in some snippets
    if threading is not None and threading.current_thread() is not threading.main_thread():
        raise RuntimeError("examples run in the main thread (their deadline is a SIGALRM)")

    def expire(signum, frame):
        raise ExampleTimeout(f"the example was still running after {seconds:g} s (its deadline)")

    if not seconds:  # no deadline in this process: its parent stops it
        yield
        return
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
