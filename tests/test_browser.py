"""Every page of the built site, in both languages, in a real Chromium, as readers get it.

Served under a sub-path (as on GitHub Pages), so a root-absolute link would break. Each
page must load cleanly from its own origin only, switch to its twin and back, carry copy
buttons and its verdict boxes, pass axe-core (no serious or critical violation) in the
light and dark palettes, and leave a screenshot in test-artifacts/screenshots/.
"""

import contextlib
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import watch
from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.fences import parse_examples
from docs_harness.pages import Page, all_pages

pytestmark = pytest.mark.browser

PAGES = [page.path for page in all_pages(LANGUAGES[0])]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
VERDICT_TITLES = {"ja": ("OK", "禁止"), "en": ("OK", "Forbidden")}
SERIOUS = {"serious", "critical"}


@contextlib.contextmanager
def opened(browser, url: str, **context_options):
    """A fresh context and page that records what it loads, at url."""
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        watch(page)
        page.goto(url)
        yield page
    finally:
        context.close()


def heading(page) -> str:
    return page.locator("h1").first.inner_text().removesuffix("¶").strip()


def foreign_requests(page, site_url) -> list[str]:
    origin = re.match(r"https?://[^/]+", site_url)[0]
    return [url for url in page.requests if not url.startswith((origin + "/", "data:", "blob:"))]


def assert_clean(page, site_url) -> None:
    assert page.console_errors == []
    assert page.failed == []
    assert foreign_requests(page, site_url) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", PAGES)
def test_page_loads_cleanly_with_its_examples_marked(in_browser, site_url, language, doc):
    in_browser(lambda browser: _loads_cleanly(browser, site_url, Page(language, doc)))


def _loads_cleanly(browser, site_url, doc: Page) -> None:
    with opened(browser, site_url + doc.site_path) as page:
        page.wait_for_load_state("networkidle")
        assert page.locator("html").get_attribute("lang") == doc.language
        examples = parse_examples(doc)
        ok, forbidden = VERDICT_TITLES[doc.language]
        titles = page.locator(".admonition-title").all_inner_texts()
        assert titles.count(ok) == sum(e.expectation.succeeds for e in examples)
        assert titles.count(forbidden) == sum(not e.expectation.succeeds for e in examples)
        if page.locator("pre > code").count():
            assert page.locator("button.md-code__button[title]").count() >= page.locator("pre > code").count()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{doc.slug}.png", full_page=True)
        assert_clean(page, site_url)


@pytest.mark.parametrize("doc", PAGES)
def test_the_switcher_lands_on_the_same_page_and_back(in_browser, site_url, doc):
    in_browser(lambda browser: _switches(browser, site_url, Page(LANGUAGES[0], doc)))


def _switches(browser, site_url, doc: Page) -> None:
    second = doc.twin(LANGUAGES[1])
    with opened(browser, site_url + doc.site_path) as page:
        title = heading(page)
        page.locator(f'.md-select a[hreflang="{second.language}"]').first.dispatch_event("click")
        page.wait_for_url(site_url + second.site_path)
        assert page.locator("html").get_attribute("lang") == second.language
        assert heading(page) != title
        page.locator(f'.md-select a[hreflang="{doc.language}"]').first.dispatch_event("click")
        page.wait_for_url(site_url + doc.site_path)
        assert heading(page) == title
        assert_clean(page, site_url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", PAGES)
def test_no_serious_accessibility_violation(in_browser, site_url, scheme, language, doc):
    in_browser(lambda browser: _accessible(browser, site_url, Page(language, doc), scheme))


def _accessible(browser, site_url, doc: Page, scheme: str) -> None:
    with opened(browser, site_url + doc.site_path, color_scheme=scheme) as page:
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = Axe().run(page).response["violations"]
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["impact"] in SERIOUS
        ]
        assert serious == []


@pytest.mark.parametrize(
    ("path", "query", "language_root"),
    [
        ("/", "スレッド", "/"),
        ("/client/sharing/", "チャネル", "/"),
        ("/", "並行", "/"),
        ("/pitfalls/", "ストリーム", "/"),
        ("/server/handlers/", "キャンセル", "/"),
        ("/en/", "thread", "/en/"),
        ("/en/client/sharing/", "channel", "/en/"),
        ("/en/pitfalls/", "cancel", "/en/"),
    ],
)
def test_search_finds_pages_of_the_readers_language_only(in_browser, site_url, path, query, language_root):
    in_browser(lambda browser: _searches(browser, site_url, path, query, language_root))


def _searches(browser, site_url, path, query, language_root) -> None:
    with opened(browser, site_url + path) as page:
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
            if language_root == "/":
                assert not link.startswith(site_url + "/en/"), link
        assert_clean(page, site_url)


def test_the_404_page_speaks_both_languages_and_leads_home(in_browser, site_url):
    in_browser(lambda browser: _not_found(browser, site_url))


def _not_found(browser, site_url) -> None:
    missing = site_url + "/no/such/page/"
    with opened(browser, missing) as page:  # the host answers 404 with 404.html, as GitHub Pages does
        page.wait_for_load_state("networkidle")
        assert page.failed == [f"404 {missing}"]
        assert page.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        page.failed.clear()
        page.console_errors.clear()
        assert "ページが見つかりません" in page.locator('section[lang="ja"]').inner_text()
        assert "Page not found" in page.locator('section[lang="en"]').inner_text()
        page.locator('section[lang="en"] a').click()
        page.wait_for_url(site_url + "/en/")
        assert page.locator("html").get_attribute("lang") == "en"
        assert_clean(page, site_url)
