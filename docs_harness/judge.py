"""The one judge: is what an example did (an ``Observation``) what its page says, for this grpcio?

The same function judges in-process and isolated runs, the test suite and ``./dev verify``.
It returns the problems, each a sentence; none means the example keeps its page's promise.
"""

import difflib
import re

from docs_harness.expectations import SELF_CHECK, Expectation, NotCovered, exception_class
from docs_harness.fences import Example
from docs_harness.observation import ErrorInfo, Observation, qualified_name
from docs_harness.results import Recorded


def judge(example: Example, observation: Observation, grpc_version: str, recorded: Recorded | None = None) -> list[str]:
    if observation.failure:
        return [observation.failure]
    try:
        variant = example.outcomes.for_version(grpc_version)
    except NotCovered as error:
        return [str(error)]
    problems = check_run(variant.expectation, observation.error, observation.signal, observation.timed_out)
    if variant.expectation.crashes or variant.expectation.hangs:  # nothing it printed survives
        if example.output_path.exists():
            problems.append(f"{example.output_name}: a run that crashes or hangs has no output to check")
        return problems
    if not problems and variant is example.outcomes.variants[0]:
        problems += _output_differences(example, observation.stdout)
    if not problems and recorded is not None and _text_is_stated(variant.expectation, observation.error):
        problems += _differences_from_record(observation.error, recorded)
    return problems + [f"left behind: {item}" for item in observation.leftovers]


RACY_DETAILS = {
    "DEADLINE_EXCEEDED"
}  # its details are "Deadline Exceeded" or "Stream removed (Deadline Exceeded)", by timing


def _text_is_stated(expectation: Expectation, error: ErrorInfo | None) -> bool:
    """Whether the printed error must stay as recorded: grpcio's or Python's own error (not the
    snippet's assert), and, for an RPC error, one whose status the fence states (a fence that
    leaves the status open, match="CANCELLED|UNAVAILABLE", says the text varies from run to run)
    and whose details do not vary with timing."""
    if error is None:
        return True
    if error.raised_by_snippet or error.code in RACY_DETAILS:
        return False
    return error.code is None or expectation.code is not None


def check_run(
    expectation: Expectation, error: ErrorInfo | None, died_of: str | None, timed_out: float | None
) -> list[str]:
    """How a run (an error or none, a fatal signal, a deadline passed) differs from the expected outcome."""
    if expectation.hangs:
        if timed_out is not None:
            return []
        return [f"its process died of {died_of} instead of hanging"] if died_of else ["it returned instead of hanging"]
    if timed_out is not None:
        return [f"the example was still running after {timed_out:g} s (its deadline)"]
    if expectation.crashes:
        if died_of == expectation.crashes:
            return []
        return (
            [f"its process died of {died_of}, not {expectation.crashes}"]
            if died_of
            else [f"its process did not die of {expectation.crashes}"]
        )
    if died_of:
        return [f"its process died of {died_of}"]
    return check(expectation, error)


def check(expectation: Expectation, error: ErrorInfo | None) -> list[str]:
    """How the error raised (None: it succeeded) differs from the expected outcome."""
    if expectation.succeeds:
        return [] if error is None else [f"it raised {error.describe()} instead of succeeding"]
    if error is None:
        return [f"it succeeded instead of raising {expectation.raises}"]
    problems = []
    if not error.is_a(expectation.raises):
        problems.append(f"type {error.type} is not a {expectation.raises}")
    if expectation.code is not None and error.code != expectation.code:
        problems.append(f"status {error.code} is not {expectation.code}")
    if expectation.match is not None and not re.search(expectation.match, error.message):
        problems.append(f"message {error.message!r} does not match {expectation.match!r}")
    if expectation.silent and not error.raised_by_snippet:
        problems.append(f"{SELF_CHECK} means the example's own assert fails, but it came from elsewhere")
    if not expectation.silent and error.raised_by_snippet:
        problems.append(
            f"the snippet raised {error.type.rpartition('.')[2]} itself (line {error.snippet_line}): only an error "
            f'grpcio or Python raises can be expected; show a silent failure with assert (raises="{SELF_CHECK}")'
        )
    return problems


HANG, CRASH = "hang", "crash: "  # how a results file records a run that hung, or died of a signal


def check_recorded(expectation: Expectation, recorded: Recorded) -> list[str]:
    """How a results file's entry differs from the expected outcome (the same rules as check)."""
    if recorded.succeeded:
        return check_run(expectation, None, None, None)
    if recorded.error == HANG:
        return check_run(expectation, None, None, 0.0)
    if recorded.error.startswith(CRASH):
        return check_run(expectation, None, recorded.error.removeprefix(CRASH), None)
    try:
        classes = [qualified_name(cls) for cls in exception_class(recorded.error).__mro__]
    except ValueError:  # a class this grpcio does not have: its own name is all there is to compare
        classes = [recorded.error]
    error = ErrorInfo(
        type=recorded.error,
        classes=classes,
        code=recorded.code,
        message=recorded.message or "",
        printed=recorded.printed or "",
        raised_by_snippet=bool(recorded.own),
        traceback="",
        snippet_line=None,
    )
    return check(expectation, error)


def _output_differences(example: Example, stdout: str) -> list[str]:
    if not example.output_path.exists():
        return []
    expected = example.output_path.read_text(encoding="utf-8").rstrip().splitlines()
    got = stdout.rstrip().splitlines()
    if [line.rstrip() for line in got] == [line.rstrip() for line in expected]:
        return []
    diff = difflib.unified_diff(expected, got, f"expected {example.output_name}", "printed", lineterm="")
    return ["its output differs from the expected output:\n" + "\n".join(diff)]


# grpc core's debug_error_string says where a status was made (here, or "received from peer"),
# which can differ from run to run for the same outcome; the rest of the printed error may not.
DEBUG_ERROR_STRING = re.compile(r'(\tdebug_error_string = ").*(")$', re.M)


def _differences_from_record(error: ErrorInfo | None, recorded: Recorded) -> list[str]:
    printed = error.printed if error is not None else None
    if without_debug_string(printed) == without_debug_string(recorded.printed):
        return []
    return [
        f"it prints another error than the one recorded for grpcio {recorded.grpcio} (which the page shows):\n"
        f"recorded:\n{_indent(recorded.printed)}\nnow:\n{_indent(printed)}\n"
        "If the new text is right, record it: ./dev test --record"
    ]


def without_debug_string(printed: str | None) -> str | None:
    return DEBUG_ERROR_STRING.sub(r"\1…\2", printed) if printed else printed


def _indent(text: str | None) -> str:
    return "\n".join("    " + line for line in (text or "(no error)").splitlines())
