"""Public pages pass axe-core (WCAG 2.1 A and AA) in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


def test_home_page_is_dutch_and_accessible(page: Page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_first_tab_focuses_skip_link_which_moves_focus_to_main(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
