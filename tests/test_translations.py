"""ja and en are twins: the same pages, the same examples with the same options, in the same order."""

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.pages import all_pages
from docs_harness.translations import differing_examples, example_signature, missing_twins


def test_every_page_has_its_translation():
    assert missing_twins() == []


def test_a_page_without_its_translation_is_named(tmp_path):
    for lang in LANGUAGES:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "index.md").write_text("# x\n")
    (tmp_path / "docs" / "ja" / "extra.md").write_text("# x\n")
    assert missing_twins(tmp_path) == ["docs/en/extra.md (twin of docs/ja/extra.md)"]


def test_both_languages_run_the_same_examples():
    assert differing_examples() == []


def test_twins_with_other_examples_or_options_are_named(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "x.py").write_text("print(1)\n")
    for lang, options in (("ja", ' raises="ValueError"'), ("en", "")):
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "p.md").write_text(f'```{{.python{options}}}\n--8<-- "snippets/x.py"\n```\n')
    (problem,) = differing_examples(tmp_path)
    assert problem.startswith(
        "docs/ja/p.md and docs/en/p.md differ at example 1: ('snippets/x.py', (('raises', 'ValueError'),))"
    )


def test_every_snippet_is_shown_on_some_page():
    shown = {snippet for page in all_pages(LANGUAGES[0]) for snippet, _ in example_signature(page)}
    files = {p.relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "snippets").rglob("*.py")}
    assert files - shown == set()
    outputs = {
        p.with_suffix(".py").relative_to(PROJECT_ROOT).as_posix() for p in (PROJECT_ROOT / "snippets").rglob("*.out")
    }
    assert outputs - shown == set(), "an .out file without its snippet"
