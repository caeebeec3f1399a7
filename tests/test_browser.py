"""The built site in a real Chromium: both languages open, the switcher, only local requests."""

import re

import pytest

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator("h1").inner_text().removesuffix("¶")


def only_local(page, site_url):
    return [url for url in page.requests if not url.startswith((site_url, "data:", "blob:"))]


@pytest.mark.parametrize(("path", "lang", "title"), [("/", "ja", "gRPC Python 並行処理ガイド"), ("/en/", "en", "gRPC Python Concurrency Guide")])
def test_the_home_page_opens_in_each_language(page, site_url, path, lang, title):
    page.goto(site_url + path)
    assert page.locator("html").get_attribute("lang") == lang
    assert title in page.title()
    assert page.console_errors == [] and page.failed == []
    assert only_local(page, site_url) == []


def test_the_switcher_keeps_the_reader_on_the_example_page(page, site_url):
    page.goto(site_url + "/client/sharing/")
    assert heading(page) == "チャネルの共有"
    assert page.locator(".admonition.danger .admonition-title").first.inner_text() == "禁止"

    page.locator('.md-select a[hreflang="en"]').first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/en/client/sharing/$"))
    assert heading(page) == "Sharing a channel"
    assert page.locator(".admonition.danger .admonition-title").first.inner_text() == "Forbidden"

    page.locator('.md-select a[hreflang="ja"]').first.dispatch_event("click")
    page.wait_for_url(re.compile(r"/client/sharing/$"))
    assert heading(page) == "チャネルの共有"
    assert page.console_errors == [] and page.failed == []
    assert only_local(page, site_url) == []


@pytest.mark.parametrize(
    ("path", "query", "language_root"),
    [("/", "スレッド", "/"), ("/client/sharing/", "チャネル", "/"), ("/en/", "thread", "/en/"), ("/en/client/sharing/", "channel", "/en/")],
)
def test_search_finds_pages_of_the_readers_language_only(page, site_url, path, query, language_root):
    page.goto(site_url + path)
    search = page.locator(".md-search__input")
    search.click()
    search.fill(query)
    search.press("End")  # Material searches on keyup
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for()
    links = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert links
    for link in links:
        assert link.startswith(site_url + language_root), link
        assert language_root != "/" or not link.startswith(site_url + "/en/"), link
    assert page.console_errors == [] and page.failed == []
