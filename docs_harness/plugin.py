"""The pytest side: pytest-markdown-docs collects every page's examples through our parser.

Each Python fence becomes one test whose code is a single call, ``run_example(page, line)``,
given to the fence's namespace by ``pytest_markdown_docs_globals``. That call runs the
included snippet file (in this process, or isolated), checks the fence's expectation, the
snippet's expected output and what the example left behind, and fails naming the page line
and the snippet line.
"""

import difflib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from docs_harness import execution, leaks
from docs_harness.fences import Example, FenceError, parse_examples
from docs_harness.shared_server import SharedServer

_examples: dict[tuple[str, int], Example] = {}
_collecting: dict = {}  # the Markdown file being collected: "page" (relative), "root"


class ExampleFailed(Exception):
    """An example did not do what its page says."""


class ExampleParser(MarkdownIt):
    """Gives pytest-markdown-docs one fence token per example of a page, and nothing else."""

    def __init__(self, page: str | None, root: Path) -> None:
        super().__init__("commonmark")
        self.page = page
        self.root = root

    def parse(self, src: str, env=None) -> list[Token]:
        if self.page is None:  # a .py file's docstrings: examples live in pages only
            return []
        try:
            examples = parse_examples(src, self.page, self.root)
        except FenceError as error:
            raise pytest.Collector.CollectError(str(error)) from None
        tokens = []
        for example in examples:
            _examples[(self.page, example.line)] = example
            token = Token("fence", "code", 0, map=[example.line - 1, example.fence.end_line], info="python")
            token.content = f"run_example({self.page!r}, {example.line})\n"
            tokens.append(token)
        return tokens


def pytest_collectstart(collector: pytest.Collector) -> None:
    if isinstance(collector, pytest.File):
        is_page = collector.path.suffix == ".md"
        _collecting["root"] = collector.config.rootpath
        _collecting["page"] = collector.path.relative_to(collector.config.rootpath).as_posix() if is_page else None


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> MarkdownIt:
    return ExampleParser(_collecting["page"], _collecting["root"])


def pytest_markdown_docs_globals() -> dict:
    return {"run_example": run_example}


def run_example(page: str, line: int) -> None:
    try:
        _run_example(_examples[(page, line)])
    except TypeError as error:  # pytest-markdown-docs 0.9.2 runs a block again on TypeError
        raise RuntimeError(f"harness error: {error!r}") from error


def _run_example(example: Example) -> None:
    if example.isolate:
        result, left = execution.run_isolated(example), []
    else:
        server = SharedServer.get()
        before = leaks.take(server.active_handlers)
        result = execution.run_here(example.snippet_path, example.expectation, example.timeout)
        left = leaks.leftovers(before, server.active_handlers)
    problems = [result.problem] if result.problem else []
    problems += _output_differences(example, result.stdout) if not problems else []
    problems += [f"left behind: {item}" for item in left]
    if problems:
        raise ExampleFailed(_report(example, result, problems))


def _output_differences(example: Example, stdout: str) -> list[str]:
    if not example.output_path.exists():
        return []
    expected = example.output_path.read_text(encoding="utf-8").rstrip().splitlines()
    got = stdout.rstrip().splitlines()
    if [line.rstrip() for line in got] == [line.rstrip() for line in expected]:
        return []
    diff = difflib.unified_diff(expected, got, "expected " + Path(example.snippet).with_suffix(".out").as_posix(), "printed", lineterm="")
    return ["its output differs from the expected output:\n" + "\n".join(diff)]


def _report(example: Example, result: execution.Result, problems: list[str]) -> str:
    where = example.snippet + (f":{result.snippet_line}" if result.snippet_line else "")
    declared = f"must raise {example.expectation.describe()}" if example.expectation else "must succeed"
    parts = [f"{example.location} (example {where}, {declared})", *[f"- {p}" for p in problems]]
    if result.traceback:
        parts.append("snippet traceback:\n" + result.traceback.rstrip())
    if result.log.strip():
        parts.append("isolated process output (last 30 lines):\n" + "\n".join(result.log.rstrip().splitlines()[-30:]))
    return "\n".join(parts)


def pytest_unconfigure(config: pytest.Config) -> None:
    SharedServer.stop()
