"""A resident asks a council member a question on a process page and the member answers it, in
a real browser: a too-short question and a too-short answer come back with their message and
the text typed; the member finds the question on their own page (reached from the staff
landing after the real log-in with the second factor); the answer shows on the process page
and the member's profile, and the resident gets it by e-mail. axe-core on every page; layout
check and screenshots at 1280 and 390."""

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives import services
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible, assert_no_console_errors
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

QUESTION = "Komen er genoeg fietsenrekken bij het nieuwe plein?"
ANSWER = "Ja. In het ontwerp staan zestig nieuwe fietsenrekken bij de ingangen."


def test_resident_asks_and_the_council_member_answers(
    page: Page, browser: Browser, live_server, transactional_db
):
    municipality = MunicipalityFactory()
    process = ProcessFactory(municipality=municipality, title="Een nieuw plein bij het station")
    clerk = StaffUserFactory(role=Role.CLERK)
    member_account = StaffUserFactory(role=Role.COUNCIL_MEMBER)
    member = services.council_member_save(
        actor=clerk,
        municipality=municipality,
        user=member_account,
        name="Sanne de Wit",
        party="Groen Voorbeeldstad",
    )
    resident = UserFactory(email="fatima@example.org")

    # The resident asks; a too-short question comes back with the message and the text.
    log_in_resident_by_code(page, resident.email)
    page.goto(f"/processen/{process.slug}/")
    section = page.get_by_role("region", name="De gemeenteraad")
    expect(section).to_contain_text("Nog geen vragen.")
    section.get_by_label("Aan wie stelt u uw vraag?").select_option(
        label="Sanne de Wit (Groen Voorbeeldstad)"
    )
    section.get_by_label("Uw vraag", exact=True).fill("Fietsen?")
    section.get_by_role("button", name="Vraag stellen").click()
    section = page.get_by_role("region", name="De gemeenteraad")
    expect(section).to_contain_text("Schrijf minstens 10 tekens.")
    expect(section.get_by_label("Uw vraag", exact=True)).to_have_value("Fietsen?")
    assert_accessible(page)
    section.get_by_label("Uw vraag", exact=True).fill(QUESTION)
    section.get_by_role("button", name="Vraag stellen").click()
    expect(page.locator(".messages")).to_contain_text("Uw vraag staat op de pagina.")
    section = page.get_by_role("region", name="De gemeenteraad")
    expect(section).to_contain_text(QUESTION)
    expect(section).to_contain_text("Nog geen antwoord.")
    assert_accessible(page)
    assert_form_layout(page, "council-question-asked")

    # The council member logs in, goes from the staff landing to their own page and answers.
    member_page = browser.new_context(base_url=live_server.url, locale="nl-NL").new_page()
    log_in_staff(member_page, member_account)
    member_page.goto("/beheer/")
    member_page.get_by_role("link", name="Mijn pagina als raadslid").click()
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Mijn pagina als raadslid")
    expect(member_page.get_by_role("main")).to_contain_text(QUESTION)
    assert_accessible(member_page)
    assert_form_layout(member_page, "council-dashboard")
    member_page.get_by_role("link", name="Beantwoorden").click()
    expect(member_page.get_by_role("heading", level=1)).to_have_text("Vraag beantwoorden")
    member_page.get_by_label("Uw antwoord als raadslid").fill("Ja")
    member_page.get_by_role("button", name="Antwoord plaatsen").click()
    expect(member_page.get_by_role("main")).to_contain_text("Schrijf minstens 10 tekens.")
    expect(member_page.get_by_label("Uw antwoord als raadslid")).to_have_value("Ja")
    assert_accessible(member_page)
    assert_form_layout(member_page, "council-answer-form")
    mail.outbox.clear()
    member_page.get_by_label("Uw antwoord als raadslid").fill(ANSWER)
    member_page.get_by_role("button", name="Antwoord plaatsen").click()
    expect(member_page.locator(".messages")).to_contain_text("Uw antwoord staat bij de vraag.")
    assert_no_console_errors(member_page)
    member_page.context.close()

    # Everyone sees the answer with the member's name, party and badge.
    page.goto(f"/processen/{process.slug}/")
    section = page.get_by_role("region", name="De gemeenteraad")
    expect(section).to_contain_text(ANSWER)
    expect(section).to_contain_text("Sanne de Wit")
    expect(section.locator(".council-badge").first).to_have_text("raadslid")
    assert_accessible(page)
    assert_form_layout(page, "council-question-answered")
    page.goto(member.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text(ANSWER)
    assert_accessible(page)
    assert any(ANSWER in sent.body and sent.to == [resident.email] for sent in mail.outbox)
