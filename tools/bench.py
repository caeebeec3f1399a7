"""./dev bench: how fast the project's own machinery is, in figures and ratios.

    ./dev bench               every figure, 3 repeats each (min / median / max)
    ./dev bench --repeats 5
    ./dev bench --only build,pages

- test: the README's test command, whole and by phase (examples, other tests, browser), wall
  and CPU seconds, against its floor: max(the longest single example, CPU seconds / cores);
- naive: every example as its own `python snippet.py` with a server process of its own, one
  after another, against the examples phase;
- build: `mkdocs build --strict` of both languages against a plain Material build of the same
  Markdown (search plugin only, no i18n, no hooks);
- pages: each built page's transferred bytes (gzip-compressed, as GitHub Pages sends them) and
  DOMContentLoaded in headless Chromium, with a cold cache.
"""

import argparse
import functools
import gzip
import http.server
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from docs_harness import LANGUAGES, PROJECT_ROOT
from docs_harness.fences import parse_examples
from docs_harness.pages import all_pages
from guide_server import ADDRESS_VARIABLE
from guide_server.process import ServerProcess

CORES = os.cpu_count() or 1
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PLAIN_CONFIG = """site_name: plain
docs_dir: {docs}
theme: {{name: material, font: false}}
plugins: [search]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - toc: {{permalink: true}}
  - pymdownx.details
  - pymdownx.highlight
  - pymdownx.inlinehilite
  - pymdownx.snippets: {{base_path: {root}, check_paths: true}}
  - pymdownx.superfences
  - pymdownx.tabbed: {{alternate_style: true}}
"""


def timed(command: list[str], **kwargs) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU seconds (the command and its children) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, env=ENV, **kwargs)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 5):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout[-3000:]}{done.stderr[-2000:]}")
    return wall, cpu, done


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):7.1f} ({min(values):.1f}–{max(values):.1f})"


def bench_test(repeats: int) -> dict[str, list[float]]:
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly"]
    phases = {
        "examples": [*pytest, "docs", "--durations=1"],
        "other tests": [*pytest, "tests", "-m", "not browser"],
        "browser": [*pytest, "tests", "-m", "browser"],
        "whole command": [sys.executable, "-m", "pytest"],
    }
    figures: dict[str, list[float]] = {}
    for _ in range(repeats):
        longest = 0.0
        for name, command in phases.items():
            wall, cpu, done = timed(command)
            figures.setdefault(f"{name} wall s", []).append(wall)
            figures.setdefault(f"{name} CPU s", []).append(cpu)
            if name == "examples":
                found = re.search(r"^(\d+\.\d+)s call", done.stdout, re.M)
                longest = float(found[1]) if found else 0.0
                figures.setdefault("longest example s", []).append(longest)
            if name == "whole command":
                floor = max(longest, cpu / CORES)
                figures.setdefault("floor s", []).append(floor)
                figures.setdefault("whole ÷ floor", []).append(wall / floor)
    return figures


def bench_naive(repeats: int, ours: list[float] | None) -> dict[str, list[float]]:
    """Each example as a reader runs it, one after another: its own server, `python snippet.py`."""
    examples = [e for page in all_pages(LANGUAGES[0]) for e in parse_examples(page)]
    figures: dict[str, list[float]] = {}
    for _ in range(repeats):
        started = time.monotonic()
        for example in examples:
            with ServerProcess.start() as server:
                try:
                    subprocess.run(
                        [sys.executable, example.snippet],
                        cwd=PROJECT_ROOT,
                        env={**ENV, ADDRESS_VARIABLE: server.address},
                        capture_output=True,
                        timeout=example.timeout,
                    )
                except subprocess.TimeoutExpired:
                    pass  # an example that hangs on purpose
        figures.setdefault("naive, serial wall s", []).append(time.monotonic() - started)
    if ours:
        figures["naive ÷ ours (examples)"] = [n / statistics.median(ours) for n in figures["naive, serial wall s"]]
    return figures


def bench_build(repeats: int) -> dict[str, list[float]]:
    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as scratch:
        plain = Path(scratch) / "plain.yml"
        plain.write_text(PLAIN_CONFIG.format(docs=PROJECT_ROOT / "docs", root=PROJECT_ROOT))
        for _ in range(repeats):
            ours = timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", f"{scratch}/ours"])[:2]
            theirs = timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain), "-d", f"{scratch}/plain"])[
                :2
            ]
            figures.setdefault("ours wall s", []).append(ours[0])
            figures.setdefault("plain Material wall s", []).append(theirs[0])
            figures.setdefault("ours ÷ plain (wall)", []).append(ours[0] / theirs[0])
            figures.setdefault("ours ÷ plain (CPU)", []).append(ours[1] / theirs[1])
    return figures


def bench_pages(repeats: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(PROJECT_ROOT / "tests"))
    from browsing import CHROMIUM, CHROMIUM_ARGS

    figures: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as scratch:
        timed([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", scratch])
        handler = functools.partial(Quiet, directory=scratch)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for page in all_pages():
                    for _ in range(repeats):
                        context = browser.new_context()  # a cold cache every time
                        tab = context.new_page()
                        tab.goto(f"http://127.0.0.1:{server.server_port}{page.site_path}", wait_until="load")
                        tab.wait_for_load_state("networkidle")
                        kilobytes, loaded = tab.evaluate(
                            """() => { const nav = performance.getEntriesByType('navigation')[0];
                                const bytes = [nav, ...performance.getEntriesByType('resource')]
                                    .reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0);
                                return [bytes / 1024, nav.domContentLoadedEventEnd - nav.startTime]; }"""
                        )
                        figures.setdefault(f"{page.name} KB", []).append(kilobytes)
                        figures.setdefault(f"{page.name} DOMContentLoaded ms", []).append(loaded)
                        context.close()
                browser.close()
        finally:
            server.shutdown()
    return figures


class Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as GitHub Pages does: text gzip-compressed for a browser that accepts it."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (
            path.suffix in self.COMPRESSED and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev bench", description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="test,naive,build,pages", help="comma-separated: test, naive, build, pages")
    args = parser.parse_args(argv)
    chosen = args.only.split(",")
    print(f"./dev bench on {CORES} cores, {args.repeats} repeats: median (min–max)", flush=True)
    results: dict[str, list[float]] = {}
    for name, run in (
        ("test", lambda: bench_test(args.repeats)),
        ("naive", lambda: bench_naive(args.repeats, results.get("examples wall s"))),
        ("build", lambda: bench_build(args.repeats)),
        ("pages", lambda: bench_pages(args.repeats)),
    ):
        if name in chosen:
            figures = run()
            results.update(figures)
            print(f"\n[{name}]", flush=True)
            for key, values in figures.items():
                print(f"  {key:<55} {spread(values)}", flush=True)
    if "pages" in chosen:
        heaviest = max(statistics.median(v) for k, v in results.items() if k.endswith(" KB"))
        slowest = max(statistics.median(v) for k, v in results.items() if k.endswith(" ms"))
        print(
            f"\n  heaviest page {heaviest:.0f} KB (goal ≤ 600); slowest DOMContentLoaded {slowest:.0f} ms (goal < 300)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
