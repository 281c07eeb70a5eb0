"""Browser tests: a real Chromium (Debian's /usr/bin/chromium) against pytest-django's live server.

CI installs Chromium, so there a missing browser is a failure; on a developer machine without it
the browser tests are skipped with the reason. Tasks (e-mail) run at once: see the root
conftest's `tasks_immediate`; the live server is a thread of this process, so codes land in
django.core.mail.outbox.
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.e2e.axe import assert_no_console_errors, watch_console

CHROMIUM = Path(os.environ.get("SAMENSPRAAK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
# Playwright's sync API keeps an event loop in this thread; Django would then refuse ORM calls
# from the test itself (SynchronousOnlyOperation). The test and the live server never run
# queries concurrently on one connection, so this is safe here (as pytest-django documents).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium`"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        _with_local_tiles(browser)
        yield browser
        browser.close()


#: Map tiles come from PDOK by default (core/maps.py). Tests never reach PDOK: every tile
#: request is answered in the browser with one local tile (the CSP still governs it).
TILE_HOSTS = "https://service.pdok.nl/**"


@functools.cache
def local_tile() -> bytes:
    """A 256×256 PNG that looks like a quiet street map: pale ground, two white roads."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (236, 233, 226))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 110, 255, 130), fill=(255, 255, 255))
    draw.rectangle((140, 0, 156, 255), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def serve_local_tiles(context) -> list[str]:
    """Answer every tile request with the local tile; returns the list of URLs asked for."""
    asked: list[str] = []

    def fulfil(route):
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=local_tile())

    context.route(TILE_HOSTS, fulfil)
    return asked


def _with_local_tiles(browser: Browser) -> None:
    """Every context this browser opens (also a test's own second context) gets local tiles;
    `context.tiles_asked` lists what it asked for."""
    original = browser.new_context

    def new_context(*args, **kwargs):
        context = original(*args, **kwargs)
        context.tiles_asked = serve_local_tiles(context)
        return context

    browser.new_context = new_context  # type: ignore[method-assign]


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh Dutch-speaking browser tab on the live server; fails on any console error.
    Map tiles are served locally (_with_local_tiles); `page.tiles_asked` lists them."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.tiles_asked = context.tiles_asked  # type: ignore[attr-defined]
    watch_console(page)
    yield page
    try:
        assert_no_console_errors(page)
    finally:
        context.close()
