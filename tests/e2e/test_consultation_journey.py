"""The core loop in a real browser: a resident gives input, a process manager answers it from the
answer inbox, and the resident sees the public answer and gets an e-mail. axe-core on every page.

E-mail goes through the task queue; the root conftest runs tasks immediately and the live server
is a thread of this process, so log-in codes and the notification land in django.core.mail.outbox.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, UserFactory, totp_code
from samenspraak.accounts.models import Role
from samenspraak.consultation.models import Input, InputStatus, Outcome
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import ProcessFactory
from tests.e2e.axe import assert_accessible, assert_no_console_errors, watch_console
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_resident_journey import code_mailed_to

pytestmark = pytest.mark.browser

INPUT_TITLE = "Meer bomen bij de fontein"
INPUT_BODY = "Het plein is nu heel stenig. Zet er bomen en bankjes in de schaduw neer."
ANSWER_BODY = "Dank u wel. In het ontwerp komen zes nieuwe bomen rond de fontein."
ANSWER_REASON = "Bomen geven schaduw en koelte, en er is ruimte voor binnen het budget."


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


@pytest.fixture
def process(municipality):
    return ProcessFactory(
        title="Ideeën voor het Stationsplein",
        slug="stationsplein",
        with_phase="consultation.collect",
    )


def log_in_resident_by_code(page: Page, email: str) -> None:
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vul de code in")
    page.get_by_role("textbox", name="Code").fill(code_mailed_to(email))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn account")


def log_in_staff(page: Page, staff) -> None:
    """Password, then the authenticator code: the real staff log-in."""
    page.goto("/account/login/")
    page.get_by_label("E-mailadres").fill(staff.email)
    page.get_by_label("Wachtwoord", exact=False).fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede factor")
    page.get_by_role("textbox", name="Code").fill(totp_code(staff))
    page.get_by_role("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("banner").get_by_role("link", name="Mijn account")).to_be_visible()


def test_resident_input_is_answered_from_the_inbox_and_the_resident_sees_and_gets_the_answer(
    page: Page, browser: Browser, live_server, process
):
    """Submit → answer from the inbox with outcome and reason → public answer + e-mail."""
    resident = UserFactory(email="fatima@example.org", display_name="Fatima van het plein")
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)

    # The resident logs in with an e-mail code and asks for e-mail about answers (opt-in).
    log_in_resident_by_code(page, resident.email)
    assert_accessible(page)
    page.get_by_label("Antwoorden van de gemeente op mijn inbreng").check()
    page.get_by_role("button", name="Keuzes opslaan").click()
    expect(page.get_by_label("Antwoorden van de gemeente op mijn inbreng")).to_be_checked()

    # The process page invites input while the collect phase runs.
    page.goto(f"/processen/{process.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(process.title)
    assert_accessible(page)
    page.get_by_role("link", name="Geef uw inbreng").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geef uw inbreng")
    assert_accessible(page)
    assert_form_layout(page, "input-form")

    # A text that is too short comes back with a message and keeps what was typed.
    page.get_by_label("Titel").fill(INPUT_TITLE)
    page.get_by_label("Uw inbreng").fill("Kort")
    page.get_by_role("button", name="Inbreng versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Geef uw inbreng")
    expect(page.get_by_label("Titel")).to_have_value(INPUT_TITLE)
    expect(page.get_by_label("Uw inbreng")).to_have_attribute(
        "aria-describedby", re.compile("error")
    )
    assert_accessible(page)

    page.get_by_label("Uw inbreng").fill(INPUT_BODY)
    page.get_by_role("button", name="Inbreng versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(INPUT_TITLE)
    answer_section = page.get_by_role("region", name="Antwoord van de gemeente")
    expect(answer_section).to_contain_text("nog niet gereageerd")
    assert_accessible(page)
    input_url = page.url
    item = Input.objects.get(title=INPUT_TITLE)
    assert item.author == resident
    assert item.status == InputStatus.SUBMITTED

    # A process manager logs in (password + TOTP) in a browser of their own.
    staff_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff_context.set_default_timeout(10_000)
    staff_page = staff_context.new_page()
    watch_console(staff_page)
    try:
        log_in_staff(staff_page, manager)
        assert_accessible(staff_page)

        staff_page.goto("/beheer/reacties/")
        expect(staff_page.get_by_role("heading", level=1)).to_have_text("Antwoorden geven")
        assert_accessible(staff_page)
        inbox = staff_page.get_by_role("table")
        expect(inbox).to_contain_text(process.title)
        inbox.get_by_role("link", name=INPUT_TITLE).click()

        expect(staff_page.get_by_role("heading", level=1)).to_contain_text(INPUT_TITLE)
        expect(staff_page.get_by_role("main")).to_contain_text(INPUT_BODY)
        assert_accessible(staff_page)

        # Publishing without an outcome or reason is refused, with the typed answer kept.
        staff_page.get_by_label("Antwoord van de gemeente").fill(ANSWER_BODY)
        staff_page.get_by_role("button", name="Antwoord publiceren").click()
        expect(staff_page.get_by_label("Antwoord van de gemeente")).to_have_value(ANSWER_BODY)
        expect(staff_page.get_by_label("Uitkomst")).to_have_attribute(
            "aria-describedby", re.compile("error")
        )
        assert_accessible(staff_page)

        staff_page.get_by_label("Uitkomst").select_option(label="Overgenomen")
        staff_page.get_by_label("Reden").fill(ANSWER_REASON)
        staff_page.get_by_role("button", name="Antwoord publiceren").click()
        expect(staff_page.get_by_role("main")).not_to_contain_text("Kies een uitkomst")
        assert_accessible(staff_page)
        assert_no_console_errors(staff_page)
    finally:
        staff_context.close()

    item.refresh_from_db()
    assert item.status == InputStatus.ANSWERED
    assert item.answer.outcome == Outcome.ADOPTED

    # The resident sees the public answer, with outcome and reason, on the input page…
    page.goto(input_url)
    answer_section = page.get_by_role("region", name="Antwoord van de gemeente")
    expect(answer_section).to_contain_text("Overgenomen")
    expect(answer_section).to_contain_text(ANSWER_BODY)
    expect(answer_section).to_contain_text(ANSWER_REASON)
    expect(page.get_by_role("main")).to_contain_text("Beantwoord")
    assert_accessible(page)

    # …and has been told by e-mail, with a link back to the input.
    to_resident = [m for m in mail.outbox if resident.email in m.to and INPUT_TITLE in m.subject]
    assert len(to_resident) == 1, [(m.to, m.subject) for m in mail.outbox]
    notification = to_resident[0]
    assert "Antwoord van de gemeente" in notification.subject
    assert ANSWER_BODY in notification.body or "Overgenomen" in notification.body
    assert f"/processen/{process.slug}/inbreng/{item.pk}/" in notification.body
