"""ja and en are twins: the same pages, the same examples with the same options, in the same order."""

import pytest

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.pages import DOCS_DIR, pages
from docs_harness.translations import example_signature, missing_twins

DOCS = DOCS_DIR
PAGES = pages()


def test_every_page_has_its_translation():
    assert missing_twins(DOCS) == []


def test_a_page_without_its_translation_is_named(tmp_path):
    for lang in LANGUAGES:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text("# x\n")
    (tmp_path / "docs" / "ja" / "extra.md").write_text("# x\n")
    assert missing_twins(tmp_path / "docs") == ["docs/en/extra.md (twin of docs/ja/extra.md)"]


@pytest.mark.parametrize("page", PAGES)
def test_both_languages_run_the_same_examples(page):
    signatures = {lang: example_signature(DOCS / lang / page, f"docs/{lang}/{page}") for lang in LANGUAGES}
    assert signatures["ja"] == signatures["en"]


def test_every_snippet_is_shown_on_some_page():
    shown = {s for page in PAGES for s, _ in example_signature(DOCS / LANGUAGES[0] / page, page)}
    files = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "snippets").rglob("*.py")}
    assert files - shown == set()
    outputs = {p.with_suffix(".py").relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "snippets").rglob("*.out")}
    assert outputs - shown == set(), "an .out file without its snippet"
