"""Accessibility and console checks for browser tests.

axe-core is evaluated through the DevTools protocol (`page.evaluate`), which the site's
Content-Security-Policy does not govern, so the page under test keeps its real policy.
"""

from __future__ import annotations

import weakref
from functools import cache
from pathlib import Path

from playwright.sync_api import ConsoleMessage, Page

REPO_DIR = Path(__file__).resolve().parents[2]
AXE_PATH = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_console_errors: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise AssertionError(f"{AXE_PATH} is missing: run `make install` (npm ci) first")
    return AXE_PATH.read_text(encoding="utf-8")


def watch_console(page: Page) -> list[str]:
    """Collect console errors (CSP violations are reported there too) and uncaught exceptions."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            source = message.location.get("url") or page.url
            if source.endswith("/favicon.ico"):
                return  # Chromium's own guess when no icon is declared; see test_pages.py
            if message.text.startswith("Failed to load resource") and source == page.url:
                return  # the page itself answered 400/429 on purpose (a form with errors)
            errors.append(f"console error on {page.url}: {message.text} ({source})")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(f"uncaught exception on {page.url}: {exc}"))
    _console_errors[page] = errors
    return errors


def assert_no_console_errors(page: Page) -> None:
    errors = _console_errors.get(page, [])
    reported = list(errors)
    errors.clear()  # report each error once, not again at the fixture's teardown
    assert not reported, "The browser reported errors:\n" + "\n".join(reported)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" [{violation.get('helpUrl', '')}]"
        )
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            lines.append(f"    at {target}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Zero axe-core violations of WCAG 2.1 A/AA on the current page, and a clean console."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        """(tags) => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        WCAG_TAGS,
    )
    violations = result["violations"]
    assert not violations, (
        f"{len(violations)} accessibility violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
    assert_no_console_errors(page)
