"""The site as readers get it (an MkDocs hook): hosting, per-language search, accessibility.

- Drops the head's ``<link rel="alternate" hreflang>`` tags: Material fetches a
  ``sitemap.xml`` next to each of them, and mkdocs-static-i18n points them at pages, so
  every page would request missing files. The language switcher is unaffected, and the
  sitemap lists the same alternates for search engines.
- Root-absolute language links (the home pages') become relative: the site works under
  a sub-path, as on GitHub Pages.
- Search stays in the reader's language: mkdocs-static-i18n writes one index for every
  language; after the build it is split into one index per language folder, and the
  pages of a non-default language get that folder as their ``config.base``, which
  Material uses only to find the search index and resolve its results.
- Names Material's search dialog (axe-core: aria-dialog-name).
"""

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

from docs_harness import LANGUAGES

SEARCH_DIALOG_NAME = {"ja": "検索", "en": "Search"}
HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
CONFIG_BASE = re.compile(r'("base": ")([^"]*)(")')
ROOT_ABSOLUTE_SWITCH = re.compile(r'(<a href=")/([^"]*)(" hreflang=")')


def on_post_page(output: str, page, config) -> str:
    output = _without_head_alternates(output)
    # the home pages' language links are root-absolute ("/en/"): make them relative, for sub-path hosting
    to_root = CONFIG_BASE.search(output)[2]
    site_path = urlsplit(config["site_url"] or "/").path.lstrip("/")
    output = ROOT_ABSOLUTE_SWITCH.sub(lambda m: f"{m[1]}{to_root}/{m[2].removeprefix(site_path)}{m[3]}", output)
    language = page.file.src_uri.split("/")[0]
    output = _name_search_dialog(output, language)
    if language != LANGUAGES[0]:  # search from the language's own folder
        output = CONFIG_BASE.sub(lambda m: f"{m[1]}{m[2]}/{language}/{m[3]}", output, count=1)
    return output


def on_post_template(output: str, template_name: str, config) -> str:
    if template_name != "404.html":
        return output
    return _name_search_dialog(_without_head_alternates(output), LANGUAGES[0])


def _without_head_alternates(output: str) -> str:
    head, separator, body = output.partition("</head>")
    return HEAD_ALTERNATE.sub("", head) + separator + body


def _name_search_dialog(output: str, language: str) -> str:
    """Material's search dialog has no accessible name (axe-core: aria-dialog-name)."""
    name = SEARCH_DIALOG_NAME[language]
    return output.replace('data-md-component="search" role="dialog">', f'data-md-component="search" role="dialog" aria-label="{name}">', 1)


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language and written the index
def on_post_build(config) -> None:
    if getattr(config.plugins.get("i18n"), "building", False):  # one language's build, inside the main one
        return
    site = Path(config["site_dir"])
    index_file = site / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in index["docs"]
            if _language_of(doc["location"]) == language
        ]
        lang = [language] if language != LANGUAGES[0] else index["config"]["lang"]
        target = site / prefix / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "config": {**index["config"], "lang": lang}, "docs": docs}, ensure_ascii=False), encoding="utf-8")


def _language_of(location: str) -> str:
    """An index entry's language, from its location: "en/client/sharing/#x" -> "en"; others the default."""
    folder = location.split("/", 1)[0]
    return folder if folder in LANGUAGES[1:] else LANGUAGES[0]
