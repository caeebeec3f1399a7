"""The rule tables: declared in each page's front matter, proven by that page's examples."""

import pytest

from docs_harness import LANGUAGES
from docs_harness.pages import Page, all_pages
from docs_harness.rules import RuleError, collect, render


def pages_of(language: str) -> list[Page]:
    return [page for page in all_pages(language) if page.path != "index.md"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_is_proven_by_an_example_of_its_page(language):
    rules = collect(pages_of(language))
    assert rules, "no page declares a rule"
    assert all(rule.examples["sync"] or rule.examples["aio"] for rule in rules)


def test_both_languages_declare_the_same_rules_with_the_same_go_verdicts():
    ja, en = (collect(pages_of(language)) for language in LANGUAGES)
    assert [(r.id, r.go, r.page.path) for r in ja] == [(r.id, r.go, r.page.path) for r in en]


def _page(tmp_path, text: str, snippet: str = "x_sync.py"):
    (tmp_path / "snippets").mkdir(exist_ok=True)
    (tmp_path / "snippets" / snippet).write_text("print(1)\n")
    (tmp_path / "docs" / "ja").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "ja" / "p.md").write_text(text)
    return tmp_path


def test_an_example_naming_an_undeclared_rule_is_refused(tmp_path):
    root = _page(tmp_path, '# P\n\n```{.python rule=nowhere}\n--8<-- "snippets/x_sync.py"\n```\n')
    with pytest.raises(RuleError, match="docs/ja/p.md:3: rule=nowhere is not declared"):
        collect([Page("ja", "p.md", root)])


def test_a_rule_without_an_example_is_refused(tmp_path):
    root = _page(tmp_path, "---\nrules:\n  - id: lonely\n    operation: x\n    go: ok\n---\n# P\n")
    with pytest.raises(RuleError, match="p.md: rule lonely has no example that proves it"):
        collect([Page("ja", "p.md", root)])


def test_cells_show_each_verdict_as_a_chip_linked_to_its_example(tmp_path):
    text = (
        "---\nrules:\n  - id: r\n    operation: Do `it`\n    go: forbidden\n---\n# P\n"
        '## B { #b }\n\n```{.python rule=r raises="grpc.RpcError" code="INTERNAL"}\n--8<-- "snippets/x_sync.py"\n```\n'
        '## C { #c }\n\n```{.python rule=r raises="AssertionError" match="lost"}\n--8<-- "snippets/x_aio.py"\n```\n'
    )
    root = _page(tmp_path, text)
    (root / "snippets" / "x_aio.py").write_text("print(1)\n")
    page = Page("ja", "p.md", root)
    table = render(collect([page]), Page("en", "index.md", root))
    assert '<th scope="row" data-label="Operation">Do <code>it</code></th>' in table
    assert '<span class="verdict verdict--forbidden"><span aria-hidden="true">✗</span> Forbidden</span>' in table
    assert (
        '<a class="verdict-link" href="../p/#b">' in table
        and '<code class="verdict-error">RpcError INTERNAL</code>' in table
    )
    assert '<a class="verdict-link" href="../p/#c"><span class="verdict verdict--silent">' in table
    assert "Forbidden (no error)" in table


def test_allowed_and_forbidden_in_one_cell_are_refused(tmp_path):
    text = (
        "---\nrules:\n  - id: r\n    operation: x\n    go: ok\n---\n"
        '```{.python rule=r}\n--8<-- "snippets/x_sync.py"\n```\n'
        '```{.python rule=r raises="ValueError"}\n--8<-- "snippets/x_sync.py"\n```\n'
    )
    root = _page(tmp_path, text)
    with pytest.raises(RuleError, match="rule r: its sync examples disagree"):
        collect([Page("ja", "p.md", root)])


def test_a_go_verdict_of_none_is_shown_as_not_in_go(tmp_path):
    text = '---\nrules:\n  - id: r\n    operation: Fork\n    go: none\n---\n## A { #a }\n\n```{.python rule=r}\n--8<-- "snippets/x_sync.py"\n```\n'
    root = _page(tmp_path, text)
    table = render(collect([Page("ja", "p.md", root)]), Page("ja", "p.md", root))
    assert (
        '<td data-label="Go"><span class="verdict verdict--none"><span aria-hidden="true">–</span> Go にはない</span></td>'
        in table
    )
    assert '<a class="verdict-link" href="#a">' in table


def test_an_unknown_go_verdict_is_refused(tmp_path):
    root = _page(tmp_path, "---\nrules:\n  - id: r\n    operation: x\n    go: maybe\n---\n# P\n")
    with pytest.raises(RuleError, match="go \\(ok \\| forbidden \\| none\\)"):
        collect([Page("ja", "p.md", root)])
