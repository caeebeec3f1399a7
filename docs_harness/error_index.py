"""The error index page: every error text the examples produce, what causes it, and the fix.

Built from the same data the tests check: the examples' fences, the rules of their pages,
and the results files (the texts exactly as Python printed them, per grpcio release), so
the index cannot list an error no example raises or miss one that an example does.
"""

import posixpath
import re
from dataclasses import dataclass, field

from docs_harness.boxes import anchor_id
from docs_harness.fences import Example, parse_examples
from docs_harness.labels import LABELS
from docs_harness.pages import Page
from docs_harness.results import Results
from docs_harness.rules import Rule, collect

PLACEHOLDER = "<!-- error-index -->"


@dataclass
class Entry:
    """One error text, and the examples that raise it on which releases."""

    short: str  # "INTERNAL: Internal error from Core", "ValueError: Cannot invoke RPC on closed channel!"
    printed: list[str]  # as Python prints it: one text per exception class that carries it
    examples: list[tuple[Example, list[str]]] = field(default_factory=list)


def render(on_page: Page, pages: list[Page], releases: list[Results]) -> str:
    labels = LABELS[on_page.language]
    examples = [example for page in pages for example in parse_examples(page)]
    rules = {rule.id: rule for rule in collect(pages)}
    entries: dict[str, Entry] = {}
    silent: list[Example] = []
    for example in examples:
        if any(v.expectation.silent for v in example.outcomes.variants):
            silent.append(example)
        for release in releases:
            recorded = release.examples.get(example.id)
            expected = example.outcomes.for_version(release.grpcio).expectation if recorded else None
            if recorded is None or recorded.succeeded or not recorded.ended_by_itself or expected.silent:
                continue
            kind = recorded.code or recorded.error.rpartition(".")[2]
            short = f"{kind}: {_first_line(recorded.message)}"
            entry = entries.setdefault(short, Entry(short, []))
            if recorded.printed not in entry.printed:
                entry.printed.append(recorded.printed)
            found = next((versions for e, versions in entry.examples if e is example), None)
            if found is None:
                entry.examples.append((example, [release.grpcio]))
            else:
                found.append(release.grpcio)
    out = []
    for entry in sorted(entries.values(), key=lambda e: e.short.lower()):
        kind, _, message = entry.short.partition(": ")
        out += [f"## `{kind}`: {_code(_shortened(message))} {{ #{_slug(entry.short)} }}", ""]
        for printed in entry.printed:
            out += ["```{.text .error-text}", *printed.splitlines(), "```", ""]
        for example, versions in entry.examples:
            rule = rules.get(example.rule) if example.rule else None
            out += _explained(example, rule, versions, on_page, labels, releases)
    if silent:
        out += [f"## {labels['silent_heading']} {{ #silent }}", "", labels["silent_intro"], ""]
        for example in silent:
            rule = rules.get(example.rule) if example.rule else None
            symptom = next(
                (
                    r.examples[example.id].message
                    for r in reversed(releases)
                    if example.id in r.examples and r.examples[example.id].message
                ),
                "",
            )
            cause = rule.operation if rule else example.heading or example.name
            out += [
                f"- **{cause}** — {labels['symptom']}: `{symptom}` ([{example.name}]({md_link(on_page, example.page, anchor_id(example))}))"
            ]
        out.append("")
    return "\n".join(out)


def _explained(example: Example, rule: Rule | None, versions: list[str], on_page: Page, labels, releases) -> list[str]:
    proof = md_link(on_page, example.page, anchor_id(example))
    section = md_link(on_page, example.page, example.anchor)
    every = [r.grpcio for r in releases if example.id in r.examples]
    where = "" if versions == every else f" (grpcio {', '.join(versions)})"
    lines = [f"- **{labels['cause']}**: [{example.heading or example.name}]({section}){where}"]
    if rule is not None:
        lines.append(f"- **{labels['rule']}**: {rule.operation}")
        if rule.fix:
            lines.append(f"- **{labels['fix']}**: {rule.fix}")
    lines += [f"- **{labels['proof']}**: [`{example.snippet}`]({proof})", ""]
    return lines


def md_link(on_page: Page, target: Page, anchor: str | None) -> str:
    """A Markdown link target from one page's source to another's (MkDocs checks it)."""
    path = posixpath.relpath(target.path, posixpath.dirname(on_page.path) or ".")
    return path + (f"#{anchor}" if anchor else "")


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _shortened(text: str, most: int = 72) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _code(text: str) -> str:
    ticks = "``" if "`" in text else "`"
    return f"{ticks} {text} {ticks}" if ticks == "``" else f"`{text}`"


def _slug(text: str) -> str:
    return "error-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
