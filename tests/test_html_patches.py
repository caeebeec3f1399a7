"""Each HTML patch on HTML that Material and mkdocs-static-i18n wrote (tests/data/material-*.html,
saved from a build before the patches ran): it changes what it should, and fails loudly when
its pattern is gone."""

from pathlib import Path

import pytest

from docs_harness import html_patches as patches
from docs_harness.labels import LABELS

DATA = Path(__file__).parent / "data"


def saved(name: str) -> str:
    return (DATA / f"material-{name}.html").read_text(encoding="utf-8")


def context(language: str, html: str) -> patches.Context:
    return patches.Context(language, LABELS[language], patches.to_root(html, "saved"), "grpc-python-concurrency")


def test_head_alternates_go_and_the_switcher_stays():
    html = saved("ja-client-sharing")
    head = html.partition("</head>")[0]
    assert '<link rel="alternate"' in head
    patched = patches.HEAD_ALTERNATES.apply(head, "saved", context("ja", html))
    assert '<link rel="alternate"' not in patched
    assert 'hreflang="en"' in html.partition("</head>")[2]  # the language switcher, in the body


def test_the_home_pages_language_links_become_relative():
    html = saved("en-home")
    patched = patches.RELATIVE_LANGUAGE_LINKS.apply(html, "saved", context("en", html))
    assert 'href="/grpc-python-concurrency/en/" hreflang="en"' in html
    assert 'href="../" hreflang="ja"' in patched and 'href="../en/" hreflang="en"' in patched


def test_the_search_dialog_gets_a_name_in_the_pages_language():
    for name, language in (("ja-client-sharing", "ja"), ("en-client-sharing", "en")):
        html = saved(name)
        patched = patches.SEARCH_DIALOG_NAME.apply(html, "saved", context(language, html))
        assert f'role="dialog" aria-label="{LABELS[language]["search_dialog"]}"' in patched


def test_an_english_page_searches_the_english_index():
    html = saved("en-client-sharing")
    patched = patches.SEARCH_FROM_LANGUAGE_FOLDER.apply(html, "saved", context("en", html))
    assert '"base": "../../../en/"' in patched


def test_japanese_pages_get_the_themes_texts_in_japanese():
    html = saved("ja-client-sharing")
    patched = patches.PERMALINK_TITLE.apply(html, "saved", context("ja", html))
    patched = patches.PALETTE_TOGGLE_NAMES.apply(patched, "saved", context("ja", html))
    assert "Permanent link" not in patched and 'title="この見出しへのリンク"' in patched
    assert "Switch to" not in patched and "ダークモードに切り替える" in patched


@pytest.mark.parametrize(
    "patch",
    [
        patches.HEAD_ALTERNATES,
        patches.SEARCH_DIALOG_NAME,
        patches.SEARCH_FROM_LANGUAGE_FOLDER,
        patches.RELATIVE_LANGUAGE_LINKS,
        patches.PERMALINK_TITLE,
        patches.PALETTE_TOGGLE_NAMES,
    ],
    ids=lambda p: p.name,
)
def test_a_patch_whose_pattern_is_gone_stops_the_build_naming_itself(patch):
    with pytest.raises(patches.PatchDidNotMatch, match=f"docs/ja/x.md: the HTML patch '{patch.name}'"):
        patch.apply("<html><body>nothing Material writes</body></html>", "docs/ja/x.md", context("ja", saved("404")))


def test_a_page_without_materials_config_is_a_clear_error():
    with pytest.raises(patches.PatchDidNotMatch, match='no "base" in Material\'s page config'):
        patches.to_root("<html></html>", "docs/ja/x.md")
