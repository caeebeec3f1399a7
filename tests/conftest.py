import os
import subprocess
import sys
from pathlib import Path

import pytest

from docs_harness import PROJECT_ROOT

pytest_plugins = ["pytester"]


def mkdocs_build(config_dir: Path, site_dir: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=config_dir,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"SITE_URL": site_url} if site_url else {})},
    )


SUB_PATH = "/grpc-python-concurrency"  # hosted as on GitHub Pages: https://<owner>.github.io/<repo>/


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once with --strict as the deploy builds it (published under a sub-path)."""
    site = tmp_path_factory.mktemp("site")
    build = mkdocs_build(PROJECT_ROOT, site, site_url=f"https://example.github.io{SUB_PATH}/")
    assert build.returncode == 0, build.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on loopback under a sub-path, as a reader's browser gets it."""
    import functools
    import http.server
    import threading

    class UnderSubPath(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path):
            inside = path.startswith(SUB_PATH + "/")
            return super().translate_path(path[len(SUB_PATH):] if inside else "/no-such-file")

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (built_site / "404.html").read_bytes()  # what GitHub Pages does for a missing path
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    handler = functools.partial(UnderSubPath, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server")
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()
    server.server_close()
    thread.join()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as root, headless, with no traffic of Chromium's own
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")  # Playwright's sync API keeps an event loop running in this thread:
def browser():  # end it before the next module, whose examples call asyncio.run()
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: `./dev test` installs Debian's chromium"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, site_url):
    """A fresh page that records every request and every console error."""
    context = browser.new_context()
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.failed = []
    page.on(  # a load aborted by leaving the page is not a failure
        "requestfailed",
        lambda request: "ERR_ABORTED" not in (request.failure or "") and page.failed.append(f"{request.failure} {request.url}"),
    )
    page.on("response", lambda response: response.status >= 400 and page.failed.append(f"{response.status} {response.url}"))
    yield page
    context.close()
