"""Find the examples in a page.

An example is a Python fence holding one include line, with options in its header:

    ```{.python raises="RuntimeError" match="attached to a different loop" isolate timeout=20}
    --8<-- "snippets/client/sharing/other_thread_loop_aio.py"
    ```

Fences are found at any indentation (inside tabs and admonitions too). A malformed
example raises ``FenceError`` naming the page and line. The options are explained in
the README ("Writing an example") and in ``docs_harness.expectations``.
"""

import functools
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from docs_harness.expectations import OUTCOME_FLAGS, VARIANT_KEYS, Outcomes
from docs_harness.pages import Page

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>[^`]*)$")
INCLUDE = re.compile(r'^--8<--\s+"(?P<path>[^"]+)"$')
PYTHON_LANGUAGES = {"python", "py", "python3"}
VALUE_OPTIONS = (*VARIANT_KEYS, "grpcio", "timeout", "rule")
FLAG_OPTIONS = ("isolate", "hangs")
RANGED_OPTIONS = (*VARIANT_KEYS, *OUTCOME_FLAGS)  # take an @RANGE suffix: raises@<1.83=..., ok@<1.83
DEFAULT_TIMEOUT = 15.0
MAX_TIMEOUT = 300.0
SNIPPETS_DIR = "snippets"
API_SUFFIXES = {"_sync": "sync", "_aio": "aio"}  # a snippet's name ends with the API it uses
RULE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HEADING_ANCHOR = re.compile(r"^\s*#{1,6} (?P<heading>.*?)\s*\{ *#(?P<anchor>[\w-]+) *\}\s*$")
_CLAUSE = r"(?:~=|===|==|!=|<=|>=|<|>)[0-9][0-9A-Za-z.*+_-]*"
OPTION = re.compile(rf"^(?P<name>[a-z]+)(?:@(?P<range>{_CLAUSE}(?:,{_CLAUSE})*))?(?:=(?P<value>.*))?$", re.S)


class FenceError(ValueError):
    def __init__(self, where: str, line: int, problem: str) -> None:
        super().__init__(f"{where}:{line}: {problem}")


@dataclass(frozen=True)
class Fence:
    line: int  # 1-based line of the opening marker
    end_line: int  # 1-based line of the closing marker
    indent: str
    marker: str
    info: str
    body: tuple[str, ...]  # dedented


@dataclass(frozen=True)
class Example:
    page: Page
    fence: Fence
    anchor: str | None  # the { #id } of the nearest heading above the example
    heading: str | None  # that heading's text
    snippet: str  # project-relative, e.g. "snippets/client/sharing/shared_channel_sync.py"
    outcomes: Outcomes
    isolate: bool
    timeout: float
    options: tuple[tuple[str, str], ...]  # as written, sorted: what the twin page must repeat

    @property
    def line(self) -> int:
        return self.fence.line

    @property
    def location(self) -> str:
        return f"{self.page.name}:{self.line}"

    @property
    def id(self) -> str:
        """What identifies the example across pages, languages and results files: its snippet."""
        return self.snippet

    @property
    def name(self) -> str:
        """The snippet's name, e.g. "shared_generator_sync": selects the example with pytest -k."""
        return Path(self.snippet).stem

    @property
    def expectation(self):
        """The plain options' expectation (the pinned grpcio's, unless a range says otherwise)."""
        return self.outcomes.variants[0].expectation

    @property
    def rule(self) -> str | None:
        """The rule-table row this example proves (fence option rule=ID)."""
        return dict(self.options).get("rule")

    @property
    def api(self) -> str | None:
        """ "sync" or "aio", from the snippet's name (…_sync.py, …_aio.py)."""
        return next((api for suffix, api in API_SUFFIXES.items() if self.name.endswith(suffix)), None)

    @property
    def snippet_path(self) -> Path:
        return self.page.root / self.snippet

    @property
    def output_name(self) -> str:
        """The expected standard output, if the example has one: the snippet's name with .out."""
        return self.snippet.removesuffix(".py") + ".out"

    @property
    def output_path(self) -> Path:
        return self.page.root / self.output_name


def iter_fences(text: str, where: str) -> list[Fence]:
    lines = text.splitlines()
    fences, index = [], 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, marker = opening["indent"], opening["marker"]
        closing = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), None)
        if end is None:
            raise FenceError(where, index + 1, f"fence {marker} is never closed")
        body = tuple(_dedent(line, indent) for line in lines[index + 1 : end])
        fences.append(Fence(index + 1, end + 1, indent, marker, opening["info"].strip(), body))
        index = end + 1
    return fences


def language_and_options(info: str) -> tuple[str, list[str]]:
    """`python`, `python title="x"` or `{.python key="v" flag}` -> ("python", ['key=v', 'flag'])."""
    braced = info.startswith("{") and info.endswith("}")
    words = shlex.split(info[1:-1] if braced else info)
    if braced:
        language = next((w[1:] for w in words if w.startswith(".")), "")
        return language, [w for w in words if not w.startswith(".")]
    return (words[0], words[1:]) if words else ("", [])


def parse_examples(page: Page, text: str | None = None) -> list[Example]:
    """The page's examples, in page order (text: the page's Markdown, if already read)."""
    text = page.read() if text is None else text
    return list(_parse(page.root, page, text))


@functools.lru_cache(maxsize=256)  # a build and a test run read each page several times
def _parse(root: Path, page: Page, text: str) -> tuple[Example, ...]:
    examples = []
    lines = text.splitlines()
    for fence in iter_fences(text, page.name):
        try:
            language, words = language_and_options(fence.info)
        except ValueError as error:
            raise FenceError(page.name, fence.line, f"cannot read the fence header {fence.info!r}: {error}") from None
        if language in PYTHON_LANGUAGES:
            heading = next((m for line in reversed(lines[: fence.line - 1]) if (m := HEADING_ANCHOR.match(line))), None)
            examples.append(_example(page, fence, heading, words))
    return tuple(examples)


def _example(page: Page, fence: Fence, heading: re.Match | None, words: list[str]) -> Example:
    def fail(problem: str):
        raise FenceError(page.name, fence.line, problem)

    options: dict[str, str] = {}
    for word in words:
        option = OPTION.match(word)
        name, ranged, value = option.group("name", "range", "value") if option else (None, None, None)
        key = f"{name}@{ranged}" if ranged else name
        if value is None and (name in FLAG_OPTIONS and not ranged or name in OUTCOME_FLAGS and ranged):
            options[key] = ""
        elif value is not None and (name in VALUE_OPTIONS and not ranged or name in VARIANT_KEYS and ranged):
            options[key] = value
        else:
            known = ", ".join(
                [f"{n}=..." for n in VALUE_OPTIONS] + list(FLAG_OPTIONS) + [f"{n}@RANGE" for n in RANGED_OPTIONS]
            )
            fail(f"unknown fence option {word!r} (known: {known})")

    lines = [line for line in fence.body if line.strip()]
    include = INCLUDE.match(lines[0].strip()) if len(lines) == 1 else None
    if not include:
        fail(f'a Python fence holds exactly one line: --8<-- "{SNIPPETS_DIR}/<page>/<name>.py"')
    snippet = include["path"]
    if not (snippet.startswith(f"{SNIPPETS_DIR}/") and snippet.endswith(".py")):
        fail(f"included file {snippet!r} is not a .py file under {SNIPPETS_DIR}/")
    if not (page.root / snippet).is_file():
        fail(f"included file not found: {snippet}")

    rule = options.get("rule")
    if rule is not None:
        if not RULE_ID.match(rule):
            fail(f"rule={rule!r} is not an id like 'stream-concurrent-send'")
        if not any(Path(snippet).stem.endswith(suffix) for suffix in API_SUFFIXES):
            fail(f"an example with rule= must name its API: {snippet} should end in _sync.py or _aio.py")

    try:
        if "isolate" not in options and any(k.partition("@")[0] in ("crashes", "hangs") for k in options):
            raise ValueError("crashes=... and hangs need isolate (the example's own process dies or is stopped)")
        outcomes = Outcomes.from_options(
            {k: v for k, v in options.items() if k.partition("@")[0] in RANGED_OPTIONS or k == "grpcio"}
        )
        timeout = float(options.get("timeout", DEFAULT_TIMEOUT))
        if not 0 < timeout <= MAX_TIMEOUT:
            raise ValueError(f"timeout={options['timeout']} is not between 0 and {MAX_TIMEOUT:g} seconds")
    except ValueError as error:
        fail(str(error))
    return Example(
        page=page,
        fence=fence,
        anchor=heading["anchor"] if heading else None,
        heading=heading["heading"] if heading else None,
        snippet=snippet,
        outcomes=outcomes,
        isolate="isolate" in options,
        timeout=timeout,
        options=tuple(sorted(options.items())),
    )


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip()
