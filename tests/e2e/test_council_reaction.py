"""A verified council member reacts publicly on an initiative in a real browser; a too-short
reaction comes back with its message and text; the reaction shows on the initiative and on the
member's public profile. axe-core on each page; overlap check and screenshots at 1280 and 390."""

import pytest
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives import services
from samenspraak.initiatives.factories import ByLawFactory, InitiativeFactory
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible, assert_no_console_errors
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser

REACTION = "Goed plan. Ik vraag het college vóór de vergadering wat de bankjes kosten."


def test_council_member_reacts_and_the_profile_shows_it(page: Page, transactional_db):
    municipality = MunicipalityFactory()
    ByLawFactory(municipality=municipality)
    initiative = InitiativeFactory(municipality=municipality, title="Bankjes langs de Singel")
    clerk = StaffUserFactory(role=Role.CLERK)
    member_account = StaffUserFactory(role=Role.COUNCIL_MEMBER)
    member = services.council_member_save(
        actor=clerk,
        municipality=municipality,
        user=member_account,
        name="Sanne de Wit",
        party="Groen Voorbeeldstad",
        portfolio="groen, verkeer",
    )

    log_in_staff(page, member_account)
    page.goto(initiative.get_absolute_url())
    section = page.get_by_role("region", name="Reacties van raadsleden")
    section.get_by_label("Uw reactie als raadslid").fill("Kort")
    section.get_by_role("button", name="Reactie plaatsen als raadslid").click()
    expect(page.get_by_role("main")).to_contain_text("Schrijf minstens 10 tekens.")
    expect(page.get_by_label("Uw reactie als raadslid")).to_have_value("Kort")
    assert_accessible(page)
    assert_form_layout(page, "council-reaction-form")
    page.get_by_label("Uw reactie als raadslid").fill(REACTION)
    page.get_by_role("button", name="Reactie plaatsen als raadslid").click()
    expect(page.get_by_role("region", name="Reacties van raadsleden")).to_contain_text(REACTION)

    page.goto(member.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Sanne de Wit")
    expect(page.get_by_role("main")).to_contain_text("Bankjes langs de Singel")
    assert_accessible(page)
    assert_form_layout(page, "council-member-profile")
    assert_no_console_errors(page)
