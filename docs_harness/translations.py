"""The two languages must stay twins: same pages, same examples in the same order."""

from pathlib import Path

from docs_harness import LANGUAGES
from docs_harness.fences import parse_examples
from docs_harness.pages import pages as pages_of


def missing_twins(docs_dir: Path) -> list[str]:
    """Pages that exist in one language folder and not in another, as 'docs/en/x.md (twin of docs/ja/x.md)'."""
    pages = {lang: set(pages_of(lang, docs_dir)) for lang in LANGUAGES}
    return [
        f"{docs_dir.name}/{other}/{page} (twin of {docs_dir.name}/{lang}/{page})"
        for lang in LANGUAGES
        for other in LANGUAGES
        if other != lang
        for page in sorted(pages[lang] - pages[other])
    ]


def example_signature(page: Path, name: str) -> list[tuple]:
    """What must be equal across languages: each example's snippet and options, in page order."""
    return [(e.snippet, e.options) for e in parse_examples(page.read_text(encoding="utf-8"), name)]
