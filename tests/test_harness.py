"""The harness itself: each kind of bad example turns the run red, and says where and why."""

import json
import textwrap
import time

import grpc
import pytest

HARNESS_OPTIONS = [
    "-p", "docs_harness.plugin", "--markdown-docs", "--markdown-docs-syntax=superfences",
    "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:xdist",
]  # fmt: skip
PARALLEL_OPTIONS = HARNESS_OPTIONS[:-2]  # with pytest-xdist
PAGE = "docs/en/page.md"


def fence(snippet: str, options: str = "") -> str:
    return f'```{{.python{" " + options if options else ""}}}\n--8<-- "snippets/{snippet}.py"\n```\n'


@pytest.fixture
def run_page(pytester: pytest.Pytester):
    """Writes docs/en/page.md (and any other page) and snippets/*.py into a fresh project, runs pytest."""

    def run(
        page: str, *args: str, pages: dict[str, str] | None = None, parallel: bool = False, **snippets: str
    ) -> pytest.RunResult:
        pytester.makeini("[pytest]\n")
        for name, code in snippets.items():
            path = pytester.path / "snippets" / f"{name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(code))
        for name, text in {PAGE: page, **(pages or {})}.items():
            (pytester.path / name).parent.mkdir(parents=True, exist_ok=True)
            (pytester.path / name).write_text(text)
        options = PARALLEL_OPTIONS if parallel else HARNESS_OPTIONS
        return pytester.runpytest_subprocess(*options, *args, "docs", timeout=120)

    return run


def test_a_failure_says_in_its_first_line_page_snippet_expected_and_got(run_page):
    result = run_page(
        "# Page\n\n" + fence("good") + "\nText.\n\n" + fence("wrong"),
        good="print('fine')\n",
        wrong="total = 1\n\ntotal = total / 0\n",
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["docs/en/page.md:9 (example snippets/wrong.py:3): expected success, got ZeroDivisionError: division by zero"]
    )


def test_a_forbidden_example_that_succeeds_fails(run_page):
    result = run_page(fence("quiet", 'raises="ValueError" match="bad"'), quiet="x = 1\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        ["*expected ValueError, message matching 'bad', got success", "- it succeeded instead of raising ValueError"]
    )


def test_a_forbidden_example_must_raise_the_declared_type_and_message(run_page):
    result = run_page(
        fence("right", 'raises="KeyError" match="missing"')
        + fence("other_type", 'raises="ValueError"')
        + fence("other_message", 'raises="KeyError" match="^nope$"'),
        right="{}['missing']\n",
        other_type="{}['missing']\n",
        other_message="{}['missing']\n",
    )
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*type KeyError is not a ValueError*"])
    result.stdout.fnmatch_lines(["*message \"'missing'\" does not match '^nope$'*"])


def test_an_exception_the_snippet_raises_itself_is_not_presented_as_grpcios(run_page):
    own = "raise RuntimeError('3 of 100 children failed')\n"
    result = run_page(fence("own", 'raises="RuntimeError" match="children failed"'), own=own)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(['*the snippet raised RuntimeError itself (line 1)*raises="AssertionError"*'])


def test_a_silent_failure_is_the_snippets_own_assert(run_page):
    result = run_page(
        fence("own_check", 'raises="AssertionError" match="lost"') + fence("elsewhere", 'raises="AssertionError"'),
        own_check="assert 1 == 2, 'an update was lost'\n",
        elsewhere="import unittest\nunittest.TestCase().assertEqual(1, 2)\n",
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*AssertionError means the example's own assert fails, but it came from elsewhere*"])


def test_grpc_status_codes_are_checked_against_the_bundled_server(run_page):
    call = """
        import grpc
        from guide_server import server_address
        from guidepb import greeter_pb2, greeter_pb2_grpc
        with grpc.insecure_channel(server_address()) as channel:
            request = greeter_pb2.HelloRequest(delay_ms=2000)
            greeter_pb2_grpc.GreeterStub(channel).SayHello(request, timeout=0.1)
    """
    result = run_page(
        fence("late", 'raises="grpc.RpcError" code="DEADLINE_EXCEEDED"'),
        pages={"docs/ja/page.md": fence("late", 'raises="grpc.RpcError" code="CANCELLED"')},
        late=call,
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*status DEADLINE_EXCEEDED is not CANCELLED*"])


def test_an_outcome_can_depend_on_the_grpcio_version(run_page):
    version = grpc.__version__
    result = run_page(
        fence("fails", f'raises="ValueError" grpcio="=={version}" ok@!={version}')
        + fence("fine", f'raises="ValueError" grpcio="!={version}" ok@=={version}')
        + fence("wrong_range", f'grpcio="=={version}" raises@!={version}="ValueError"'),
        fails="int('x')\n",
        fine="print('fine')\n",
        wrong_range="int('y')\n",
    )
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*page.md:7 (example snippets/wrong_range.py:1): expected success, got ValueError: invalid literal for int() with base 10: 'y'"
        ]
    )


def test_a_grpcio_version_no_range_covers_is_an_error_not_a_pass(run_page):
    result = run_page(fence("fine", 'grpcio=">=999" raises@<1="ValueError"'), fine="print('fine')\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([f"- grpcio {grpc.__version__}: no expectation covers this version"])


def test_a_hanging_example_fails_at_its_deadline_and_the_next_one_still_runs(run_page):
    started = time.monotonic()
    result = run_page(
        fence("hangs", "timeout=1") + fence("good"), hangs="import time\ntime.sleep(60)\n", good="print('fine')\n"
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*page.md:1 (example snippets/hangs.py): expected success, got a hang (still running at its deadline)",
            "*still running after 1 s*",
        ]
    )
    result.stdout.fnmatch_lines(["*where it was when its deadline passed:*", "*hangs.py*line 2*"])
    assert time.monotonic() - started < 30


def test_an_isolated_example_that_ignores_its_alarm_is_killed_and_the_next_one_still_runs(run_page):
    started = time.monotonic()
    wedged = """
        import signal, time
        signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])  # deaf to the harness's alarm
        time.sleep(60)
    """
    result = run_page(fence("wedged", "isolate timeout=1") + fence("good"), wedged=wedged, good="print('fine')\n")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*page.md:1 (example snippets/wedged.py): *",
            "*still running after 1 s*",
            "*",
            "",
            "(killed after its deadline)",
        ]
    )
    assert time.monotonic() - started < 40


def test_an_isolated_example_gets_a_process_and_a_server_of_its_own(run_page):
    shared = """
        import os
        from pathlib import Path
        from guide_server import server_address
        Path("shared.txt").write_text(f"{os.getpid()} {server_address()}")
    """
    isolated = """
        import os
        from pathlib import Path
        from guide_server import server_address
        pid, address = Path("shared.txt").read_text().split()
        assert int(pid) != os.getpid() and address != server_address(), (pid, address)
    """
    result = run_page(fence("shared") + fence("isolated", "isolate"), shared=shared, isolated=isolated)
    result.assert_outcomes(passed=2)


def test_an_asyncio_cancelled_error_is_judged_like_any_other_exception(run_page):
    cancelled = """
        import asyncio
        async def main():
            task = asyncio.ensure_future(asyncio.sleep(10))
            await asyncio.sleep(0)
            task.cancel()
            await task
        asyncio.run(main())
    """
    result = run_page(
        fence("declared", 'raises="asyncio.CancelledError"') + fence("undeclared"),
        declared=cancelled,
        undeclared=cancelled,
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*undeclared.py*): expected success, got CancelledError*"])


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("frobnicate", "docs/en/page.md:1: unknown fence option 'frobnicate' (known: *"),
        ("retry:2", "docs/en/page.md:1: unknown fence option 'retry:2' (known: *"),
        ('code="INTERNAL"', "docs/en/page.md:1: code=... and match=... need raises=<exception class>"),
        ('raises="grpc.NoSuchError"', "docs/en/page.md:1: raises=grpc.NoSuchError: cannot import it"),
        ('raises="os.path"', "docs/en/page.md:1: raises=os.path is not an exception class"),
        ('raises="grpc.RpcError" code="TEAPOT"', "docs/en/page.md:1: code=TEAPOT is not a grpc.StatusCode name"),
        ('raises="ValueError" match="(unclosed"', "docs/en/page.md:1: match='(unclosed' is not a regular expression*"),
        ("timeout=0", "docs/en/page.md:1: timeout=0 is not between 0 and 300 seconds"),
        ("ok@<1.83", "docs/en/page.md:1: an example with @RANGE outcomes must give its plain outcome a range too*"),
        ('grpcio="newest"', "docs/en/page.md:1: grpcio: 'newest' is not a version range like '>=1.83'*"),
        ('grpcio=">=1.83" ok@<1.83 raises@<1.83="ValueError"', "docs/en/page.md:1: ok@<1.83 cannot go with*"),
    ],
)
def test_a_malformed_fence_is_a_clear_collection_error(run_page, options, message):
    result = run_page(fence("good", options), good="print('fine')\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting docs/en/page.md*", message])


def test_a_missing_include_is_a_collection_error_naming_the_file(run_page):
    result = run_page("# Page\n\n" + fence("missing"))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["docs/en/page.md:3: included file not found: snippets/missing.py"])


def test_inline_python_is_refused(run_page):
    result = run_page("```python\nprint('not a snippet')\n```\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ['docs/en/page.md:1: a Python fence holds exactly one line: --8<-- "snippets/<page>/<name>.py"']
    )


def test_fences_in_tabs_and_admonitions_are_run(run_page):
    page = (
        '=== "Tab"\n\n    '
        + fence("good").replace("\n", "\n    ")
        + "\n!!! note\n\n    "
        + fence("wrong").replace("\n", "\n    ")
    )
    result = run_page(page, good="print('fine')\n", wrong="raise SystemExit(3)\n")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*got SystemExit: 3"])


def test_printed_output_must_match_the_out_file(run_page, pytester):
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "counts.out").write_text("1\n2\n")
    result = run_page(fence("counts"), counts="print(1)\nprint(3)\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*its output differs from the expected output:*", "*-2*", "*+3*"])


def test_a_leaked_thread_fails_the_example(run_page):
    leaky = """
        import threading, time
        threading.Thread(target=time.sleep, args=(60,), name="forgotten", daemon=True).start()
    """
    result = run_page(fence("leaky"), leaky=leaky)
    result.assert_outcomes(failed=1, errors=1)  # the example, and the run's own end check
    result.stdout.fnmatch_lines(["*left behind: thread 'forgotten' is still running*"])
    result.stdout.fnmatch_lines(["*the test run left behind: thread 'forgotten'*"])


def test_a_leaked_asyncio_task_fails_the_example(run_page):
    leaky = """
        import asyncio, threading
        loop = asyncio.new_event_loop()
        loop.create_task(asyncio.sleep(60), name="forgotten-task")
        threading.Thread(target=loop.run_forever, daemon=True, name="loop-thread").start()
    """
    result = run_page(fence("leaky"), leaky=leaky)
    result.assert_outcomes(failed=1, errors=1)
    result.stdout.fnmatch_lines(["*left behind: asyncio task 'forgotten-task' (*) is not done*"])
    result.stdout.fnmatch_lines(["*the test run left behind: thread 'loop-thread'; asyncio task 'forgotten-task'*"])


def test_grpc_log_lines_are_shown_only_with_a_failure(run_page):
    logs = "import os, sys\nos.write(2, b'E0000 core.cc:1] a core log line\\n')\nprint('py', file=sys.stderr)\n"
    passing = run_page(fence("logs"), logs=logs)
    passing.assert_outcomes(passed=1)
    assert "a core log line" not in passing.stdout.str() + passing.stderr.str()
    failing = run_page(fence("logs", 'raises="ValueError"'), logs=logs)
    failing.stdout.fnmatch_lines(["*its standard error and grpc log*", "E0000 core.cc:1] a core log line", "py"])


def test_each_example_runs_once_for_both_languages_and_each_page_gets_its_item(run_page, pytester):
    counted = "from pathlib import Path\nruns = Path('runs.txt')\nruns.write_text(runs.read_text() + 'x' if runs.exists() else 'x')\nint('once')\n"
    result = run_page(
        "# Page\n\n" + fence("counted", 'raises="ValueError" match="^twice$"'),
        "-n",
        "2",
        pages={"docs/ja/page.md": "# ページ\n\n\n" + fence("counted", 'raises="ValueError" match="^twice$"')},
        parallel=True,
        counted=counted,
    )
    result.assert_outcomes(failed=2)
    result.stdout.fnmatch_lines(["docs/en/page.md:3 (example snippets/counted.py:4): expected ValueError*"])
    result.stdout.fnmatch_lines(["docs/ja/page.md:4 (example snippets/counted.py:4): expected ValueError*"])
    assert (pytester.path / "runs.txt").read_text() == "x"


def test_an_example_is_selected_by_its_snippet_name(run_page):
    result = run_page(
        fence("first_sync") + fence("second_sync"),
        "-k",
        "first_sync",
        "-v",
        pages={"docs/ja/page.md": fence("first_sync") + fence("second_sync")},
        first_sync="print(1)\n",
        second_sync="print(2)\n",
    )
    result.assert_outcomes(passed=2, deselected=2)
    result.stdout.fnmatch_lines(["*docs/en/page.md::*line:1* PASSED*", "*docs/ja/page.md::*line:1* PASSED*"])


def test_recorded_errors_are_written_and_a_changed_text_fails(run_page, pytester):
    snippet = "int('the text a reader sees')\n"
    first = run_page(fence("texts", 'raises="ValueError"'), "--record", texts=snippet)
    first.assert_outcomes(passed=1)
    (results,) = (pytester.path / "results").glob("grpcio-*.json")
    recorded = json.loads(results.read_text())["examples"]["snippets/texts.py"]
    message = "invalid literal for int() with base 10: 'the text a reader sees'"
    assert recorded == {"error": "ValueError", "message": message, "printed": f"ValueError: {message}"}
    changed = run_page(fence("texts", 'raises="ValueError"'), texts="int('another text')\n")
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*it prints another error than the one recorded for grpcio*", "*./dev test --record"])


def test_a_crash_or_a_hang_can_be_the_stated_outcome_of_an_isolated_example(run_page):
    crash = "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n"
    result = run_page(
        fence("crash", 'crashes="SIGSEGV" isolate')
        + fence("no_crash", 'crashes="SIGSEGV" isolate')
        + fence("hang", "hangs isolate timeout=1")
        + fence("no_hang", "hangs isolate timeout=1"),
        crash=crash,
        no_crash="print('fine')\n",
        hang="import time\ntime.sleep(60)\n",
        no_hang="print('back')\n",
    )
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines(
        ["*no_crash.py): expected a crash (SIGSEGV), got success", "- its process did not die of SIGSEGV"]
    )
    result.stdout.fnmatch_lines(["*no_hang.py): expected a hang (still running at its deadline), got success"])


def test_a_crash_or_a_hang_needs_isolation(run_page):
    result = run_page(fence("crash", 'crashes="SIGSEGV"'), crash="print(1)\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["docs/en/page.md:1: crashes=... and hangs need isolate*"])
