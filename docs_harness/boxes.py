"""An example's box on the page: the verdict first, then the exact error, then the code.

    !!! danger "禁止 — `AioRpcError` `INTERNAL`"      the verdict, from the fence's options
        Running it raises this exception:
        ```text                                        the error as Python prints it, from
        grpc.aio._call.AioRpcError: <AioRpc…           results/grpcio-<pin>.json (a real run)
        ```
        | grpcio | outcome |                           only when the outcome depends on the version
        ```python title="snippets/…" hl_lines="12"     the snippet; its annotated lines highlighted,
        --8<-- "snippets/…"                            the page's explanations of them right below
        ```
        Output: …                                      the expected output, when it has one
        [snippets/…](source) · verified with grpcio X

The tests check the same options and results files, so the box cannot say what the
example does not do.
"""

import re
from dataclasses import dataclass

from docs_harness.expectations import Expectation
from docs_harness.fences import Example
from docs_harness.labels import LABELS
from docs_harness.results import Results
from docs_harness.versions import range_text

ANNOTATION = re.compile(r"#\s*\((\d+)\)!")  # Material's code annotation marker: `# (1)!`
LIST_ITEM = re.compile(r"^\d+\.\s")
KIND = {"ok": "success", "forbidden": "danger", "silent": "warning"}


class BoxError(ValueError):
    pass


@dataclass
class Evidence:
    """What the results files say about an example: its pinned run and every release's."""

    pinned: Results
    releases: list[Results]

    def printed(self, example: Example) -> str | None:
        recorded = self.pinned.examples.get(example.id)
        if recorded is None:
            raise BoxError(
                f"{example.location}: results/grpcio-{self.pinned.grpcio}.json has nothing for {example.id}: "
                "run ./dev test --record (and ./dev matrix)"
            )
        return recorded.printed if not recorded.succeeded else None

    def message(self, example: Example) -> str:
        recorded = self.pinned.examples.get(example.id)
        return recorded.message or "" if recorded else ""


def anchor_id(example: Example) -> str:
    return "example-" + example.name.replace("_", "-")


def title(expectation: Expectation, language: str) -> str:
    labels = LABELS[language]
    if expectation.succeeds:
        return labels["ok"]
    if expectation.silent:
        return labels["silent"]
    if expectation.crashes:
        return f"{labels['forbidden']} — {labels['crash'].format(signal=expectation.crashes)}"
    if expectation.hangs:
        return f"{labels['forbidden']} — {labels['hang']}"
    error = f"`{expectation.raises.rpartition('.')[2]}`"
    code = f" `{expectation.code}`" if expectation.code else ""
    return f"{labels['forbidden']} — {error}{code}"


def render(
    example: Example, explanations: list[str], language: str, evidence: Evidence, repo_url: str | None
) -> list[str]:
    """The box's Markdown lines, at the fence's indentation."""
    labels = LABELS[language]
    expectation = example.expectation
    marker = example.fence.marker
    body: list[str] = []
    if expectation.silent:
        body += [labels["silent_sentence"].format(message=_code(evidence.message(example))), ""]
    elif expectation.crashes:
        body += [labels["crash_sentence"].format(signal=expectation.crashes), ""]
    elif expectation.hangs:
        body += [labels["hang_sentence"].format(timeout=f"{example.timeout:g}"), ""]
    elif not expectation.succeeds:
        printed = evidence.printed(example)
        body += [labels["raises"], "", f"{marker}{{.text .error-text}}", *printed.splitlines(), marker, ""]
    if example.outcomes.versioned:
        body += _versions_table(example, language, evidence) + [""]
    output = []
    if example.output_path.exists():
        output = [
            labels["damage" if expectation.silent else "output"],
            "",
            f"{marker}{{.text .example-output}}",
            f'--8<-- "{example.output_name}"',
            marker,
            "",
        ]
    if not expectation.succeeds:
        body += output
    body += [
        f'{marker}python title="{example.snippet}"{_highlighted(example)}',
        f'--8<-- "{example.snippet}"',
        marker,
        "",
    ]
    body += [*explanations, ""] if explanations else []
    if expectation.succeeds:
        body += output
    body += [_meta(example, language, evidence, repo_url), "{ .example-meta }"]
    indent = example.fence.indent
    anchor = f"<span class='example-anchor' id='{anchor_id(example)}'></span>"  # links land on the title
    head = f'!!! {KIND[expectation.verdict]} verdict-box "{anchor}{title(expectation, language)}"'
    lines = [head, ""]
    lines += [("    " + line) if line else "" for line in body]
    return [(indent + line) if line else "" for line in lines]


def explanations_after(lines: list[str], example: Example) -> tuple[list[str], int]:
    """The page's numbered list right after the fence, when the snippet has annotation markers.

    Returns the list's lines (dedented to the fence) and how many page lines it took.
    """
    markers = _markers(example)
    start = example.fence.end_line  # the line after the closing fence (0-based index)
    index = start
    while index < len(lines) and not lines[index].strip():
        index += 1
    indent = example.fence.indent
    if not markers:
        return [], 0
    found: list[str] = []
    while index < len(lines):
        line = lines[index]
        text = line[len(indent) :] if line.startswith(indent) else None
        if text is None or (not LIST_ITEM.match(text) and not (text.startswith("    ") or not text.strip())):
            break
        if not text.strip() and index + 1 < len(lines):
            following = lines[index + 1][len(indent) :] if lines[index + 1].startswith(indent) else ""
            if not (LIST_ITEM.match(following) or following.startswith("    ")):
                break
        found.append(text)
        index += 1
    items = sum(1 for line in found if LIST_ITEM.match(line))
    if items != len(markers):
        raise BoxError(
            f"{example.location}: {example.snippet} marks {len(markers)} line(s) with `# (N)!`; "
            f"the page explains {items} (a numbered list right after the fence)"
        )
    return found, index - start


def _markers(example: Example) -> list[int]:
    lines = example.snippet_path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, 1) if ANNOTATION.search(line)]


def _highlighted(example: Example) -> str:
    lines = _markers(example)
    return f' hl_lines="{" ".join(map(str, lines))}"' if lines else ""


def _versions_table(example: Example, language: str, evidence: Evidence) -> list[str]:
    labels = LABELS[language]
    rows = [labels["by_version"], "", f"| {labels['version_column']} | {labels['outcome_column']} |", "|---|---|"]
    for variant in example.outcomes.variants:
        checked = [r.grpcio for r in evidence.releases if example.id in r.examples and variant.covers(r.grpcio)]
        where = range_text(variant.versions, language)
        if checked:
            where += f" ({labels['checked_on'].format(versions=', '.join(checked))})"
        outcome = title(variant.expectation, language)
        recorded = next(
            (
                r.examples[example.id]
                for r in reversed(evidence.releases)
                if example.id in r.examples and variant.covers(r.grpcio)
            ),
            None,
        )
        if (
            recorded is not None
            and recorded.ended_by_itself
            and not recorded.succeeded
            and not variant.expectation.silent
        ):
            outcome += f": {_code(recorded.message or '')}"
        if variant.see:
            outcome += f" ([{labels['see']}]({variant.see}))"
        rows.append(f"| {where} | {outcome} |")
    return rows


def _meta(example: Example, language: str, evidence: Evidence, repo_url: str | None) -> str:
    labels = LABELS[language]
    source = (
        f"[{example.snippet}]({repo_url.rstrip('/')}/blob/main/{example.snippet})"
        if repo_url
        else f"`{example.snippet}`"
    )
    return f"{source} · {labels['verified'].format(version=evidence.pinned.grpcio)}"


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    pad = " " if ticks == "``" or text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"
