"""The two languages must stay twins: the same pages, the same examples in the same order."""

from pathlib import Path

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.fences import parse_examples
from docs_harness.pages import Page, all_pages


def missing_twins(root: Path = PROJECT_ROOT) -> list[str]:
    """Pages that exist in one language and not in another: 'docs/en/client/sharing.md (twin of docs/ja/client/sharing.md)'."""
    paths = {lang: {page.path for page in all_pages(lang, root)} for lang in LANGUAGES}
    return [
        f"{Page(other, path).name} (twin of {Page(lang, path).name})"
        for lang in LANGUAGES
        for other in LANGUAGES
        if other != lang
        for path in sorted(paths[lang] - paths[other])
    ]


def example_signature(page: Page) -> list[tuple]:
    """What must be equal across languages: each example's snippet and options, in page order."""
    return [(e.snippet, e.options) for e in parse_examples(page)]


def differing_examples(root: Path = PROJECT_ROOT) -> list[str]:
    """Pages whose twins show other examples or other options, each with the first difference."""
    found = []
    for page in all_pages(LANGUAGES[0], root):
        mine = example_signature(page)
        for language in LANGUAGES[1:]:
            twin = page.twin(language)
            if not twin.source.exists():
                continue
            theirs = example_signature(twin)
            if mine != theirs:
                index = next(
                    (i for i, (a, b) in enumerate(zip(mine, theirs, strict=False)) if a != b),
                    min(len(mine), len(theirs)),
                )
                first = mine[index] if index < len(mine) else "nothing"
                other = theirs[index] if index < len(theirs) else "nothing"
                found.append(f"{page.name} and {twin.name} differ at example {index + 1}: {first} vs {other}")
    return found
