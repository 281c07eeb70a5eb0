"""The golden thread end to end in a real browser (issue #14): a resident starts a citizen
initiative and hands it in; the clerk admits it; signatures (added through the service, the
browser journey of signing is in test_initiative_journey.py) bring it over the threshold into
the agenda queue; the clerk schedules it and records the council's decision; a process manager
makes a delivery project from the decided initiative (the "waiting for delivery" shortcut),
adds a milestone that is reached and marks the project delivered. The initiative's "Wat is
hiermee gebeurd?" then runs decision → delivery project → milestone → result, in date order,
and the project page names the initiative as where it came from. axe-core on every page;
screenshots in test-results/ (initiative-to-delivery-*.png)."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.delivery.models import DeliveryProject, ProjectStatus
from samenspraak.initiatives.factories import ByLawFactory, MeetingFactory, eligible_resident
from samenspraak.initiatives.models import Initiative, Meeting, Status
from samenspraak.initiatives.services.signatures import signature_add
from samenspraak.organisations.factories import MunicipalityFactory
from tests.e2e.axe import assert_accessible, assert_no_console_errors, watch_console
from tests.e2e.layout import screenshot
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

TITLE = "Een speelveld achter de Merelschool"
PROBLEM = "Kinderen uit de wijk hebben na school geen veilige plek om te voetballen."
PROPOSAL = "Maak van het grasveld achter de Merelschool een speelveld met twee doeltjes."
ASK = "Besluit dat de gemeente het speelveld dit jaar aanlegt en betaalt."
MOTIVATION = "De raad vindt spelen in de buurt belangrijk en neemt het voorstel over."
MILESTONE = "Doeltjes geplaatst"


def look(page: Page, name: str) -> None:
    assert_accessible(page)
    screenshot(page, f"initiative-to-delivery-{name}")


@pytest.fixture
def municipality(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return MunicipalityFactory()


def test_initiative_from_start_to_council_decision_to_delivery(
    page: Page, browser: Browser, live_server, municipality
):
    ByLawFactory(municipality=municipality, signatures_needed=3, collect_days=60)
    resident = eligible_resident(email="sem@example.org", display_name="Sem van de Merelstraat")
    clerk = StaffUserFactory(role=Role.CLERK)
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)

    # The resident starts the initiative and hands it in.
    log_in_resident_by_code(page, resident.email)
    page.goto("/initiatieven/")
    page.get_by_role("link", name="Begin een burgerinitiatief").click()
    page.get_by_label("Onderwerp op de raadsagenda").check()
    page.get_by_label("Titel").fill(TITLE)
    page.get_by_label("Wat is het probleem?").fill(PROBLEM)
    page.get_by_label("Wat stelt u voor?").fill(PROPOSAL)
    page.get_by_label("Wat moet de gemeenteraad doen?").fill(ASK)
    page.get_by_role("button", name="Concept bewaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    look(page, "draft")
    page.get_by_role("button", name="Indienen bij de griffie").click()
    expect(page.get_by_role("main")).to_contain_text("Wordt gecontroleerd")
    initiative = Initiative.objects.get(title=TITLE)
    detail_url = page.url

    staff_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    staff_context.set_default_timeout(10_000)
    staff = staff_context.new_page()
    watch_console(staff)
    try:
        # The clerk admits it.
        log_in_staff(staff, clerk)
        staff.goto("/beheer/")
        staff.get_by_role("link", name="Burgerinitiatieven controleren").click()
        staff.get_by_role("link", name=TITLE).click()
        look(staff, "review")
        staff.get_by_label("Toelaten: inwoners kunnen tekenen").check()
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("0 van de 3, tot en met")

        # Three residents sign: the third signature moves it into the agenda queue.
        for number in range(3):
            signer = eligible_resident(email=f"teken{number}@example.org")
            assert signature_add(user=signer, initiative=initiative)
        initiative.refresh_from_db()
        assert initiative.status == Status.AGENDA and initiative.signature_count == 3

        # The clerk schedules it for the coming meeting and, after the meeting, records the
        # council's decision.
        MeetingFactory(
            municipality=municipality,
            starts_at=timezone.now() + datetime.timedelta(days=1),
            location="Raadzaal",
        )
        staff.goto("/beheer/initiatieven/agenda/")
        expect(staff.get_by_role("table")).to_contain_text(TITLE)
        look(staff, "agenda-queue")
        staff.get_by_role("link", name="Op de agenda zetten").click()
        staff.get_by_role("button", name="Op de agenda zetten").click()
        expect(staff.get_by_role("table")).to_contain_text("Op de agenda van de raad")
        Meeting.objects.update(starts_at=timezone.now() - datetime.timedelta(hours=1))
        staff.get_by_role("link", name="Besluit vastleggen").click()
        staff.get_by_label("Aangenomen").check()
        staff.get_by_label("Motivering").fill(MOTIVATION)
        staff.get_by_label("Besloten op").fill(timezone.localdate().isoformat())
        staff.get_by_label("Link naar het officiële besluit").fill(
            "https://voorbeeldstad.raadsinformatie.nl/besluit/21"
        )
        look(staff, "decision-form")
        staff.get_by_role("button", name="Besluit vastleggen").click()
        expect(staff.get_by_role("main")).to_contain_text("Aangenomen")
        initiative.refresh_from_db()
        assert initiative.status == Status.DECIDED
        assert_no_console_errors(staff)
    finally:
        staff_context.close()

    # A process manager makes a delivery project from the decided initiative.
    manager_context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    manager_context.set_default_timeout(10_000)
    work = manager_context.new_page()
    watch_console(work)
    try:
        log_in_staff(work, manager)
        work.goto("/beheer/uitvoering/")
        waiting = work.get_by_role("region", name="Besloten, maar nog zonder uitvoeringsproject")
        expect(waiting).to_contain_text(TITLE)
        look(work, "waiting")
        waiting.get_by_role("link", name=f"Nieuw uitvoeringsproject van {TITLE}").click()
        expect(work.get_by_label("Titel")).to_have_value(TITLE)
        work.get_by_label("Status").select_option("in_progress")
        work.get_by_label("Voortgang in procent").fill("60")
        work.get_by_label("Geplande kosten in euro (niet verplicht)").fill("25.000")
        work.get_by_label("Uitgegeven in euro").fill("12.000")
        work.get_by_label("Openbaar: iedereen ziet dit project").check()
        look(work, "project-form")
        work.get_by_role("button", name="Opslaan").click()
        expect(work.get_by_text("Het uitvoeringsproject is gemaakt.")).to_be_visible()
        project = DeliveryProject.objects.get(title=TITLE)

        work.get_by_role("link", name="Mijlpaal toevoegen").click()
        work.get_by_label("Mijlpaal").fill(MILESTONE)
        work.get_by_label("Gepland op").fill(timezone.localdate().isoformat())
        work.get_by_label("Gehaald op (niet verplicht)").fill(timezone.localdate().isoformat())
        assert_accessible(work)
        work.get_by_role("button", name="Opslaan").click()
        expect(work.get_by_text("De mijlpaal is opgeslagen.")).to_be_visible()

        # The work is done: the project is delivered.
        work.get_by_label("Status").select_option("delivered")
        work.get_by_label("Voortgang in procent").fill("100")
        work.get_by_role("button", name="Opslaan").click()
        expect(work.get_by_text("De wijzigingen zijn opgeslagen.")).to_be_visible()
        look(work, "project-delivered")
        assert_no_console_errors(work)
    finally:
        manager_context.close()
    project.refresh_from_db()
    assert project.status == ProjectStatus.DELIVERED
    assert project.delivered_on == timezone.localdate()

    # The initiative's golden thread: decision → delivery project → milestone → result.
    page.goto(detail_url)
    thread = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    steps = thread.get_by_role("listitem")
    texts = [steps.nth(i).inner_text() for i in range(steps.count())]

    def position(fragment: str) -> int:
        found = [i for i, text in enumerate(texts) if fragment in text]
        assert found, f"{fragment!r} is not a step of the thread: {texts}"
        return found[0]

    decided = position("De gemeenteraad heeft het voorstel aangenomen")
    delivery = position(f"Uitvoeringsproject: {TITLE}")
    milestone = position(f"Mijlpaal gehaald: {MILESTONE}")
    result = position(f"Opgeleverd: {TITLE}")
    assert decided < delivery < milestone < result
    expect(thread).to_contain_text(MOTIVATION)
    thread.get_by_role("link", name=f"Opgeleverd: {TITLE}").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert page.url.endswith(project.get_absolute_url())
    page.go_back()
    look(page, "initiative-thread")

    # The project page names the initiative as its origin and shows it is done.
    page.goto(project.get_absolute_url())
    expect(page.get_by_text("100% klaar")).to_be_visible()
    origins = page.get_by_role("region", name="Waar komt dit vandaan?")
    origins.get_by_role("link", name=TITLE).click()
    assert page.url.endswith(initiative.get_absolute_url())
    page.go_back()
    expect(page.get_by_text(MILESTONE)).to_be_visible()
    look(page, "project")
