"""Browser tests: a real Chromium (Debian's /usr/bin/chromium) against pytest-django's live server.

CI installs Chromium, so there a missing browser is a failure; on a developer machine without it
the browser tests are skipped with the reason. Tasks (e-mail) run at once: see the root
conftest's `tasks_immediate`; the live server is a thread of this process, so codes land in
django.core.mail.outbox.
"""

from __future__ import annotations

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
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, live_server, transactional_db) -> Iterator[Page]:
    """A fresh Dutch-speaking browser tab on the live server; fails on any console error."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page)
    yield page
    try:
        assert_no_console_errors(page)
    finally:
        context.close()
