"""Fixes to the HTML that Material and mkdocs-static-i18n write, each one failing loudly.

Each patch says what it expects to find. When a new Material or mkdocs-static-i18n writes
its HTML differently, a patch does not fail silently: ``PatchDidNotMatch`` stops the build
and names the patch, the page and the pattern. ``tests/test_html_patches.py`` runs every
patch on HTML saved from a real build (``tests/data/``).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from docs_harness import LANGUAGES

DEFAULT_LANGUAGE = LANGUAGES[0]


class PatchDidNotMatch(RuntimeError):
    pass


@dataclass(frozen=True)
class Context:
    """What a patch needs to know about the page it patches."""

    language: str
    labels: dict[str, str]
    to_root: str = "."  # the relative path from the page to the site's root
    site_path: str = ""  # the site's path under its host, without slashes: "grpc-python-concurrency"


@dataclass(frozen=True)
class Patch:
    name: str
    why: str
    pattern: re.Pattern
    replace: Callable[[re.Match, Context], str]
    first_only: bool = False

    def apply(self, html: str, where: str, context: Context, required: bool = True) -> str:
        patched, found = self.pattern.subn(lambda m: self.replace(m, context), html, count=1 if self.first_only else 0)
        if required and not found:
            raise PatchDidNotMatch(
                f"{where}: the HTML patch '{self.name}' ({self.why}) found nothing to change; "
                f"Material or mkdocs-static-i18n writes this part differently now. Pattern: {self.pattern.pattern}"
            )
        return patched


HEAD_ALTERNATES = Patch(
    "head alternates",
    "Material fetches a sitemap.xml next to every <link rel=alternate>, which mkdocs-static-i18n points at pages",
    re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?'),
    lambda m, c: "",
)

SEARCH_DIALOG_NAME = Patch(
    "search dialog name",
    "Material's search dialog has no accessible name (axe-core: aria-dialog-name)",
    re.compile(r'(data-md-component="search" role="dialog")>'),
    lambda m, c: f'{m[1]} aria-label="{c.labels["search_dialog"]}">',
    first_only=True,
)

SEARCH_FROM_LANGUAGE_FOLDER = Patch(
    "search base",
    "a page of a non-default language searches its language's own index, which Material finds from config.base",
    re.compile(r'("base": ")([^"]*)(")'),
    lambda m, c: f"{m[1]}{m[2]}/{c.language}/{m[3]}",
    first_only=True,
)

RELATIVE_LANGUAGE_LINKS = Patch(
    "relative language links",
    "mkdocs-static-i18n writes the home pages' language links root-absolute, which breaks under a sub-path",
    re.compile(r'(<a href=")/([^"]*)(" hreflang=")'),
    lambda m, c: f"{m[1]}{c.to_root}/{m[2].removeprefix(c.site_path + '/') if c.site_path else m[2]}{m[3]}",
)

PERMALINK_TITLE = Patch(
    "permalink title",
    "the toc extension gives every language the permalink title 'Permanent link'",
    re.compile(r'title="Permanent link"'),
    lambda m, c: f'title="{c.labels["permalink"]}"',
)

PALETTE_TOGGLE_NAMES = Patch(
    "palette toggle names",
    "mkdocs.yml gives the palette toggles one name for every language",
    re.compile(r"Switch to (dark|light) mode"),
    lambda m, c: c.labels[f"{m[1]}_mode"],
)

LANGUAGE_LINKS_TO_HOMES = Patch(
    "404 language links",
    "on the 404 page the language links point at whatever page was rendered last: they lead to each language's home",
    re.compile(r'(<a href=")[^"]*(" hreflang="(\w+)")'),
    lambda m, c: (
        f"{m[1]}/{c.site_path + '/' if c.site_path else ''}{'' if m[3] == DEFAULT_LANGUAGE else m[3] + '/'}{m[2]}"
    ),
)

CONFIG_BASE = re.compile(r'"base": "([^"]*)"')
HTML_LANGUAGE = re.compile(r'<html lang="(\w+)"')


def html_language(html: str, where: str) -> str:
    found = HTML_LANGUAGE.search(html)
    if found is None:
        raise PatchDidNotMatch(f"{where}: no <html lang=...>: Material writes it differently now")
    return found[1]


def to_root(html: str, where: str) -> str:
    """The page's relative path to the site root, as Material writes it in its config."""
    found = CONFIG_BASE.search(html)
    if found is None:
        raise PatchDidNotMatch(f'{where}: no "base" in Material\'s page config: Material writes it differently now')
    return found[1]
