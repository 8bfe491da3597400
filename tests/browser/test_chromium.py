"""A real browser: a page served from one origin registers, logs in, publishes an article and
reads it back through an implementation served (by its ``serve`` command) on another origin.

Headless Chromium, the system's (``CHROMIUM``, default ``/usr/bin/chromium``), driven by
Playwright. ``nox -s browser`` installs Chromium when it is missing and runs this module, for
each variant or those named by ``--impl``; the screenshots go to ``BROWSER_SCREENSHOTS``
(default: the test's temporary folder).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from contract_tests.support import naming
from tests import servers

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser extra is not installed")

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGE_FOLDER = Path(__file__).resolve().parent
TIMEOUT_MS = 20_000


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The page's requests are not the test's output."""


@contextmanager
def static_site(folder: Path) -> Iterator[str]:
    """``folder`` served over HTTP on a free port of 127.0.0.1; yields its origin."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, launched once for the module."""
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: install it (apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page_origin() -> Iterator[str]:
    with static_site(PAGE_FOLDER) as origin:
        yield origin


@pytest.fixture
def screenshots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("BROWSER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser: Any, page_origin: str, api_root: str) -> Any:
    page = browser.new_page(viewport={"width": 900, "height": 1000})
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(f"{page_origin}/page.html?api={api_root}")
    return page


def _click(page: Any, button: str) -> None:
    """Click and wait for the page to finish the call it starts."""
    page.click(f"#{button}")
    sync_api.expect(page.locator("#status")).not_to_have_text("working")


def test_a_page_on_another_origin_uses_the_api(
    impl: str, database_url: str, browser: Any, page_origin: str, screenshots: Path
) -> None:
    expect = sync_api.expect
    env = servers.environment(database_url, "b" * 40)
    with servers.serving(impl, env) as (base_url, _):
        assert base_url != page_origin
        page = _open(browser, page_origin, f"{base_url}/api")
        username = naming.username()
        page.fill("#username", username)
        page.fill("#email", f"{username}@example.com")
        page.fill("#password", "browser-password")
        _click(page, "register")
        expect(page.locator("#status")).to_have_text("done")
        expect(page.locator("#who")).to_have_text(f"registered {username}")
        _click(page, "login")
        expect(page.locator("#status")).to_have_text("done")
        expect(page.locator("#who")).to_have_text(f"logged in as {username}")

        page.fill("#title", f"Written in Chromium on {impl}")
        page.fill("#description", "A page on another origin")
        page.fill("#body", "Fetched across origins, preflights and all.")
        page.fill("#tags", "browser, cors")
        _click(page, "publish")
        expect(page.locator("#status")).to_have_text("done")
        slug = f"written-in-chromium-on-{impl}"
        expect(page.locator("#published")).to_have_text(f"published {slug}")
        expect(page.locator("#article-title")).to_have_text(f"Written in Chromium on {impl}")
        expect(page.locator("#article-author")).to_have_text(username)
        expect(page.locator("#article-tags")).to_have_text("browser, cors")
        expect(page.locator("#article-body")).to_have_text(
            "Fetched across origins, preflights and all."
        )
        shot = screenshots / f"browser-{impl}.png"
        page.screenshot(path=str(shot), full_page=True)
        page.close()
    print(f"\nscreenshot of the page after it published the article: {shot}")  # noqa: T201
    assert shot.stat().st_size > 0


def test_a_page_on_an_origin_not_allowed_cannot_read_the_answers(
    impl: str, database_url: str, browser: Any, page_origin: str
) -> None:
    env = servers.environment(
        database_url, "b" * 40, CORS_ALLOWED_ORIGINS="https://somewhere-else.example"
    )
    with servers.serving(impl, env) as (base_url, _):
        page = _open(browser, page_origin, f"{base_url}/api")
        page.fill("#username", naming.username())
        page.fill("#email", "refused@example.com")
        page.fill("#password", "browser-password")
        _click(page, "register")
        sync_api.expect(page.locator("#status")).to_have_text("failed: Failed to fetch")
        sync_api.expect(page.locator("#who")).to_have_text("")
        page.close()
