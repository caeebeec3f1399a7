"""Shared resources of the tests: the built site (once per run), its server, a browser per worker."""

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from browsing import BrowserThread
from docs_harness import PROJECT_ROOT

pytest_plugins = ["pytester"]

SUB_PATH = "/grpc-python-concurrency"  # hosted as on GitHub Pages: https://<owner>.github.io/<repo>/
HOSTED = {  # what the deploy workflow sets
    "SITE_URL": f"https://example.github.io{SUB_PATH}/",
    "REPO_URL": f"https://github.com/example{SUB_PATH}",
}
PROJECT_PARTS = (
    "docs",
    "snippets",
    "docs_harness",
    "overrides",
    "results",
    "mkdocs.yml",
    "pyproject.toml",
    "questions.yml",
)


def mkdocs(
    config_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=config_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of what the site is built from, to break on purpose."""
    for part in PROJECT_PARTS:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part)
        elif source.exists():
            shutil.copy(source, tmp_path / part)
    return tmp_path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, worker_id) -> Path:
    """The real site, built with --strict as the deploy builds it (under a sub-path), once per run.

    Parallel workers share one build: the first to get the lock builds, the others wait for it.
    """
    shared = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    site, done = shared / "site", shared / "site.built"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build = mkdocs(PROJECT_ROOT, "build", "--strict", "--site-dir", str(site), env=HOSTED)
            assert build.returncode == 0, build.stderr
            done.write_text(build.stderr)
    return site


class GitHubPagesLike(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH and answers a missing path with 404.html, as GitHub Pages does."""

    def translate_path(self, path):
        inside = path.startswith(SUB_PATH + "/")
        return super().translate_path(path[len(SUB_PATH) :] if inside else "/no-such-file")

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site, nothing_left_at_the_end):
    """The built site served on loopback under a sub-path, as a reader's browser gets it."""
    handler = functools.partial(GitHubPagesLike, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server")
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def in_browser(nothing_left_at_the_end):
    """Runs work(browser) in this worker's browser thread and returns its result."""
    browser = BrowserThread()
    yield browser
    browser.close()
