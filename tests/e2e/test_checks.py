"""The checks the browser tests rely on do fail when they should (on pages served by routing)."""

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.axe import assert_accessible, assert_no_console_errors, watch_console

pytestmark = pytest.mark.browser

ORIGIN = "http://checks.test"
STRICT_CSP = "default-src 'self'; script-src 'self'; img-src 'self' data:"  # as the site


@pytest.fixture
def routed_page(browser: Browser):
    """A tab whose requests to ORIGIN are answered by `serve(html)`; no server involved."""
    context = browser.new_context()
    page = context.new_page()
    watch_console(page)
    pages = {}

    def serve(html: str) -> Page:
        pages["/"] = html
        page.goto(ORIGIN + "/")
        return page

    def fulfil(route):
        body = pages.get("/", "")
        route.fulfill(
            status=200,
            body=body,
            headers={"Content-Type": "text/html", "Content-Security-Policy": STRICT_CSP},
        )

    context.route(f"{ORIGIN}/**", fulfil)
    yield serve
    context.close()


GOOD = """<!DOCTYPE html><html lang="nl"><head><title>Goed</title><link rel="icon" href="data:,">
</head><body><main><h1>Goed</h1><p>Alles in orde.</p></main></body></html>"""


def test_accessible_page_passes(routed_page):
    assert_accessible(routed_page(GOOD))


def test_image_without_alt_text_fails_with_rule_and_element(routed_page):
    page = routed_page(GOOD.replace("<p>Alles in orde.</p>", '<img src="data:," id="foto">'))
    with pytest.raises(AssertionError) as failure:
        assert_accessible(page)
    assert "image-alt (critical)" in str(failure.value)
    assert "#foto" in str(failure.value)


def test_missing_page_language_fails(routed_page):
    page = routed_page(GOOD.replace(' lang="nl"', ""))
    with pytest.raises(AssertionError, match="html-has-lang"):
        assert_accessible(page)


def test_inline_script_blocked_by_the_csp_is_reported(routed_page):
    page = routed_page(GOOD.replace("</main>", "</main><script>document.title='x'</script>"))
    with pytest.raises(AssertionError, match="Content Security Policy"):
        assert_no_console_errors(page)


def test_uncaught_javascript_error_is_reported(routed_page):
    page = routed_page(GOOD)
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('kapot'); })")
    with pytest.raises(AssertionError, match="uncaught exception"):
        assert_no_console_errors(page)
