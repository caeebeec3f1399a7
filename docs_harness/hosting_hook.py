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


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output
    language = LANGUAGES[0]
    context = _context(output, language, config, template_name)
    head, separator, body = output.partition("</head>")
    output = patches.HEAD_ALTERNATES.apply(head, template_name, context, required=False) + separator + body
    output = patches.SEARCH_DIALOG_NAME.apply(output, template_name, context)
    return patches.PALETTE_TOGGLE_NAMES.apply(output, template_name, context)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    if site.name in LANGUAGES[1:]:  # one language's build, inside the main one
        return
    search.split_by_language(site)
