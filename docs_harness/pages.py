"""A page of the guide: one value for a language and a path, used everywhere.

page = Page("ja", "client/sharing.md")
page.name         # "docs/ja/client/sharing.md" (as failures and messages name it)
page.site_path    # "/client/sharing/"  (Page("en", ...) -> "/en/client/sharing/")
page.twin("en")   # Page("en", "client/sharing.md")
"""

from dataclasses import dataclass, field
from pathlib import Path

from docs_harness import LANGUAGES, PROJECT_ROOT

DOCS_FOLDER = "docs"
DOCS_DIR = PROJECT_ROOT / DOCS_FOLDER


@dataclass(frozen=True, order=True)
class Page:
    language: str
    path: str  # relative to the language folder, e.g. "client/sharing.md"
    root: Path = field(default=PROJECT_ROOT, compare=False, repr=False)  # the project folder

    @classmethod
    def from_src_uri(cls, src_uri: str, root: Path = PROJECT_ROOT) -> "Page":
        """From MkDocs' File.src_uri: "en/client/sharing.md"."""
        language, _, path = src_uri.partition("/")
        return cls(language, path, root)

    @classmethod
    def from_file(cls, file: Path, root: Path) -> "Page":
        """From a Markdown file under root/docs/<language>/; ValueError if it is not there."""
        parts = file.resolve().relative_to((root / DOCS_FOLDER).resolve()).parts
        if len(parts) < 2 or parts[0] not in LANGUAGES:
            raise ValueError(f"{file}: a page lives in {DOCS_FOLDER}/<{'|'.join(LANGUAGES)}>/")
        return cls(parts[0], "/".join(parts[1:]), root)

    @property
    def name(self) -> str:
        return f"{DOCS_FOLDER}/{self.language}/{self.path}"

    @property
    def source(self) -> Path:
        return self.root / self.name

    @property
    def src_uri(self) -> str:
        return f"{self.language}/{self.path}"

    @property
    def is_default_language(self) -> bool:
        return self.language == LANGUAGES[0]

    @property
    def site_path(self) -> str:
        """Where the page is served, from the site's root."""
        path = self.path.removesuffix(".md").removesuffix("index")
        path = path + "/" if path and not path.endswith("/") else path
        return ("/" if self.is_default_language else f"/{self.language}/") + path

    @property
    def slug(self) -> str:
        """For file names: "ja-client-sharing"."""
        return f"{self.language}-{self.path.removesuffix('.md').replace('/', '-')}"

    def twin(self, language: str) -> "Page":
        return Page(language, self.path, self.root)

    def read(self) -> str:
        return self.source.read_text(encoding="utf-8")


def all_pages(language: str | None = None, root: Path = PROJECT_ROOT) -> list[Page]:
    """The pages of one language (or of every language), sorted."""
    languages = [language] if language else list(LANGUAGES)
    return sorted(
        Page(lang, file.relative_to(root / DOCS_FOLDER / lang).as_posix(), root)
        for lang in languages
        for file in (root / DOCS_FOLDER / lang).rglob("*.md")
    )
