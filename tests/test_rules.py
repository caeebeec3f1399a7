"""The rule tables: declared in each page's front matter, proven by that page's examples."""

import pytest

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.pages import DOCS_DIR, pages
from docs_harness.rules import RuleError, collect, render

DOCS = DOCS_DIR
PAGES = [page for page in pages() if page != "index.md"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_is_proven_by_an_example_of_its_page(language):
    rules = collect(DOCS / language, PAGES, PROJECT_ROOT)
    assert rules, "no page declares a rule"
    assert all(rule.examples["sync"] or rule.examples["aio"] for rule in rules)


def test_both_languages_declare_the_same_rules_with_the_same_go_verdicts():
    ja, en = (collect(DOCS / language, PAGES, PROJECT_ROOT) for language in LANGUAGES)
    assert [(r.id, r.go, r.page) for r in ja] == [(r.id, r.go, r.page) for r in en]


def _page(tmp_path, text: str, snippet: str = "x_sync.py"):
    (tmp_path / "snippets").mkdir(exist_ok=True)
    (tmp_path / "snippets" / snippet).write_text("print(1)\n")
    (tmp_path / "docs" / "ja").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "ja" / "p.md").write_text(text)
    return tmp_path


def test_an_example_naming_an_undeclared_rule_is_refused(tmp_path):
    root = _page(tmp_path, '# P\n\n```{.python rule=nowhere}\n--8<-- "snippets/x_sync.py"\n```\n')
    with pytest.raises(RuleError, match="docs/ja/p.md:3: rule=nowhere is not declared"):
        collect(root / "docs" / "ja", ["p.md"], root)


def test_a_rule_without_an_example_is_refused(tmp_path):
    root = _page(tmp_path, "---\nrules:\n  - id: lonely\n    operation: x\n    go: ok\n---\n# P\n")
    with pytest.raises(RuleError, match="p.md: rule lonely has no example that proves it"):
        collect(root / "docs" / "ja", ["p.md"], root)


def test_cells_show_each_verdict_with_a_link_to_its_example(tmp_path):
    text = (
        "---\nrules:\n  - id: r\n    operation: Do it\n    go: forbidden\n---\n"
        "## A { #a }\n\n```{.python rule=r}\n--8<-- \"snippets/x_sync.py\"\n```\n\n"
        "## B { #b }\n\n```{.python rule=r raises=\"grpc.RpcError\" code=\"INTERNAL\"}\n--8<-- \"snippets/x_sync.py\"\n```\n"
        "## C { #c }\n\n```{.python rule=r raises=\"AssertionError\" match=\"lost\"}\n--8<-- \"snippets/x_aio.py\"\n```\n"
    )
    root = _page(tmp_path, text)
    (root / "snippets" / "x_aio.py").write_text("print(1)\n")
    table = render(collect(root / "docs" / "ja", ["p.md"], root), "en", "9.9.9", "index.md")
    assert "| Do it | Forbidden | [OK](p.md#a) / [Forbidden: `RpcError INTERNAL`](p.md#b) | [Forbidden (silent)](p.md#c) |" in table
    assert "verified with grpcio 9.9.9" in table


def test_a_go_verdict_of_none_is_shown_as_a_dash(tmp_path):
    text = "---\nrules:\n  - id: r\n    operation: Fork\n    go: none\n---\n## A { #a }\n\n```{.python rule=r}\n--8<-- \"snippets/x_sync.py\"\n```\n"
    root = _page(tmp_path, text)
    table = render(collect(root / "docs" / "ja", ["p.md"], root), "en", "9.9.9", "index.md")
    assert "| Fork | — | [OK](p.md#a) | — |" in table


def test_an_unknown_go_verdict_is_refused(tmp_path):
    root = _page(tmp_path, "---\nrules:\n  - id: r\n    operation: x\n    go: maybe\n---\n# P\n")
    with pytest.raises(RuleError, match="go \\(ok, forbidden or none\\)"):
        collect(root / "docs" / "ja", ["p.md"], root)
