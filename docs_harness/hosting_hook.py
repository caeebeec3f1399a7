"""The site as readers get it (an MkDocs hook): hosting, per-language search, accessibility, theme texts.

- HTML fixes (``docs_harness.html_patches``, each failing the build when it no longer
  matches): no head alternates (Material would fetch a missing sitemap for each), relative
  language links on the home pages (sub-path hosting), a name for the search dialog, the
  theme's English texts in Japanese on Japanese pages, and each language's own search index.
- Search stays in the reader's language: mkdocs-static-i18n writes one index for every
  language; after the build it is split into one per language folder (``docs_harness.search``).
"""

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from docs_harness import LANGUAGES, search
from docs_harness import html_patches as patches
from docs_harness.labels import LABELS
from docs_harness.pages import Page


def _context(html: str, language: str, config, where: str) -> patches.Context:
    return patches.Context(
        language=language,
        labels=LABELS[language],
        to_root=patches.to_root(html, where),
        site_path=urlsplit(config["site_url"] or "/").path.strip("/"),
    )


def on_post_page(output: str, page, config) -> str:
    this = Page.from_src_uri(page.file.src_uri)
    context = _context(output, this.language, config, this.name)
    head, separator, body = output.partition("</head>")
    output = patches.HEAD_ALTERNATES.apply(head, this.name, context) + separator + body
    output = patches.RELATIVE_LANGUAGE_LINKS.apply(
        output, this.name, context, required=page.is_homepage or this.path == "index.md"
    )
    output = patches.SEARCH_DIALOG_NAME.apply(output, this.name, context)
    if this.language == "ja":
        output = patches.PERMALINK_TITLE.apply(output, this.name, context, required="headerlink" in output)
        output = patches.PALETTE_TOGGLE_NAMES.apply(output, this.name, context)
    if not this.is_default_language:
        output = patches.SEARCH_FROM_LANGUAGE_FOLDER.apply(output, this.name, context)
    return output


_not_found: dict[str, str] = {}  # the default language's 404 page, kept while the others render


def on_post_template(output: str, template_name: str, config) -> str:
    """404.html: one per language. mkdocs-static-i18n renders it in every language's build to
    the same /404.html; the default language's stays there, the others go to /<language>/404.html."""
    if template_name != "404.html":
        return output
    language = patches.html_language(output, template_name)
    where = f"404.html ({language})"
    context = _context(output, language, config, where)
    head, separator, body = output.partition("</head>")
    output = patches.HEAD_ALTERNATES.apply(head, where, context, required=False) + separator + body
    output = patches.SEARCH_DIALOG_NAME.apply(output, where, context)
    output = patches.LANGUAGE_LINKS_TO_HOMES.apply(output, where, context)
    if language == "ja":
        output = patches.PALETTE_TOGGLE_NAMES.apply(output, where, context)
    if language == LANGUAGES[0]:
        _not_found[language] = output
        return output
    target = Path(config["site_dir"]) / language / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _not_found[LANGUAGES[0]]  # the site's /404.html stays the default language's


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config) -> None:
    # mkdocs-static-i18n builds each other language inside the default one's post_build, so
    # this runs once per language; the last run sees the complete index.
    search.split_by_language(Path(config["site_dir"]))
