"""The overview's rule table, built from the pages themselves.

Each page declares its rules in its front matter (``rules:`` a list of ``id``, ``operation``,
and ``go``: what Go's notes say, ``ok`` or ``forbidden``, or ``none`` where Go has no such
operation, shown as "—"); each example names the rule it
proves with the fence option ``rule=ID``, and its API by its name (``…_sync.py``/``…_aio.py``).
A cell's verdict is read from those examples' options, the same ones the tests check, so the
table cannot say what the examples do not show.
"""

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from docs_harness.fences import Example, parse_examples

PLACEHOLDER = "<!-- rules-table -->"
FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)
GO_VERDICTS = ("ok", "forbidden", "none")
APIS = ("sync", "aio")
LABELS = {
    "ja": {
        "header": "| 操作 | Go | 同期 API (`grpc`) | asyncio API (`grpc.aio`) |",
        "ok": "OK",
        "forbidden": "禁止",
        "silent": "禁止（例外なし）",
        "none": "—",
        "verified": "この表は各ページの例のテスト結果から生成しています（grpcio {version} で確認）。",
    },
    "en": {
        "header": "| Operation | Go | sync API (`grpc`) | asyncio API (`grpc.aio`) |",
        "ok": "OK",
        "forbidden": "Forbidden",
        "silent": "Forbidden (silent)",
        "none": "—",
        "verified": "This table is generated from the options of each page's tested examples (verified with grpcio {version}).",
    },
}


class RuleError(ValueError):
    pass


@dataclass
class Rule:
    id: str
    operation: str
    go: str
    page: str  # relative to the language folder, e.g. "client/sharing.md"
    examples: dict[str, list[Example]] = field(default_factory=lambda: {api: [] for api in APIS})


def declared_rules(text: str, page: str) -> list[dict]:
    found = FRONT_MATTER.match(text)
    rules = (yaml.safe_load(found["yaml"]) or {}).get("rules", []) if found else []
    for rule in rules:
        if set(rule) != {"id", "operation", "go"} or rule["go"] not in GO_VERDICTS:
            raise RuleError(f"{page}: each rule needs exactly id, operation and go (ok, forbidden or none): {rule}")
    return rules


def collect(language_dir: Path, pages: list[str], root: Path) -> list[Rule]:
    """Every declared rule of the pages, in order, with the examples that prove it."""
    rules: dict[str, Rule] = {}
    for page in pages:
        text = (language_dir / page).read_text(encoding="utf-8")
        name = f"{language_dir.parent.name}/{language_dir.name}/{page}"
        for declared in declared_rules(text, name):
            if declared["id"] in rules:
                raise RuleError(f"{name}: rule {declared['id']} is declared twice")
            rules[declared["id"]] = Rule(declared["id"], declared["operation"], declared["go"], page)
        for example in parse_examples(text, name, root):
            if example.rule is None:
                continue
            rule = rules.get(example.rule)
            if rule is None or rule.page != page:
                raise RuleError(f"{example.location}: rule={example.rule} is not declared in this page's front matter")
            rule.examples[example.api].append(example)
    for rule in rules.values():
        if not any(rule.examples.values()):
            raise RuleError(f"{rule.page}: rule {rule.id} has no example that proves it")
    return list(rules.values())


def render(rules: list[Rule], language: str, grpc_version: str, on_page: str) -> str:
    """The table as Markdown, with links relative to on_page (e.g. "index.md")."""
    labels = LABELS[language]
    rows = [labels["header"], "|---|---|---|---|"]
    for rule in rules:
        target = posixpath.relpath(rule.page, posixpath.dirname(on_page) or ".")
        cells = [_cell(target, rule.examples[api], labels) for api in APIS]
        rows.append(f"| {rule.operation} | {labels[rule.go]} | {cells[0]} | {cells[1]} |")
    return "\n".join(rows) + "\n\n" + labels["verified"].format(version=grpc_version) + "\n"


def _cell(target: str, examples: list[Example], labels: dict[str, str]) -> str:
    verdicts: dict[str, str] = {}
    for example in examples:
        if example.expectation is None:
            text = labels["ok"]
        elif example.expectation.silent:
            text = labels["silent"]
        else:
            error = example.expectation.raises.rpartition(".")[2]
            code = f" {example.expectation.code}" if example.expectation.code else ""
            text = f"{labels['forbidden']}: `{error}{code}`"
        anchor = f"#{example.anchor}" if example.anchor else ""
        verdicts.setdefault(text, f"[{text}]({target}{anchor})")
    return " / ".join(verdicts.values()) or labels["none"]
