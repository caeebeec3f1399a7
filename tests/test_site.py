"""The real site: mkdocs build --strict, what examples show, and the build refusing bad input."""

import pytest

from conftest import mkdocs
from docs_harness import LANGUAGES
from docs_harness.boxes import anchor_id
from docs_harness.fences import parse_examples
from docs_harness.pages import Page, all_pages

PAGES = [page.path for page in all_pages(LANGUAGES[0])]


def test_both_languages_are_built(built_site):
    assert (built_site / "index.html").is_file()
    assert (built_site / "en" / "index.html").is_file()
    assert (built_site / "client" / "sharing" / "index.html").is_file()
    assert (built_site / "en" / "client" / "sharing" / "index.html").is_file()


def built_page(site, language: str, page: str):
    return (site / Page(language, page).site_path.lstrip("/") / "index.html").read_text()


KINDS = {"ok": "success", "forbidden": "danger", "silent": "warning"}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_every_example_is_shown_in_its_verdict_box(built_site, language, page):
    examples = parse_examples(Page(language, page))
    html = built_page(built_site, language, page)
    for verdict, kind in KINDS.items():
        assert html.count(f'class="admonition {kind} verdict-box"') == sum(
            e.expectation.verdict == verdict for e in examples
        )
    for example in examples:
        assert f"id='{anchor_id(example)}'" in html or f'id="{anchor_id(example)}"' in html
        assert example.snippet in html


def test_a_forbidden_example_shows_its_verdict_and_the_exact_error_before_its_code(built_site):
    ja = built_page(built_site, "ja", "client/sharing.md")
    en = built_page(built_site, "en", "client/sharing.md")
    for html, verdict in ((ja, "禁止"), (en, "Forbidden")):
        box = html[html.index("example-other-thread-loop-aio") :]
        title = box.index(f"</span>{verdict} — <code>RuntimeError</code></p>")
        error = box.index("RuntimeError: Task &lt;Task pending name='Task-…'")
        code = box.index('<span class="filename">snippets/client/sharing/other_thread_loop_aio.py</span>')
        assert title < error < code
    assert "run_coroutine_threadsafe" in ja  # the snippet's code is included
    assert "400 replies from 8 threads" in en  # and its expected output


def test_a_page_without_its_translation_stops_the_build(project_copy):
    (project_copy / "docs" / "en" / "client" / "sharing.md").unlink()
    build = mkdocs(project_copy, "build", "--strict")
    assert build.returncode != 0
    assert (
        "pages without their translation: docs/en/client/sharing.md (twin of docs/ja/client/sharing.md)" in build.stderr
    )


def test_a_missing_include_stops_the_build_naming_the_file(project_copy):
    (project_copy / "snippets" / "client" / "sharing" / "shared_channel_aio.py").unlink()
    build = mkdocs(project_copy, "build", "--strict")
    assert build.returncode != 0
    assert "included file not found: snippets/client/sharing/shared_channel_aio.py" in build.stderr


def test_mkdocs_serve_rebuilds_when_a_snippet_changes(project_copy):
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    project = project_copy
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )

    def page_text() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/client/sharing/", timeout=5) as response:
                return response.read().decode()
        except OSError:
            return ""

    def eventually(condition, seconds=60) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return True
            time.sleep(0.5)
        return False

    try:
        assert eventually(lambda: "shared_channel_aio.py" in page_text())
        snippet = project / "snippets" / "client" / "sharing" / "shared_channel_aio.py"
        snippet.write_text(snippet.read_text() + "# a change the reader should see\n")
        assert eventually(lambda: "# a change the reader should see" in page_text())
    finally:
        serve.terminate()
        serve.wait(timeout=10)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_performance_page_shows_the_committed_benchmark_results(built_site, language):
    import json
    import re

    from benchmarks import report

    results = json.loads(report.DEFAULT_RESULTS.read_text(encoding="utf-8"))
    ratios = set(re.findall(r"\d+\.\d+×", report.render(results, language)))
    html = built_page(built_site, language, "performance.md")
    assert ratios and {ratio for ratio in ratios if ratio not in html} == set()
    assert html.count('class="bench-chart"') == len([q for q in results["questions"] if q in report.TITLES])


def test_every_example_box_links_to_its_snippet_in_the_repository(built_site):
    for page in all_pages():
        html = built_page(built_site, page.language, page.path)
        for example in parse_examples(page):
            assert f'href="https://github.com/example/grpc-python-concurrency/blob/main/{example.snippet}"' in html
