"""Chromium for the tests: Playwright's sync API in a thread of its own, and pages that record what they load."""

import concurrent.futures
import queue
import threading
from pathlib import Path

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


class BrowserThread:
    """Chromium through Playwright's sync API, driven from a thread of its own.

    Playwright's sync API keeps an event loop in the thread that uses it; in the main
    thread, that loop would break the examples' asyncio.run(). So one thread owns the
    browser, and tests hand it what to do: ``in_browser(lambda browser: ...)``.
    """

    def __init__(self) -> None:
        if not Path(CHROMIUM).exists():
            raise FileNotFoundError(f"{CHROMIUM} is missing: `./dev test` installs Debian's chromium")
        self._jobs: queue.Queue = queue.Queue()
        started: concurrent.futures.Future = concurrent.futures.Future()
        self._thread = threading.Thread(target=self._serve, args=(started,), name="playwright", daemon=True)
        self._thread.start()
        started.result(timeout=60)

    def _serve(self, started: concurrent.futures.Future) -> None:
        from playwright.sync_api import sync_playwright

        try:
            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except BaseException as error:  # noqa: BLE001 (reported to the test that asked)
            started.set_exception(error)
            return
        started.set_result(None)
        while (job := self._jobs.get()) is not None:
            work, done = job
            try:
                done.set_result(work(browser))
            except BaseException as error:  # noqa: BLE001 (re-raised in the test's thread)
                done.set_exception(error)
        browser.close()
        playwright.stop()

    def __call__(self, work, timeout: float = 180):
        done: concurrent.futures.Future = concurrent.futures.Future()
        self._jobs.put((work, done))
        return done.result(timeout)

    def close(self) -> None:
        self._jobs.put(None)
        self._thread.join(timeout=30)


def watch(page) -> None:
    """Records on the page every request, failed request and console error."""
    page.requests, page.console_errors, page.failed = [], [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.on(  # a load aborted by leaving the page is not a failure
        "requestfailed",
        lambda request: (
            "ERR_ABORTED" not in (request.failure or "") and page.failed.append(f"{request.failure} {request.url}")
        ),
    )
    page.on(
        "response", lambda response: response.status >= 400 and page.failed.append(f"{response.status} {response.url}")
    )
