"""Every page of the built site, in both languages, in a real Chromium, as readers get it.

Served under a sub-path, as GitHub Pages serves it (a missing path gets the root 404.html).
Each page is read at 1280 px and at 390 px: it loads from its own origin only, opens every
tab group on Python, shows each example's verdict and exact error before its code, keeps
code unscrolled and as large as elsewhere, leaves no stray space between Japanese characters,
and stays usable on a phone. Then: axe-core in both palettes (each code colour once, on the
blocks that show them all), the language switcher (anchor kept), linked and remembered tabs,
identifier search in both languages, the 404 per language.
Screenshots are left in test-artifacts/screenshots/.
"""

import contextlib
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from code_colours import blocks_showing_every_code_colour, code_blocks

from browsing import watch
from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.boxes import anchor_id
from docs_harness.fences import parse_examples
from docs_harness.labels import LABELS
from docs_harness.pages import Page, all_pages

pytestmark = pytest.mark.browser

PAGES = [page.path for page in all_pages(LANGUAGES[0])]
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
SERIOUS = {"serious", "critical"}
PALETTES = (("light", "default"), ("dark", "slate"))  # the reader's scheme, Material's palette name
CONTRAST_ONLY = {"runOnly": ["color-contrast"]}
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
TAB_ORDER = {
    "ja": ["Python（同期 API）", "Python（asyncio API）", "Go"],
    "en": ["Python (sync API)", "Python (asyncio API)", "Go"],
}
STRAY_SPACE = re.compile(r"[\u3001\u3002\u3040-\u30ff\u4e00-\u9fff][ \t]+[\u3040-\u30ff\u4e00-\u9fff]|[、。][ \t]")


@contextlib.contextmanager
def opened(browser, url: str, **context_options):
    """A fresh context and page that records what it loads, at url."""
    context = browser.new_context(**{"viewport": DESKTOP, **context_options})
    try:
        page = context.new_page()
        watch(page)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        yield page
    finally:
        context.close()


def foreign_requests(page, site_url) -> list[str]:
    origin = re.match(r"https?://[^/]+", site_url)[0]
    return [url for url in page.requests if not url.startswith((origin + "/", "data:", "blob:"))]


def assert_clean(page, site_url) -> None:
    assert page.console_errors == []
    assert page.failed == []
    assert foreign_requests(page, site_url) == []


CODE_COLOUR_SHARDS = 4  # the pages holding the chosen code blocks, checked side by side; first, as the longest


@pytest.fixture(scope="session")
def code_colour_blocks(built_site) -> list[tuple[str, list[int]]]:
    return sorted(blocks_showing_every_code_colour(built_site).items())


@pytest.mark.parametrize("shard", range(CODE_COLOUR_SHARDS))
def test_every_code_colour_has_contrast_in_both_palettes(in_browser, site_url, code_colour_blocks, shard):
    assert code_colour_blocks, "no code block on any page"
    pages = code_colour_blocks[shard::CODE_COLOUR_SHARDS]
    if not pages:
        pytest.skip(f"{len(code_colour_blocks)} pages hold a block with a colour of its own")
    for path, blocks in pages:
        in_browser(lambda browser, path=path, blocks=blocks: _code_contrast(browser, f"{site_url}/{path}", blocks))


def _code_contrast(browser, url: str, blocks: list[int]) -> None:
    with opened(browser, url, color_scheme="light") as page:
        page.add_style_tag(content=".tabbed-set > .tabbed-content > .tabbed-block { display: block !important }")
        marked = page.evaluate(
            """blocks => { const all = document.querySelectorAll('.highlight');
                           blocks.forEach(i => all[i].setAttribute('data-colour-check', ''));
                           return all.length; }""",
            blocks,
        )
        assert marked == len(code_blocks(page.content())), f"{url}: the page's code blocks differ from the built file"
        for scheme, palette in PALETTES:
            _choose_palette(page, palette)
            where = f"{url} (code blocks {blocks}, every tab shown)"
            _no_serious_violation(
                page, where, f"the {scheme} palette", CONTRAST_ONLY, {"include": [["[data-colour-check]"]]}
            )


# What a reader sees ----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", PAGES)
def test_a_page_reads_right_on_a_desktop_and_on_a_phone(in_browser, site_url, language, doc):
    in_browser(lambda browser: _reads_right(browser, site_url, Page(language, doc)))


def _reads_right(browser, site_url, doc: Page) -> None:
    with opened(browser, site_url + doc.site_path) as page:
        assert page.locator("html").get_attribute("lang") == doc.language
        _tabs_open_on_python(page, doc.language)
        _boxes_put_the_verdict_first(page, doc)
        for label in TAB_ORDER[doc.language]:  # linked tabs: one click shows that API everywhere
            if page.locator(".tabbed-labels label", has_text=label).count():
                page.locator(".tabbed-labels label", has_text=label).first.click()
            _code_fits(page, doc, label)
        if doc.language == "ja":
            _japanese_reads_right(page, doc)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        python_first = page.locator(".tabbed-labels label", has_text=TAB_ORDER[doc.language][0])
        if python_first.count():
            python_first.first.click()
        page.screenshot(path=SCREENSHOTS / f"{doc.slug}-1280.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.wait_for_timeout(100)
        overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{doc.name}: the page scrolls sideways by {overflow} px at 390 px"
        _rule_tables_are_cards(page, doc)
        page.screenshot(path=SCREENSHOTS / f"{doc.slug}-390.png", full_page=True)
        assert_clean(page, site_url)


def _tabs_open_on_python(page, language: str) -> None:
    groups = page.locator(".tabbed-set")
    for index in range(groups.count()):
        labels = groups.nth(index).locator(":scope > .tabbed-labels > label").all_inner_texts()
        expected = [label for label in TAB_ORDER[language] if label in labels]
        assert labels == expected, f"tab group {index + 1}: {labels} (Python first, then asyncio, then Go)"
        checked = groups.nth(index).locator(":scope > input:checked")
        assert checked.count() == 1 and groups.nth(index).locator(":scope > input").first.is_checked()


def _boxes_put_the_verdict_first(page, doc: Page) -> None:
    """In each example box: the verdict title, then (if forbidden) the exact error, then the code."""
    for example in parse_examples(doc):
        box = page.locator(f".verdict-box:has(> .admonition-title > #{anchor_id(example)})")
        assert box.count() == 1, f"{example.location}: no verdict box"
        order = box.evaluate(
            """box => [...box.querySelectorAll('.admonition-title, .error-text, .highlight .filename')]
                      .map(e => e.classList.contains('admonition-title') ? 'verdict'
                              : e.classList.contains('error-text') ? 'error' : 'code')"""
        )
        loud = example.expectation.raises is not None and not example.expectation.silent  # an error text to show
        expected = ["verdict", "error", "code"] if loud else ["verdict", "code"]
        assert order == expected, f"{example.location}: {order}"
        title = box.locator(".admonition-title").inner_text()
        labels = LABELS[doc.language]
        assert title.startswith(labels["ok"] if example.expectation.succeeds else labels["forbidden"]), title


def _code_fits(page, doc: Page, tab: str) -> None:
    """Visible code does not scroll sideways at 1280 px; example code is as large as other code;
    the copy button does not cover a code line."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('.md-content pre > code')].filter(c => c.offsetParent).map(c => ({
            scrolls: c.scrollWidth - c.clientWidth,
            inBox: !!c.closest('.verdict-box'),
            size: parseFloat(getComputedStyle(c).fontSize),
            first: (c.textContent.split('\\n')[0] || '').slice(0, 40),
            covered: (() => { const nav = c.closest('.highlight')?.querySelector('.md-code__nav');
                              if (!nav || !c.firstChild) return false;
                              const r = document.createRange(); r.selectNodeContents(c); const line = r.getClientRects()[0];
                              const b = nav.getBoundingClientRect();
                              return !!line && b.bottom > line.top && b.top < line.bottom && b.left < line.right; })()
        }))"""
    )
    for code in found:
        assert code["scrolls"] <= 0, (
            f"{doc.name} ({tab}): code scrolls sideways by {code['scrolls']} px: {code['first']!r}"
        )
        assert code["size"] >= 13, f"{doc.name}: code at {code['size']} px: {code['first']!r}"
    sizes = {code["inBox"]: code["size"] for code in found}
    if True in sizes and False in sizes:
        assert sizes[True] >= sizes[False], (
            f"{doc.name}: example code at {sizes[True]} px, other code at {sizes[False]} px"
        )


def _japanese_reads_right(page, doc: Page) -> None:
    texts = page.locator(".md-content article").evaluate(
        """article => [...article.querySelectorAll('p, li, h1, h2, h3, td, th, .admonition-title')]
                      .filter(e => !e.closest('pre, code')).map(e => e.innerText)"""
    )
    stray = [m.group(0) + f" in {text[:60]!r}" for text in texts for m in STRAY_SPACE.finditer(text)]
    assert stray == [], f"{doc.name}: a space between Japanese characters"
    assert page.locator('[title="Permanent link"]').count() == 0
    assert "Switch to" not in page.content()


def _rule_tables_are_cards(page, doc: Page) -> None:
    tables = page.locator(".rules-table table")
    for index in range(tables.count()):
        table = tables.nth(index)
        assert table.evaluate("t => getComputedStyle(t).display") == "block", (
            "rule table rows should be cards at 390 px"
        )
        assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "a rule card is wider than the phone"
        label = table.locator("td").first.evaluate("td => getComputedStyle(td, '::before').content")
        assert label not in ("none", "normal", ""), "a card cell shows no column label"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("doc", PAGES)
def test_no_serious_accessibility_violation_in_either_palette(in_browser, site_url, language, doc):
    in_browser(lambda browser: _accessible(browser, site_url, Page(language, doc)))


def _accessible(browser, site_url, doc: Page) -> None:
    with opened(browser, site_url + doc.site_path, color_scheme="light") as page:
        _no_serious_violation(page, doc.name, "either palette", {"rules": {"color-contrast": {"enabled": False}}})
        for scheme, palette in PALETTES:
            _choose_palette(page, palette)
            # code colours: test_every_code_colour_has_contrast_in_both_palettes
            _no_serious_violation(
                page, doc.name, f"the {scheme} palette", CONTRAST_ONLY, context={"exclude": [[".highlight"]]}
            )


def _choose_palette(page, palette: str) -> None:
    if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != palette:
        page.locator('form[data-md-component="palette"] label:visible').first.click()  # the reader's toggle
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{palette}'")


def _no_serious_violation(page, where: str, when: str, options: dict, context=None) -> None:
    result = Axe().run(page, context=context, options={"resultTypes": ["violations"], **options})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in SERIOUS
    ]
    assert serious == [], f"{where} in {when}"


# Moving around ---------------------------------------------------------------------------


@pytest.mark.parametrize("doc", PAGES)
def test_the_switcher_lands_on_the_twin_at_the_same_anchor_and_back(in_browser, site_url, doc):
    in_browser(lambda browser: _switches(browser, site_url, Page(LANGUAGES[0], doc)))


def _switches(browser, site_url, doc: Page) -> None:
    second = doc.twin(LANGUAGES[1])
    with opened(browser, site_url + doc.site_path) as page:
        anchors = page.locator(".md-content h2[id]").evaluate_all("hs => hs.map(h => h.id)")
        anchor = f"#{anchors[-1]}" if anchors else ""
        page.goto(site_url + doc.site_path + anchor)
        title = page.locator("h1").first.inner_text()
        page.locator(f'.md-select a[hreflang="{second.language}"]').first.dispatch_event("click")
        page.wait_for_url(site_url + second.site_path + anchor)
        assert page.locator("html").get_attribute("lang") == second.language
        assert page.locator("h1").first.inner_text() != title
        page.locator(f'.md-select a[hreflang="{doc.language}"]').first.dispatch_event("click")
        page.wait_for_url(site_url + doc.site_path + anchor)
        assert page.locator("h1").first.inner_text() == title
        assert_clean(page, site_url)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_readers_tab_choice_holds_on_every_page_and_the_next_visit(in_browser, site_url, language):
    in_browser(lambda browser: _tabs_remembered(browser, site_url, language))


def _tabs_remembered(browser, site_url, language: str) -> None:
    asyncio_label = TAB_ORDER[language][1]
    first, other = Page(language, "client/streams.md"), Page(language, "server/streams.md")
    with opened(browser, site_url + first.site_path) as page:
        page.locator(".tabbed-labels label", has_text=asyncio_label).first.click()
        for url in (site_url + other.site_path, site_url + first.site_path):  # another page, then a new visit
            page.goto(url)
            page.wait_for_load_state("networkidle")
            chosen = page.locator(".tabbed-set").evaluate_all(
                """sets => sets.filter(s => [...s.querySelectorAll(':scope > .tabbed-labels > label')]
                            .some(l => l.innerText.includes('asyncio')))
                          .map(s => s.querySelector(':scope > .tabbed-labels > label:nth-of-type(' +
                              ([...s.querySelectorAll(':scope > input')].findIndex(i => i.checked) + 1) + ')').innerText)"""
            )
            assert chosen and set(chosen) == {asyncio_label}, f"{url}: {chosen}"
        assert_clean(page, site_url)


@pytest.mark.parametrize(
    ("path", "query", "found"),
    [
        ("/", "DEADLINE_EXCEEDED", "errors/"),
        ("/", "done_writing", "client/streams/"),
        ("/", "run_coroutine_threadsafe", "client/sharing/"),
        ("/", "Exception iterating requests", "errors/"),
        ("/", "RESOURCE_EXHAUSTED", "errors/"),
        ("/", "grpc.aio.AioRpcError", "errors/"),
        ("/", "スレッド", ""),
        ("/", "キャンセル", ""),
        ("/en/", "RESOURCE_EXHAUSTED", "en/errors/"),
        ("/en/", "multiprocessing", "en/processes/"),
        ("/en/", "Cancelling all calls", "en/errors/"),
        ("/en/", "done_writing", "en/client/streams/"),
        ("/en/", "thread", ""),
    ],
)
def test_search_finds_identifiers_and_error_texts_in_the_readers_language(in_browser, site_url, path, query, found):
    in_browser(lambda browser: _searches(browser, site_url, path, query, found))


def _searches(browser, site_url, path, query, found) -> None:
    language_root = "/en/" if path.startswith("/en/") else "/"
    with opened(browser, site_url + path) as page:
        search = page.locator(".md-search__input")
        search.click()
        search.fill(query)
        search.press("End")  # Material searches on keyup
        results = page.locator(".md-search-result__item > a")
        results.first.wait_for()
        links = [results.nth(i).get_attribute("href") for i in range(results.count())]
        for link in links:
            assert link.startswith(site_url + language_root), link
            if language_root == "/":
                assert not link.startswith(site_url + "/en/"), link
        assert any(link.startswith(f"{site_url}/{found}") for link in links[:3]), f"{query!r}: {links[:3]}"
        preview = page.locator(".md-search-result__article").first.inner_text()
        assert preview.strip() and not preview.lstrip().startswith(("|", "✓", "✗")), preview[:80]
        assert_clean(page, site_url)


@pytest.mark.parametrize(("language", "text"), [("ja", "ページが見つかりません"), ("en", "Page not found")])
def test_a_missing_page_gets_the_404_in_its_language_with_links_home(in_browser, site_url, language, text):
    in_browser(lambda browser: _not_found(browser, site_url, language, text))


def _not_found(browser, site_url, language: str, text: str) -> None:
    prefix = "" if language == LANGUAGES[0] else f"/{language}"
    missing = f"{site_url}{prefix}/no/such/page/"
    with opened(browser, missing) as page:  # the host answers 404 with the root 404.html
        page.wait_for_function(f"document.documentElement.lang === '{language}'")
        assert text in page.locator("article").inner_text()
        assert page.url == missing
        homes = {
            link.get_attribute("hreflang"): urlsplit(link.evaluate("a => a.href")).path
            for link in page.locator(".md-select a[hreflang]").all()
        }
        base = urlsplit(site_url).path
        assert homes == {lang: Page(lang, "index.md").site_path.replace("/", f"{base}/", 1) for lang in LANGUAGES}
        assert page.failed == [f"404 {missing}"]
        page.failed.clear()
        page.console_errors.clear()
        assert foreign_requests(page, site_url) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_title_is_the_sites_name(in_browser, site_url, language):
    in_browser(lambda browser: _home_title(browser, site_url, Page(language, "index.md")))


def _home_title(browser, site_url, home: Page) -> None:
    with opened(browser, site_url + home.site_path) as page:
        assert page.title() == page.locator(".md-header__topic").first.inner_text().strip()
