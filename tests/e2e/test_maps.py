"""Maps people can read, in Chromium at 1280 and 390 wide: the input list as a map (PDOK street
tiles with their attribution, a dot per input, the same inputs as text under it), the list
stays the default, and the form's map uses the same tiles. Tiles are served locally (conftest);
nothing reaches PDOK. axe (incomplete contrast counted) and the overlap check on each page;
screenshots in test-results/maps-*.png."""

import re

import pytest
from playwright.sync_api import Page, expect

from samenspraak.consultation.factories import InputFactory
from samenspraak.core import maps
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, screenshot

pytestmark = pytest.mark.browser

TILE_PREFIX = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/"


@pytest.fixture
def process(transactional_db):
    MunicipalityFactory()
    AreaFactory(with_shape=True, name="Binnenstad")
    process = ProcessFactory(
        title="Ideeën voor het Marktplein", slug="marktplein", with_phase="consultation.collect"
    )
    phase = process.phases.get()
    places = [
        ("Bankjes in de schaduw", 52.0852, 5.1104, "Marktplein, Voorbeeldstad"),
        ("Een watertappunt", 52.0861, 5.1131, "Kerkstraat, Voorbeeldstad"),
        ("Fietsenrekken bij de bibliotheek", 52.0874, 5.1162, ""),
    ]
    for title, lat, lon, place in places:
        InputFactory(phase=phase, title=title, latitude=lat, longitude=lon, place_name=place)
    InputFactory(phase=phase, title="Langere openingstijden", latitude=None, longitude=None)
    return process


def test_the_input_list_toggles_to_a_readable_map_with_a_text_alternative(page: Page, process):
    page.set_viewport_size(DESKTOP)
    page.goto("/processen/marktplein/inbreng/")
    toggle = page.get_by_role("navigation", name="Weergave van de inbreng")
    expect(toggle.get_by_role("link", name="Lijst")).to_have_attribute("aria-current", "page")
    expect(page.locator("#inputs-map")).to_have_count(0)  # the list is the default
    expect(page.get_by_role("heading", name="4 bijdragen")).to_be_visible()

    toggle.get_by_role("link", name="Kaart").click()
    expect(toggle.get_by_role("link", name="Kaart")).to_have_attribute("aria-current", "page")
    the_map = page.get_by_role("region", name="Kaart met de bijdragen")
    expect(the_map).to_be_visible()
    expect(page.get_by_role("heading", name="3 bijdragen met een plek")).to_be_visible()
    # One dot per placed input; the one without a place is only in the list view.
    expect(page.locator("#inputs-map path.leaflet-interactive")).to_have_count(4)  # 3 + area
    # Street tiles from PDOK (served locally), with the attribution shown.
    page.wait_for_function(
        "() => document.querySelectorAll('#inputs-map img.leaflet-tile-loaded').length > 0"
    )
    assert page.tiles_asked and all(url.startswith(TILE_PREFIX) for url in page.tiles_asked)
    expect(page.locator(".leaflet-control-attribution")).to_contain_text(maps.PDOK_ATTRIBUTION)
    # The text alternative: the same inputs, with streets where known.
    text_list = page.locator(".place-list")
    expect(text_list.get_by_role("listitem")).to_have_count(3)
    expect(text_list).to_contain_text("Bij Marktplein, Voorbeeldstad")
    expect(text_list).to_contain_text("Bij Kerkstraat, Voorbeeldstad")
    expect(text_list).not_to_contain_text("Langere openingstijden")

    # A dot opens the input's title as a link.
    page.locator("#inputs-map path.leaflet-interactive[stroke='#00568b']").first.click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("link")).to_be_visible()
    page.keyboard.press("Escape")

    assert_accessible(page)
    assert_form_layout(page, "maps-input-list-map")
    page.set_viewport_size(PHONE)
    expect(the_map).to_be_visible()
    # On a phone the map fits itself again: every dot inside the (narrower) map.
    page.wait_for_function(
        """() => {
          const map = document.getElementById('inputs-map').getBoundingClientRect();
          const dots = [...document.querySelectorAll("#inputs-map path[stroke='#00568b']")];
          return dots.length === 3 && dots.every((dot) => {
            const r = dot.getBoundingClientRect();
            return r.left >= map.left && r.right <= map.right
              && r.top >= map.top && r.bottom <= map.bottom;
          });
        }"""
    )
    screenshot(page, "maps-input-list-map-phone-fitted")
    assert_accessible(page)
    box = the_map.bounding_box()
    assert box and box["width"] <= PHONE["width"]  # no sideways scrolling on a phone
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # Filtering keeps the map.
    page.set_viewport_size(DESKTOP)
    page.get_by_label("Status").select_option("submitted")
    page.get_by_role("button", name="Toon inbreng").click()
    expect(page).to_have_url(re.compile(r"weergave=kaart"))
    expect(page.get_by_role("region", name="Kaart met de bijdragen")).to_be_visible()


def test_the_list_view_with_places_reads_well(page: Page, process):
    page.goto("/processen/marktplein/inbreng/")
    expect(page.get_by_text("Bij Marktplein, Voorbeeldstad")).to_be_visible()
    assert_accessible(page)
    assert_form_layout(page, "maps-input-list")


def test_the_form_map_shows_pdok_streets_with_attribution(page: Page, process):
    from samenspraak.accounts.factories import UserFactory
    from tests.e2e.test_consultation_journey import log_in_resident_by_code

    log_in_resident_by_code(page, UserFactory().email)
    page.goto("/processen/marktplein/inbreng/nieuw/")
    expect(page.locator("#input-map")).to_be_visible()
    page.wait_for_function(
        "() => document.querySelectorAll('#input-map img.leaflet-tile-loaded').length > 0"
    )
    expect(page.locator("#input-map .leaflet-control-attribution")).to_contain_text(
        maps.PDOK_ATTRIBUTION
    )
    assert all(url.startswith(TILE_PREFIX) for url in page.tiles_asked)
    screenshot(page, "maps-input-form-desktop")
