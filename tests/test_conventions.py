"""The project's own conventions, each a test: paths that exist, snippets that say what they are,
versions written in one place, results files that agree with the fences, a clean lint."""

import re
import subprocess
import sys
import unicodedata

import pytest

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.expectations import NotCovered
from docs_harness.fences import parse_examples
from docs_harness.judge import check_recorded
from docs_harness.pages import all_pages
from docs_harness.results import all_results
from docs_harness.versions import HAND_WRITTEN_VERSION, pinned

PROJECT_PATH = re.compile(
    r"\b(?:snippets|docs_harness|guide_server|protos|tests|results|benchmarks|docs|tools)/[\w./-]*\w\.(?:py|md|json|proto|out|yml|css|html)\b"
)
EXAMPLES = [example for page in all_pages(LANGUAGES[0]) for example in parse_examples(page)]


def _mentioned_paths(text: str) -> set[str]:
    return {path for path in PROJECT_PATH.findall(text) if "<" not in path}


def test_every_path_the_readme_and_docstrings_name_exists():
    texts = {"README.md": (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")}
    for folder in ("docs_harness", "guide_server", "benchmarks", "tools"):
        for file in (PROJECT_ROOT / folder).rglob("*.py"):
            texts[file.relative_to(PROJECT_ROOT).as_posix()] = file.read_text(encoding="utf-8")
    missing = {
        f"{where}: {path}"
        for where, text in texts.items()
        for path in _mentioned_paths(text)
        if not (PROJECT_ROOT / path).exists()
    }
    assert missing == set()


def test_the_readme_names_real_paths_and_the_check_notices_a_wrong_one():
    assert _mentioned_paths((PROJECT_ROOT / "README.md").read_text(encoding="utf-8")), (
        "the README names no project path"
    )
    assert _mentioned_paths("see snippets/client/no_such_example_sync.py") == {
        "snippets/client/no_such_example_sync.py"
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_a_snippet_says_first_whether_it_is_allowed_or_forbidden(example):
    source = example.snippet_path.read_text(encoding="utf-8")
    docstring = re.match(r'^"""(.*?)(?:"""|\n)', source)
    assert docstring, f"{example.snippet}: no docstring"
    verdict = "Allowed" if example.outcomes.for_version(pinned()).expectation.succeeds else "Forbidden"
    assert docstring[1].startswith(verdict), f"{example.snippet}: its docstring should start with {verdict!r}"


# A record of one measurement, or of what an issue reported, keeps its version.
MEASUREMENT = re.compile(r"measured|Measured|In \d+ runs|測定|実行したところ|reported|について")


def test_no_page_names_a_grpcio_version_by_hand():
    written = [
        f"{page.name}: {line.strip()}"
        for page in all_pages()
        for line in page.read().splitlines()
        if HAND_WRITTEN_VERSION.search(line) and not MEASUREMENT.search(line)
    ]
    assert written == [], "write {{ grpcio }} (the pin, from pyproject.toml) instead"


CODE_COLUMNS = 79  # what a page's code block shows at 1280 px without scrolling sideways (as snippets/ruff.toml)
FENCE = re.compile(r"^( *)(```|~~~)")


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_code_written_in_a_page_fits_without_scrolling_sideways():
    wide = []
    for page in all_pages():
        fence = None
        for number, line in enumerate(page.read().splitlines(), 1):
            opening = FENCE.match(line)
            if opening and fence is None:
                fence = opening
            elif opening and opening.group(2) == fence.group(2):
                fence = None
            elif fence and _columns(line[len(fence.group(1)) :]) > CODE_COLUMNS:
                wide.append(f"{page.name}:{number}: {_columns(line[len(fence.group(1)) :])} columns")
    assert wide == [], f"code lines longer than {CODE_COLUMNS} columns (CJK counts 2)"


def test_the_pinned_grpcio_has_results_and_every_results_file_agrees_with_the_fences():
    releases = all_results()
    assert pinned() in [r.grpcio for r in releases]
    problems = []
    for release in releases:
        for example in EXAMPLES:
            recorded = release.examples.get(example.id)
            if recorded is None:
                problems.append(f"{release.grpcio}: {example.id} is not recorded (./dev matrix)")
                continue
            try:
                expectation = example.outcomes.for_version(release.grpcio).expectation
            except NotCovered as error:
                problems.append(f"{example.location}: {error}")
                continue
            problems += [f"{release.grpcio}: {example.location}: {p}" for p in check_recorded(expectation, recorded)]
    assert problems == []


def test_the_code_is_lint_clean_and_formatted():
    check = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "."], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    formatted = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "."], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert formatted.returncode == 0, formatted.stdout
