"""A citizen initiative in a real browser, from start to council decision: a resident starts
it (a too-short text comes back with its message), submits it; the clerk admits it, enters a
paper list with a duplicate line, which brings it over the threshold into the agenda queue,
adds a meeting, schedules it, is refused a decision dated before the meeting, and records the
council's decision; the resident sees every step on the public timeline. axe-core on every
page; forms and the initiative page checked for overlap at 1280 and 390 wide (screenshots in
test-results/)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives.factories import ByLawFactory, eligible_resident
from samenspraak.initiatives.models import Initiative, Meeting, Status
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible, assert_no_console_errors, watch_console
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

TITLE = "Een zebrapad bij de Vlinderschool"
PROBLEM = "Kinderen steken de drukke Schoolstraat over zonder veilige plek."
PROPOSAL = "Leg een zebrapad met verlichting aan bij de ingang van de school."
ASK = "Besluit dat er dit jaar een veilig zebrapad bij de school komt."
MOTIVATION = "De raad vindt de veiligheid van schoolkinderen belangrijk en neemt het over."


@pytest.fixture
def municipality(transactional_db):
    return MunicipalityFactory()


def test_initiative_from_start_to_council_decision(
    page: Page, browser: Browser, live_server, municipality
):
    ByLawFactory(municipality=municipality, signatures_needed=3, collect_days=60)
    resident = eligible_resident(email="noor@example.org", display_name="Noor uit de Schoolstraat")
    clerk = StaffUserFactory(role=Role.CLERK)

    log_in_resident_by_code(page, resident.email)
    page.goto("/initiatieven/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Burgerinitiatieven")
    assert_accessible(page)
    page.get_by_role("link", name="Begin een burgerinitiatief").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Begin een burgerinitiatief")
    assert_accessible(page)

    # Too short: the message is next to the field and everything typed stays.
    page.get_by_label("Onderwerp op de raadsagenda").check()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Wat is het probleem?").fill("Gevaarlijk")
    page.get_by_label("Wat stelt u voor?").fill(PROPOSAL)
    page.get_by_label("Wat moet de gemeenteraad doen?").fill(ASK)
    page.get_by_role("button", name="Concept bewaren").click()
    expect(page.get_by_role("main")).to_contain_text("Schrijf minstens 20 tekens.")
    expect(page.get_by_label("Titel")).to_have_value(TITLE)
    expect(page.get_by_label("Onderwerp op de raadsagenda")).to_be_checked()
    expect(page.get_by_label("Wat stelt u voor?")).to_have_value(PROPOSAL)
    assert_accessible(page)
    assert_form_layout(page, "initiative-form")

    page.get_by_label("Wat is het probleem?").fill(PROBLEM)
    page.get_by_role("button", name="Concept bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("region", name="Uw concept")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Indienen bij de griffie").click()
    expect(page.get_by_role("main")).to_contain_text("Wordt gecontroleerd")
    initiative = Initiative.objects.get(title=TITLE)
    assert initiative.status == Status.IN_REVIEW
    detail_url = page.url

    staff_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff_context.set_default_timeout(10_000)
    staff = staff_context.new_page()
    watch_console(staff)
    try:
        log_in_staff(staff, clerk)
        staff.goto("/beheer/")
        staff.get_by_role("link", name="Burgerinitiatieven controleren").click()
        expect(staff.get_by_role("heading", level=1)).to_have_text("Burgerinitiatieven controleren")
        assert_accessible(staff)
        staff.get_by_role("link", name=TITLE).click()
        # Refusing without a reason is refused.
        staff.get_by_label("Niet toelaten").check()
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("Schrijf waarom")
        assert_accessible(staff)
        assert_form_layout(staff, "initiative-review")
        staff.get_by_label("Toelaten: inwoners kunnen tekenen").check()
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("0 van de 3, tot en met")

        # A paper list: one line is the same person twice, so two count.
        staff.get_by_role("link", name="Papieren lijst invoeren").click()
        assert_accessible(staff)
        staff.get_by_role("textbox", name="Handtekeningen").fill(
            "Anna de Vries; 9991 AB; 12\nBram Jansen; 9992 CD; 3\nanna de vries; 9991ab; 12"
        )
        staff.get_by_role("button", name="Lijst invoeren").click()
        expect(staff.get_by_role("main")).to_contain_text("2 handtekeningen geteld.")
        expect(staff.get_by_role("main")).to_contain_text("Regel 3: staat al eerder op deze lijst")
        assert_accessible(staff)
        assert_form_layout(staff, "initiative-paper-list")

        # The resident signs (the third signature): into the council agenda queue.
        page.goto(detail_url)
        expect(page.get_by_label("2 van de 3 handtekeningen")).to_be_visible()
        assert_accessible(page)
        assert_form_layout(page, "initiative-collecting")
        page.get_by_label("Stuur mij een e-mail bij elke volgende stap").check()
        page.get_by_role("button", name="Ik teken dit initiatief").click()
        expect(page.get_by_role("main")).to_contain_text("Agendering")
        expect(page.get_by_role("button", name="Handtekening intrekken")).to_have_count(0)
        initiative.refresh_from_db()
        assert initiative.status == Status.AGENDA and initiative.signature_count == 3

        staff.goto("/beheer/raadsvergaderingen/")
        assert_accessible(staff)
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        staff.get_by_label("Datum").fill(tomorrow.isoformat())
        staff.get_by_label("Plaats").fill("Raadzaal")
        staff.get_by_role("button", name="Vergadering opslaan").click()
        expect(staff.get_by_role("main")).to_contain_text("Raadzaal")
        assert_form_layout(staff, "initiative-meetings")

        staff.goto("/beheer/initiatieven/agenda/")
        expect(staff.get_by_role("table")).to_contain_text(TITLE)
        assert_accessible(staff)
        staff.get_by_role("link", name="Op de agenda zetten").click()
        assert_accessible(staff)
        staff.get_by_role("button", name="Op de agenda zetten").click()
        expect(staff.get_by_role("table")).to_contain_text("Op de agenda van de raad")

        # A decision dated before the meeting is out of order: refused, the text kept.
        staff.get_by_role("link", name="Besluit vastleggen").click()
        staff.get_by_label("Aangenomen").check()
        staff.get_by_label("Motivering").fill(MOTIVATION)
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("Het besluit kan niet eerder zijn")
        expect(staff.get_by_label("Motivering")).to_have_value(MOTIVATION)
        assert_accessible(staff)
        assert_form_layout(staff, "initiative-decision")

        # The meeting took place (an hour ago); now the decision is recorded.
        Meeting.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))
        staff.get_by_label("Besloten op").fill(timezone.localdate().isoformat())
        staff.get_by_label("Link naar het officiële besluit").fill(
            "https://voorbeeldstad.raadsinformatie.nl/besluit/7"
        )
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("Aangenomen")
        assert_no_console_errors(staff)
    finally:
        staff_context.close()

    page.goto(detail_url)
    expect(page.get_by_role("region", name="Besluit van de raad: Aangenomen")).to_contain_text(
        MOTIVATION
    )
    # The golden thread: every step and the council's decision, dated, in order.
    timeline = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    for step in (
        "Het initiatief is begonnen",
        "Het initiatief is ingediend bij de griffie",
        "Inwoners kunnen het initiatief tekenen",
        "Genoeg handtekeningen: het initiatief gaat naar de gemeenteraad",
        "Het initiatief staat op de agenda van de gemeenteraad",
        "De gemeenteraad heeft over het initiatief besloten",
        "De gemeenteraad heeft het voorstel aangenomen",
    ):
        expect(timeline).to_contain_text(step)
    assert_accessible(page)
    assert_form_layout(page, "initiative-decided")
    assert_no_console_errors(page)
