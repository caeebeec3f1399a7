"""Every page of the built site, in both languages, in a real Chromium, as readers get it.

Served under a sub-path (as on GitHub Pages), so a root-absolute link would break. Each
page must load cleanly from its own origin only, switch to its twin and back, carry copy
buttons and its verdict boxes, pass axe-core (no serious or critical violation) in the
light and dark palettes, and leave a screenshot in test-artifacts/screenshots/.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.fences import parse_examples
from docs_harness.pages import DOCS_DIR, pages, site_path

pytestmark = pytest.mark.browser

DOCS = DOCS_DIR
PAGES = pages()
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
VERDICT_TITLES = {"ja": ("OK", "禁止"), "en": ("OK", "Forbidden")}
SERIOUS = {"serious", "critical"}


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
def test_page_loads_cleanly_with_its_examples_marked(page, site_url, language, doc):
    page.goto(site_url + site_path(language, doc))
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == language
    examples = parse_examples((DOCS / language / doc).read_text(encoding="utf-8"), doc)
    ok, forbidden = VERDICT_TITLES[language]
    titles = page.locator(".admonition-title").all_inner_texts()
    assert titles.count(ok) == sum(e.expectation is None for e in examples)
    assert titles.count(forbidden) == sum(e.expectation is not None for e in examples)
    if page.locator("pre > code").count():
        assert page.locator("button.md-code__button[title]").count() >= page.locator("pre > code").count()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = f"{language}-{doc.removesuffix('.md').replace('/', '-')}.png"
    page.screenshot(path=SCREENSHOTS / name, full_page=True)
    assert_clean(page, site_url)


@pytest.mark.parametrize("doc", PAGES)
def test_the_switcher_lands_on_the_same_page_and_back(page, site_url, doc):
    first, second = LANGUAGES[0], LANGUAGES[1]
    page.goto(site_url + site_path(first, doc))
    title = heading(page)
    page.locator(f'.md-select a[hreflang="{second}"]').first.dispatch_event("click")
    page.wait_for_url(site_url + site_path(second, doc))
    assert page.locator("html").get_attribute("lang") == second
    assert heading(page) != title
    page.locator(f'.md-select a[hreflang="{first}"]').first.dispatch_event("click")
    page.wait_for_url(site_url + site_path(first, doc))
    assert heading(page) == title
    assert_clean(page, site_url)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", PAGES)
def test_no_serious_accessibility_violation(browser, site_url, scheme, language, doc):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site_url + site_path(language, doc))
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        violations = Axe().run(page).response["violations"]
        serious = [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in violations if v["impact"] in SERIOUS]
        assert serious == []
    finally:
        context.close()


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
        if language_root == "/":
            assert not link.startswith(site_url + "/en/"), link
    assert_clean(page, site_url)


def test_the_404_page_speaks_both_languages_and_leads_home(page, site_url):
    missing = site_url + "/no/such/page/"
    page.goto(missing)  # the host answers 404 with 404.html, as GitHub Pages does
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
