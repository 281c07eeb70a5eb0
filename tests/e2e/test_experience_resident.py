"""Issue #11 part 2, "what a resident should find": checked in Chromium at desktop (1280×900)
and phone (390×844) width with the axe helper and the layout check; screenshots go to
test-results/. Each test failed on the code before its change."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import DESKTOP, PHONE, assert_form_layout, screenshot
from tests.e2e.test_resident_journey import code_mailed_to

pytestmark = pytest.mark.browser
SIZES = pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


def _top(page: Page, locator) -> float:
    return locator.bounding_box()["y"]


# 1. "Wat kunt u nu doen?" ------------------------------------------------------------------


@SIZES
def test_what_you_can_do_now_comes_first_and_leads_through_log_in(page: Page, municipality, size):
    process = ProcessFactory(with_phase="consultation.collect", title="Ideeën voor het park")
    last_day = process.phases.get().last_day
    resident = UserFactory()
    page.set_viewport_size(size)
    page.goto(f"/processen/{process.slug}/")
    block = page.get_by_role("region", name="Wat kunt u nu doen?")
    expect(block).to_be_visible()
    button = block.get_by_role("link", name="Geef uw idee")
    expect(button).to_be_visible()
    expect(block).to_contain_text(f"Kan tot en met {last_day.day} ")
    # Before the ladder, the commitment and the planning.
    for heading in ["Hoeveel invloed heeft u?", "Wat doen we met uw inbreng?", "Planning"]:
        assert _top(page, block) < _top(page, page.get_by_role("heading", name=heading))
    screenshot(page, f"now-actions-{size['width']}")
    assert_accessible(page)

    button.click()  # not logged in: log in first, then straight to the form
    page.get_by_label("E-mailadres").fill(resident.email)
    page.get_by_role("button", name="Verder").click()
    page.get_by_role("textbox", name="Code").fill(code_mailed_to(resident.email))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    submit = reverse("consultation:input_submit", args=[process.slug])
    expect(page).to_have_url(re.compile(re.escape(submit) + "$"))
    assert_form_layout(page, f"now-actions-form-{size['width']}")


@SIZES
def test_nothing_to_do_names_the_next_step(page: Page, municipality, size):
    import datetime

    from django.utils import timezone

    from samenspraak.processes.factories import PhaseFactory

    process = ProcessFactory(title="Het nieuwe plein")
    now = timezone.now()
    PhaseFactory(
        process=process,
        kind="consultation.collect",
        title="Ideeën verzamelen",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=20),
    )
    page.set_viewport_size(size)
    page.goto(f"/processen/{process.slug}/")
    block = page.get_by_role("region", name="Wat kunt u nu doen?")
    expect(block).to_contain_text("Er is nu niets te doen. Volgende stap: Ideeën verzamelen")
    expect(block.get_by_role("link")).to_have_count(0)
    screenshot(page, f"now-nothing-{size['width']}")
    assert_accessible(page)
