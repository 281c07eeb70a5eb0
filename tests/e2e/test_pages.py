"""Public pages pass axe-core (WCAG 2.1 A and AA) in a real browser, and work by keyboard."""

import re

import pytest
from playwright.sync_api import Page, expect

from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from tests.e2e.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def districts(transactional_db):
    """A municipality with a wijk (with an outline, so the map is drawn) holding one buurt."""
    MunicipalityFactory()
    wijk = AreaFactory(name="Centrum", slug="centrum", with_shape=True)
    buurt = AreaFactory(parent=wijk, name="Oude Haven", slug="oude-haven", with_shape=True)
    return wijk, buurt


def test_home_page_is_dutch_and_accessible(page: Page, districts):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_home_page_without_any_data_is_accessible(page: Page):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_area_list_and_area_pages_are_accessible(page: Page, districts):
    page.goto("/")
    page.get_by_role("navigation").get_by_role("link", name="Wijken en buurten").click()
    expect(page).to_have_url(re.compile(r"/gebieden/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Centrum").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Centrum")
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Oude Haven").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Oude Haven")
    assert_accessible(page)


@pytest.mark.parametrize("link_name", ["Toegankelijkheid", "Privacy"])
def test_statements_are_reachable_from_the_footer_and_accessible(
    page: Page, districts, link_name: str
):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name=link_name).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_first_tab_focuses_skip_link_which_moves_focus_to_main(page: Page, districts):
    page.goto("/")
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    expect(skip_link).to_have_attribute("href", "#main")
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.get_by_role("main")).to_be_focused()


def test_site_declares_an_icon_so_browsers_do_not_request_a_missing_one(page: Page):
    """Without <link rel="icon">, every page view costs a 404 for /favicon.ico in the logs."""
    page.goto("/")
    icons = page.locator("link[rel~='icon']")
    expect(icons.first).to_be_attached()
    href = icons.first.get_attribute("href")
    if not href.startswith("data:"):
        response = page.request.get(href)
        assert response.ok, f"Icon {href} answers {response.status}"


@pytest.mark.parametrize(
    "path", ["/", "/gebieden/", "/gebieden/centrum/", "/toegankelijkheid/", "/privacy/"]
)
def test_english_pages_are_translated_and_accessible(page: Page, districts, path: str):
    page.goto(path)
    dutch_main = page.get_by_role("main").inner_text()

    page.goto("/en" + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("main")).not_to_have_text(dutch_main)
    expect(page.get_by_role("navigation", name="Hoofdmenu")).to_have_count(0)
    assert_accessible(page)


def test_page_not_found_is_helpful_and_accessible(page: Page, districts):
    response = page.goto("/bestaat-niet/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link").first).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/gebieden/", "/gebieden/centrum/", "/account/login/"])
def test_pages_reflow_at_320_css_pixels_without_sideways_scrolling(
    page: Page, districts, path: str
):
    """WCAG 1.4.10: at 320 px wide (400% zoom) nothing needs scrolling in two directions."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} is {overflow}px wider than a 320px screen"
