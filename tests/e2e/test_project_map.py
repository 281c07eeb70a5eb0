"""A budget's projects as a map, in Chromium at 1280 and 390 wide (#11): the toggle, a dot per
project with a place on PDOK street tiles (served locally, conftest), the same projects as a
text list under the map, paged; axe (incomplete contrast counted) and the overlap check; the
screenshots go to test-results/project-map-*.png."""

import pytest
from playwright.sync_api import Page, expect

from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.consultation.models import Input
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, screenshot

pytestmark = pytest.mark.browser


@pytest.fixture
def budget(transactional_db, monkeypatch):
    from samenspraak.budgeting.budgets import views

    monkeypatch.setattr(views, "MAP_LIST_SIZE", 2)  # three projects: two pages of the text list
    MunicipalityFactory()
    AreaFactory(with_shape=True, name="Binnenstad")
    process = ProcessFactory(
        title="Buurtbudget Binnenstad", slug="buurtbudget", with_phase="budgeting.propose"
    )
    budget = BudgetFactory(process=process, title="Binnenstad 2027", amount=50000)
    places = [
        ("Een bankje bij de kerk", 52.0852, 5.1104, "Kerkplein, Voorbeeldstad"),
        ("Bloembakken in de winkelstraat", 52.0861, 5.1131, "Lange Nieuwstraat, Voorbeeldstad"),
        ("Een speeltoestel in het park", 52.0874, 5.1162, ""),
    ]
    for title, lat, lon, place in places:
        project = BudgetProjectFactory(budget=budget)
        Input.objects.filter(pk=project.input_id).update(
            title=title, latitude=lat, longitude=lon, place_name=place
        )
    BudgetProjectFactory(budget=budget)  # without a place: only among the cards
    return budget


def test_the_budget_page_toggles_to_a_map_of_its_projects(page: Page, budget):
    page.set_viewport_size(DESKTOP)
    page.goto(f"/processen/buurtbudget/budgetten/{budget.pk}/")
    toggle = page.get_by_role("navigation", name="Weergave van de projecten")
    expect(toggle.get_by_role("link", name="Lijst")).to_have_attribute("aria-current", "page")
    expect(page.get_by_role("heading", name="4 projecten")).to_be_visible()

    toggle.get_by_role("link", name="Kaart").click()
    expect(toggle.get_by_role("link", name="Kaart")).to_have_attribute("aria-current", "page")
    the_map = page.get_by_role("region", name="Kaart met de projecten")
    expect(the_map).to_be_visible()
    expect(page.get_by_role("heading", name="3 projecten met een plek")).to_be_visible()
    expect(page.locator("#inputs-map path[stroke='#00568b']")).to_have_count(3)
    page.wait_for_function(
        "() => document.querySelectorAll('#inputs-map img.leaflet-tile-loaded').length > 0"
    )
    text_list = page.locator(".place-list")
    expect(text_list.get_by_role("listitem")).to_have_count(2)
    page.locator("#inputs-map path[stroke='#00568b']").first.click()
    expect(page.locator(".leaflet-popup-content").get_by_role("link")).to_be_visible()
    page.keyboard.press("Escape")
    screenshot(page, "project-map-desktop")
    assert_accessible(page)
    assert_form_layout(page, "project-map")

    # The rest of the text list is on the next page; the map keeps every dot.
    page.get_by_role("navigation", name="Paginering van de lijst onder de kaart").get_by_role(
        "link", name="Volgende"
    ).click()
    expect(page.get_by_text("Pagina 2 van 2")).to_be_visible()
    expect(page.locator(".place-list").get_by_role("listitem")).to_have_count(1)
    expect(page.locator("#inputs-map path[stroke='#00568b']")).to_have_count(3)

    page.set_viewport_size(PHONE)
    expect(page.get_by_role("region", name="Kaart met de projecten")).to_be_visible()
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
    screenshot(page, "project-map-phone")
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
