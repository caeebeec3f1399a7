"""The guide's pages: which exist, and where each one is on the built site."""

from pathlib import Path

from docs_harness import LANGUAGES, PROJECT_ROOT

DOCS_DIR = PROJECT_ROOT / "docs"


def pages(language: str = LANGUAGES[0], docs_dir: Path = DOCS_DIR) -> list[str]:
    """The pages of one language, relative to its folder, e.g. ["client/sharing.md", "index.md"]."""
    return sorted(p.relative_to(docs_dir / language).as_posix() for p in (docs_dir / language).rglob("*.md"))


def site_path(language: str, page: str) -> str:
    """Where a page is served, from the site's root: ("en", "client/sharing.md") -> "/en/client/sharing/"."""
    path = page.removesuffix(".md").removesuffix("index")
    path = path + "/" if path and not path.endswith("/") else path
    return ("/" if language == LANGUAGES[0] else f"/{language}/") + path
