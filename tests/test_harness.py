"""The harness itself: each kind of bad example turns the run red, and says where."""

import textwrap
import time

import pytest

HARNESS_OPTIONS = ["-p", "docs_harness.plugin", "--markdown-docs", "--markdown-docs-syntax=superfences", "-p", "no:cacheprovider"]


def fence(snippet: str, options: str = "") -> str:
    return f'```{{.python{" " + options if options else ""}}}\n--8<-- "snippets/{snippet}.py"\n```\n'


@pytest.fixture
def run_page(pytester: pytest.Pytester):
    """Writes docs/page.md and snippets/*.py into a fresh project and runs pytest on it."""

    def run(page: str, **snippets: str) -> pytest.RunResult:
        pytester.makeini("[pytest]\n")
        for name, code in snippets.items():
            path = pytester.path / "snippets" / f"{name}.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(code))
        (pytester.path / "docs").mkdir(exist_ok=True)
        (pytester.path / "docs" / "page.md").write_text(page)
        return pytester.runpytest_subprocess(*HARNESS_OPTIONS, "docs", timeout=120)

    return run


def test_a_passing_snippet_passes_and_a_wrong_one_fails_naming_page_and_snippet_lines(run_page):
    result = run_page(
        "# Page\n\n" + fence("good") + "\nText.\n\n" + fence("wrong"),
        good="print('fine')\n",
        wrong="total = 1\n\ntotal = total / 0\n",
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:9 (example snippets/wrong.py:3, must succeed)*", "*ZeroDivisionError*"])


def test_a_forbidden_example_that_succeeds_fails(run_page):
    result = run_page(fence("quiet", 'raises="ValueError" match="bad"'), quiet="x = 1\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*expected ValueError, message matching 'bad', but the example succeeded*"])


def test_a_forbidden_example_must_raise_the_declared_type_and_message(run_page):
    result = run_page(
        fence("right", 'raises="KeyError" match="missing"') + fence("other_type", 'raises="ValueError"')
        + fence("other_message", 'raises="KeyError" match="^nope$"'),
        right="{}['missing']\n",
        other_type="{}['missing']\n",
        other_message="{}['missing']\n",
    )
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*type KeyError is not a ValueError*"])
    result.stdout.fnmatch_lines(["*message \"'missing'\" does not match '^nope$'*"])


def test_grpc_status_codes_are_checked_against_the_bundled_server(run_page):
    call = """
        import grpc
        from guide_server import server_address
        from guidepb import greeter_pb2, greeter_pb2_grpc
        with grpc.insecure_channel(server_address()) as channel:
            greeter_pb2_grpc.GreeterStub(channel).SayHello(greeter_pb2.HelloRequest(delay_ms=2000), timeout=0.1)
    """
    result = run_page(
        fence("late", 'raises="grpc.RpcError" code="DEADLINE_EXCEEDED"')
        + fence("late", 'raises="grpc.RpcError" code="CANCELLED"'),
        late=call,
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*status DEADLINE_EXCEEDED is not CANCELLED*"])


def test_a_hanging_example_fails_at_its_deadline_and_the_next_one_still_runs(run_page):
    started = time.monotonic()
    result = run_page(
        fence("hangs", "timeout=1") + fence("good"),
        hangs="import time\ntime.sleep(60)\n",
        good="print('fine')\n",
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*docs/page.md:1 (example snippets/hangs.py:2, must succeed)*", "*still running after 1 s*"])
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
    result.stdout.fnmatch_lines(["*docs/page.md:1 (example snippets/wedged.py, must succeed)*", "*did not finish in 1 s*killed*"])
    assert time.monotonic() - started < 40


def test_an_asyncio_cancelled_error_is_judged_like_any_other_exception(run_page):
    raise_it = "import asyncio\nraise asyncio.CancelledError('gone')\n"
    result = run_page(
        fence("declared", 'raises="asyncio.CancelledError"') + fence("undeclared"),
        declared=raise_it,
        undeclared=raise_it,
    )
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*must succeed*", "*expected success, but it raised *CancelledError: gone*"])


def test_an_isolated_forbidden_example_is_judged_in_its_own_process(run_page):
    result = run_page(
        fence("fails", 'raises="RuntimeError" match="^boom$" isolate'),
        fails="import os\nassert os.environ['GUIDE_SERVER_ADDRESS']\nraise RuntimeError('boom')\n",
    )
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ("frobnicate", "docs/page.md:1: unknown fence option 'frobnicate' (known: *"),
        ("retry:2", "docs/page.md:1: unknown fence option 'retry:2' (known: *"),
        ('code="INTERNAL"', "docs/page.md:1: code=... and match=... need raises=<exception class>"),
        ('raises="grpc.NoSuchError"', "docs/page.md:1: raises=grpc.NoSuchError: cannot import it"),
        ('raises="os.path"', "docs/page.md:1: raises=os.path is not an exception class"),
        ('raises="grpc.RpcError" code="TEAPOT"', "docs/page.md:1: code=TEAPOT is not a grpc.StatusCode name"),
        ('raises="ValueError" match="(unclosed"', "docs/page.md:1: match='(unclosed' is not a regular expression*"),
        ("timeout=0", "docs/page.md:1: timeout=0 is not between 0 and 300 seconds"),
    ],
)
def test_a_malformed_fence_is_a_clear_collection_error(run_page, options, message):
    result = run_page(fence("good", options), good="print('fine')\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*ERROR collecting docs/page.md*", message])


def test_a_missing_include_is_a_collection_error_naming_the_file(run_page):
    result = run_page("# Page\n\n" + fence("missing"))
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["docs/page.md:3: included file not found: snippets/missing.py"])


def test_inline_python_is_refused(run_page):
    result = run_page("```python\nprint('not a snippet')\n```\n")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(['docs/page.md:1: a Python fence holds exactly one line: --8<-- "snippets/<page>/<name>.py"'])


def test_fences_in_tabs_and_admonitions_are_run(run_page):
    page = '=== "Tab"\n\n    ' + fence("good").replace("\n", "\n    ") + '\n!!! note\n\n    ' + fence("wrong").replace("\n", "\n    ")
    result = run_page(page, good="print('fine')\n", wrong="raise SystemExit(3)\n")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*expected success, but it raised SystemExit: 3*"])


def test_printed_output_must_match_the_out_file(run_page, pytester):
    (pytester.path / "snippets").mkdir()
    (pytester.path / "snippets" / "counts.out").write_text("1\n2\n")
    result = run_page(fence("counts"), counts="print(1)\nprint(3)\n")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*its output differs from the expected output:*", "*-2*", "*+3*"])


def test_what_an_example_leaves_behind_fails_it(run_page):
    leaky = """
        import threading, time
        threading.Thread(target=time.sleep, args=(5,), name="forgotten").start()
    """
    result = run_page(fence("leaky"), leaky=leaky)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*left behind: thread 'forgotten' is still running*"])
