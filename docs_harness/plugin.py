"""The pytest side: pytest-markdown-docs collects every page's examples through our parser.

- Collection: each example of a page becomes one pytest-markdown-docs item whose fence code
  is ``example_runner.run(request.node)``. Items get the example's name, snippet and page as
  ``-k`` keywords; ``docs_harness.scheduling`` sends both languages' items to one worker.
- Execution: ``ExampleRunner`` (a session fixture, one per worker, with the worker's own
  bundled server) runs each distinct example (snippet + options) once and hands the twin
  page the same observation; ``docs_harness.judge`` decides for every item.
- Reports: a failure's first line names page:line, snippet:line, what was expected and what
  happened; grpc's log lines are shown only with a failure. ``--record`` writes what each
  example did into ``results/grpcio-<installed version>.json``.
"""

import json
import os
import time
from pathlib import Path

import grpc
import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from docs_harness import end_of_run, leaks
from docs_harness.expectations import NotCovered
from docs_harness.fences import Example, FenceError, parse_examples
from docs_harness.isolation import run_isolated
from docs_harness.judge import CRASH, HANG, judge
from docs_harness.observation import Observation, elide_run_details, observe
from docs_harness.pages import Page
from docs_harness.results import Recorded, Results
from guide_server import ADDRESS_VARIABLE
from guide_server.process import ServerProcess
from guidepb import greeter_pb2, greeter_pb2_grpc

EXAMPLE = pytest.StashKey[Example]()
OBSERVATION_PROPERTY = "example-observation"
LOG_LINES_SHOWN = 40
_collected: dict[tuple[str, int], Example] = {}  # (page file, fence line) -> example, filled while collecting
_collecting: dict = {}  # the file being collected: "page" (None for a .py file), "root"


class ExampleFailed(Exception):
    """An example did not do what its page says (the message is the whole report)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("guide")
    group.addoption(
        "--record",
        action="store_true",
        help="write what each example did to results/grpcio-<installed version>.json",
    )
    group.addoption(
        "--record-to",
        metavar="DIR",
        help="with --record: write the results file into DIR instead (the project's results/ stay as they are)",
    )


# Collection ----------------------------------------------------------------------------


class ExampleParser(MarkdownIt):
    """Gives pytest-markdown-docs one fence token per example of a page, and nothing else."""

    def __init__(self, page: Page | None) -> None:
        super().__init__("commonmark")
        self.page = page

    def parse(self, src: str, env=None) -> list[Token]:
        if self.page is None:  # a .py file's docstrings: examples live in pages only
            return []
        try:
            examples = parse_examples(self.page, src)
        except FenceError as error:
            raise pytest.Collector.CollectError(str(error)) from None
        tokens = []
        for example in examples:
            _collected[(str(self.page.source), example.line)] = example
            token = Token("fence", "code", 0, map=[example.line - 1, example.fence.end_line])
            token.info = "python fixture:example_runner fixture:request"
            token.content = "example_runner.run(request.node)\n"
            tokens.append(token)
        return tokens


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.File):
        root = collector.config.rootpath
        page = None
        if collector.path.suffix == ".md":
            try:
                page = Page.from_file(collector.path, root)
            except ValueError as error:
                raise pytest.UsageError(str(error)) from None
        _collecting.update(page=page)


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return ExampleParser(_collecting.get("page"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        example = _collected.get((str(item.path), getattr(item, "start_line", 0)))
        if example is not None:
            item.stash[EXAMPLE] = example
            item.extra_keyword_matches.update({example.name, example.snippet, example.page.name})


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist's: none without it (-p no:xdist)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Both languages' items of an example run on one worker (see docs_harness.scheduling)."""
    from docs_harness.scheduling import ExampleScheduling

    return ExampleScheduling(config, log)


# Execution -----------------------------------------------------------------------------


class BundledServer:
    """The worker's own bundled server process, and its Monitor's count of running handlers."""

    def __init__(self, log: Path) -> None:
        self.process = ServerProcess.start(log=log)
        self.address = self.process.address
        self.channel = grpc.insecure_channel(self.address)
        self.monitor = greeter_pb2_grpc.MonitorStub(self.channel)

    def active_handlers(self) -> int:
        return self.monitor.GetStats(greeter_pb2.StatsRequest(), timeout=5).active

    def stop(self) -> None:
        self.channel.close()
        self.process.stop()


class ExampleRunner:
    """Runs each distinct example once per worker and judges every item that shows it."""

    def __init__(self, server: BundledServer, results: Results | None) -> None:
        self.server = server
        self.results = results
        self.observed: dict[tuple, Observation] = {}

    def run(self, item: pytest.Item) -> None:
        example = item.stash[EXAMPLE]
        key = (example.snippet, example.options)
        try:
            if key not in self.observed:
                self.observed[key] = self._execute(example)
            observation = self.observed[key]
            recorded = self.results.examples.get(example.id) if self.results else None
            problems = judge(example, observation, grpc.__version__, recorded)
        except TypeError as error:  # pytest-markdown-docs 0.9.2 runs a block again on TypeError
            raise RuntimeError(f"harness error: {error!r}") from error
        item.user_properties.append((OBSERVATION_PROPERTY, json.dumps([example.id, _recorded(observation)])))
        if problems:
            raise ExampleFailed(report(example, observation, problems))

    def _execute(self, example: Example) -> Observation:
        if example.isolate:
            hangs = any(v.expectation.hangs for v in example.outcomes.variants)
            return run_isolated(example.snippet_path, example.timeout, example.page.root, alarm=not hangs)
        before = leaks.take(self.server.active_handlers)
        return observe(
            example.snippet_path, example.timeout, after=lambda: leaks.leftovers(before, self.server.active_handlers)
        )


def _recorded(observation: Observation) -> dict | None:
    """What a results file keeps of an observation (None: the run itself failed)."""
    if observation.failure:
        return None
    if observation.timed_out is not None:
        return {"error": HANG}
    if observation.signal:
        return {"error": CRASH + observation.signal}
    error = observation.error
    if error is None:
        return {"error": None}
    return {
        "error": error.type,
        "code": error.code,
        "message": elide_run_details(error.message),
        "printed": error.printed,
        "own": True if error.raised_by_snippet else None,
    }


@pytest.fixture(scope="session", autouse=True)
def nothing_left_at_the_end():
    """Set up first and torn down last: after every other session resource has stopped, this
    process must have no thread, task, child process or listening socket left."""
    before = end_of_run.baseline()
    yield
    left = end_of_run.leftovers(before)
    deadline = time.monotonic() + leaks.SETTLE_SECONDS
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = end_of_run.leftovers(before)
    if left:
        pytest.fail("the test run left behind: " + "; ".join(left), pytrace=False)


@pytest.fixture(scope="session")
def bundled_server(tmp_path_factory, nothing_left_at_the_end):
    """This worker's bundled server; snippets find it through GUIDE_SERVER_ADDRESS."""
    server = BundledServer(tmp_path_factory.mktemp("bundled-server") / "server.log")
    previous = os.environ.get(ADDRESS_VARIABLE)
    os.environ[ADDRESS_VARIABLE] = server.address
    yield server
    still = server.active_handlers()
    server.stop()
    if still:
        pytest.fail(f"the bundled server still ran {still} handler(s) at the end of the run", pytrace=False)
    if previous is None:
        os.environ.pop(ADDRESS_VARIABLE, None)
    else:
        os.environ[ADDRESS_VARIABLE] = previous


@pytest.fixture(scope="session")
def example_runner(bundled_server, pytestconfig):
    results = Results.load(grpc.__version__, pytestconfig.rootpath)
    return ExampleRunner(bundled_server, results)


# Reports -------------------------------------------------------------------------------


def report(example: Example, observation: Observation, problems: list[str]) -> str:
    error = observation.error
    snippet = example.snippet + (f":{error.snippet_line}" if error and error.snippet_line else "")
    try:
        expected = example.outcomes.for_version(grpc.__version__).expectation.describe()
    except NotCovered:
        expected = f"an outcome stated for grpcio {grpc.__version__}"
    if observation.failure:
        got = "no outcome"
    elif observation.timed_out is not None:
        got = "a hang (still running at its deadline)"
    elif observation.signal:
        got = f"a crash ({observation.signal})"
    else:
        got = error.describe() if error else "success"
    parts = [
        f"{example.location} (example {snippet}): expected {expected}, got {got}",
        *[f"- {problem}" for problem in problems],
    ]
    if error and error.traceback:
        parts.append("snippet traceback:\n" + error.traceback.rstrip())
    if observation.log.strip():
        lines = observation.log.rstrip().splitlines()
        parts.append(
            f"its standard error and grpc log (last {LOG_LINES_SHOWN} lines):\n" + "\n".join(lines[-LOG_LINES_SHOWN:])
        )
    return "\n".join(parts)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    test_report = yield
    if call.excinfo is not None and call.excinfo.errisinstance(ExampleFailed):
        test_report.longrepr = str(call.excinfo.value)
    return test_report


# Recording -----------------------------------------------------------------------------


class Recorder:
    """On the controller: gathers what the items observed, and writes the results file."""

    def __init__(self, root: Path, target: Path) -> None:
        self.root = root
        self.target = target  # the folder whose results/ get the file
        self.examples: dict[str, Recorded] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == OBSERVATION_PROPERTY:
                example_id, recorded = json.loads(value)
                if recorded is not None:
                    self.examples[example_id] = Recorded(grpcio=grpc.__version__, **recorded)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        from docs_harness.pages import all_pages

        shown = {e.id for page in all_pages(root=self.root) for e in parse_examples(page)}
        previous = Results.load(grpc.__version__, self.target)
        examples = {**(previous.examples if previous else {}), **self.examples}
        results = Results.for_this_process({k: v for k, v in examples.items() if k in shown})
        path = results.save(self.target)
        session.config.get_terminal_writer().line(f"recorded {len(self.examples)} examples in {path}")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("record") and not hasattr(config, "workerinput"):  # the controller only
        target = Path(config.getoption("record_to") or config.rootpath)
        config.pluginmanager.register(Recorder(config.rootpath, target), "guide-recorder")
