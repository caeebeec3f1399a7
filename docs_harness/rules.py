"""The rule tables, built from the pages themselves.

Each page declares its rules in its front matter (``rules:`` a list of ``id``, ``operation``,
``go``: what Go's notes say, ``ok``, ``forbidden`` or ``none`` when Go has no such thing, and
for a forbidden operation optionally ``fix``: what to do instead); each example names the
rule it proves with the fence option ``rule=ID``, and its API by its name (``…_sync.py``/
``…_aio.py``). A cell's verdict is read from those examples' options, the same ones the
tests check, so a table cannot say what the examples do not show. The table is HTML: rows
grouped by page on the overview, verdicts as labelled chips, and cards on a phone.
"""

import functools
import html
import posixpath
import re
from dataclasses import dataclass, field

import yaml

from docs_harness.expectations import Expectation
from docs_harness.fences import Example, parse_examples
from docs_harness.labels import LABELS
from docs_harness.pages import Page
from docs_harness.versions import range_text, verified

PLACEHOLDER = "<!-- rules-table -->"
RECAP = "<!-- rules-recap -->"
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)
H1 = re.compile(r"^# (?P<title>.+?)(?:\s*\{[^}]*\})?\s*$", re.M)
GO_VERDICTS = ("ok", "forbidden", "none")
RULE_KEYS = {"id", "operation", "go"}
OPTIONAL_RULE_KEYS = {"fix"}
APIS = ("sync", "aio")
ICONS = {"ok": "✓", "forbidden": "✗", "silent": "⚠", "none": "–"}


class RuleError(ValueError):
    pass


@dataclass
class Rule:
    id: str
    operation: str
    go: str
    page: Page
    fix: str | None = None
    examples: dict[str, list[Example]] = field(default_factory=lambda: {api: [] for api in APIS})


def declared_rules(text: str, where: str) -> list[dict]:
    found = FRONT_MATTER.match(text)
    rules = _front_matter(found["yaml"]).get("rules", []) if found else []
    for rule in rules:
        if not RULE_KEYS <= set(rule) <= RULE_KEYS | OPTIONAL_RULE_KEYS or rule["go"] not in GO_VERDICTS:
            raise RuleError(
                f"{where}: each rule needs id, operation and go ({' | '.join(GO_VERDICTS)}), optionally fix: {rule}"
            )
    return rules


@functools.lru_cache(maxsize=128)
def _front_matter(text: str) -> dict:
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def page_title(page: Page) -> str:
    found = H1.search(FRONT_MATTER.sub("", page.read(), count=1))
    return found["title"] if found else page.path


def collect(pages: list[Page]) -> list[Rule]:
    """Every declared rule of the pages, in order, with the examples that prove it."""
    rules: dict[str, Rule] = {}
    for page in pages:
        text = page.read()
        for declared in declared_rules(text, page.name):
            if declared["id"] in rules:
                raise RuleError(f"{page.name}: rule {declared['id']} is declared twice")
            rules[declared["id"]] = Rule(
                declared["id"], declared["operation"], declared["go"], page, declared.get("fix")
            )
        for example in parse_examples(page, text):
            if example.rule is None:
                continue
            rule = rules.get(example.rule)
            if rule is None or rule.page != page:
                raise RuleError(f"{example.location}: rule={example.rule} is not declared in this page's front matter")
            rule.examples[example.api].append(example)
    for rule in rules.values():
        if not any(rule.examples.values()):
            raise RuleError(f"{rule.page.name}: rule {rule.id} has no example that proves it")
        for api, examples in rule.examples.items():
            if len({_cell_key(e) for e in examples}) > 1:
                raise RuleError(
                    f"{rule.page.name}: rule {rule.id}: its {api} examples disagree "
                    f"({', '.join(e.location for e in examples)}): give each verdict a rule of its own"
                )
    return list(rules.values())


def render(rules: list[Rule], on_page: Page) -> str:
    """The table as HTML, with links relative to on_page; grouped by page when rules come from several."""
    labels = LABELS[on_page.language]
    grouped = len({rule.page for rule in rules}) > 1
    headers = [labels["operation"], labels["go"], _inline(labels["sync"]), _inline(labels["aio"])]
    rows = []
    for index, rule in enumerate(rules):
        if grouped and (index == 0 or rules[index - 1].page != rule.page):
            link = _href(on_page, rule.page, None)
            rows.append(
                f'<tr class="rules-group"><th colspan="4" scope="colgroup"><a href="{link}">{_inline(page_title(rule.page))}</a></th></tr>'
            )
        cells = [
            f'<th scope="row" data-label="{_attr(headers[0])}">{_inline(rule.operation)}</th>',
            f'<td data-label="{labels["go"]}">{_chip(rule.go, labels, go=True)}</td>',
            *[
                f'<td data-label="{_attr(headers[2 + i])}">{_cell(rule.examples[api], on_page)}</td>'
                for i, api in enumerate(APIS)
            ],
        ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{header}</th>' for header in headers)
    table = (
        f'<div class="rules-table" data-search-exclude><table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )
    return table + "\n\n" + labels["table_note"] + "\n"


def recap(rules: list[Rule], on_page: Page) -> str:
    """A page's rules as a short list for its end: each operation with its verdict per API."""
    labels = LABELS[on_page.language]
    lines = []
    for rule in rules:
        verdicts = []
        for api in APIS:
            if rule.examples[api]:
                verdicts.append(f"{_inline(labels[api]).split(' (')[0]}: {_cell(rule.examples[api], on_page)}")
        lines.append(f"<li>{_inline(rule.operation)} — {'; '.join(verdicts)}</li>")
    return '<ul class="rules-recap" data-search-exclude>\n' + "\n".join(lines) + "\n</ul>\n"


def _cell_key(example: Example) -> tuple:
    """What the examples of one cell must share: on each verified grpcio release, allowed or not
    (a forbidden operation may fail loudly in one example and silently in another)."""
    releases = verified(example.page.root)
    if not releases:  # a project with no results yet: its examples' plain outcomes
        return (example.expectation.succeeds,)
    return tuple(example.outcomes.for_version(version).expectation.succeeds for version in releases)


def _cell(examples: list[Example], on_page: Page) -> str:
    labels = LABELS[on_page.language]
    if not examples:
        return f'<span class="verdict verdict--none">{labels["none"]}</span>'
    parts, shown = [], set()
    for example in examples:
        for variant in example.outcomes.variants:
            key = (variant.range_text, _verdict(variant.expectation), _detail(variant.expectation))
            if key in shown:
                continue
            shown.add(key)
            chip = _chip(_verdict(variant.expectation), labels)
            when = (
                f'<span class="verdict-versions">grpcio {html.escape(range_text(variant.versions, on_page.language))}</span>'
                if example.outcomes.versioned
                else ""
            )
            href = _href(on_page, example.page, example.anchor)
            parts.append(f'<a class="verdict-link" href="{href}">{chip}</a>{key[2]}{when}')
    return "<br>".join(parts)


def _verdict(expectation: Expectation) -> str:
    return expectation.verdict


def _chip(verdict: str, labels: dict[str, str], go: bool = False) -> str:
    text = {
        "ok": labels["ok"],
        "forbidden": labels["forbidden"],
        "silent": labels["silent_short"],
        "none": labels["go_none"] if go else labels["none"],
    }[verdict]
    return f'<span class="verdict verdict--{verdict}"><span aria-hidden="true">{ICONS[verdict]}</span> {html.escape(text)}</span>'


def _detail(expectation: Expectation) -> str:
    if expectation.succeeds or expectation.silent:
        return ""
    if expectation.crashes or expectation.hangs:
        return f' <code class="verdict-error">{expectation.crashes or "hang"}</code>'
    error = expectation.raises.rpartition(".")[2]
    code = f" {expectation.code}" if expectation.code else ""
    return f' <code class="verdict-error">{html.escape(error + code)}</code>'


def _href(on_page: Page, target: Page, anchor: str | None) -> str:
    here, there = on_page.site_path, target.site_path
    relative = posixpath.relpath(there, here) if there != here else "."
    path = "" if relative == "." else relative.rstrip("/") + "/"
    return path + (f"#{anchor}" if anchor else "") if path or anchor else "./"


def _inline(markdown: str) -> str:
    """The little Markdown that operations use: `code` spans, in escaped HTML."""
    parts = re.split(r"(`[^`]+`)", markdown)
    return "".join(
        f"<code>{html.escape(p[1:-1])}</code>" if p.startswith("`") and p.endswith("`") else html.escape(p)
        for p in parts
    )


def _attr(text: str) -> str:
    return html.escape(re.sub(r"<[^>]+>", "", text), quote=True)
