"""A process manager builds a process with the wizard, starting from a shipped template, sets
representation targets in it (another app's step), and publishes it; residents then see goal,
level, commitment and phases. axe-core on every page (the targets step at desktop and phone
width too)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import AuditLogEntry
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.models import Process, ProcessStatus
from samenspraak.processes.services import shipped_templates_install
from tests.e2e.axe import assert_accessible, assert_no_console_errors, watch_console
from tests.e2e.layout import WIDTHS, assert_form_layout, screenshot
from tests.e2e.test_consultation_journey import log_in_staff

pytestmark = pytest.mark.browser

TITLE = "Ideeën voor het Marktplein"
GOAL = "Het Marktplein wordt opnieuw ingericht. We willen weten wat u belangrijk vindt."
COMMITMENT = "De gemeente reageert op elk idee en zet de overgenomen ideeën in het ontwerp."


@pytest.fixture
def municipality(transactional_db):
    municipality = MunicipalityFactory()
    shipped_templates_install()  # idempotent; the tables were emptied after an earlier test
    return municipality


def heading(page: Page):
    return page.get_by_role("heading", level=1)


def test_process_manager_builds_a_process_from_a_template_and_publishes_it(
    page: Page, browser: Browser, live_server, municipality
):
    """Template → goal → level → commitment → phases → who takes part → preview → publish →
    public page."""
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    start = timezone.localdate() + datetime.timedelta(days=7)
    log_in_staff(page, manager)

    page.goto("/beheer/processen/nieuw/")
    expect(heading(page)).to_contain_text("stap 1, Doel")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Begin met een sjabloon").click()

    expect(heading(page)).to_have_text("Begin met een sjabloon")
    assert_accessible(page)
    assert_form_layout(page, "wizard-template")
    page.get_by_role("radio", name=re.compile("Ideeën voor het plein")).check()
    page.get_by_label("Titel van het proces").fill(TITLE)
    page.get_by_label("Begindatum").fill(start.isoformat())
    page.get_by_role("button", name="Concept maken").click()

    # Step 1, goal: the template's texts are there to adapt.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 1, Doel")
    expect(page.get_by_label("Titel", exact=True)).to_have_value(TITLE)
    assert_accessible(page)
    assert_form_layout(page, "wizard-goal")
    process = Process.objects.get(title=TITLE)
    assert process.status == ProcessStatus.DRAFT
    page.get_by_label("Waarom vraagt de gemeente dit?").fill(GOAL)
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 2, level: the ladder is explained; the manager picks "Raadplegen".
    expect(heading(page)).to_have_text(f"{TITLE}: stap 2, Niveau")
    assert_accessible(page)
    assert_form_layout(page, "wizard-level")
    # Chosen with the mouse: the options are no longer covered by the next field.
    page.get_by_label("Raadplegen", exact=True).check()
    expect(page.get_by_label("Raadplegen", exact=True)).to_be_checked()
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 3, commitment: an answer deadline of 0 days comes back with a message, text kept.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 3, Toezegging")
    assert_accessible(page)
    assert_form_layout(page, "wizard-commitment")
    page.get_by_label("Wat doet de gemeente met de inbreng?").fill(COMMITMENT)
    page.get_by_label("Antwoordtermijn in dagen").fill("0")
    page.get_by_role("button", name="Opslaan en verder").click()
    expect(heading(page)).to_have_text(f"{TITLE}: stap 3, Toezegging")
    expect(page.get_by_label("Wat doet de gemeente met de inbreng?")).to_have_value(COMMITMENT)
    expect(page.get_by_label("Antwoordtermijn in dagen")).to_have_attribute(
        "aria-describedby", re.compile("error")
    )
    expect(page.get_by_role("main")).to_contain_text("minstens 1 dag")
    assert_accessible(page)
    page.get_by_label("Antwoordtermijn in dagen").fill("14")
    page.get_by_role("button", name="Opslaan en verder").click()

    # Step 4, phases: the template's two phases are there; the manager adds a look back.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 4, Fasen")
    phases = page.get_by_role("table", name="De fasen op volgorde")
    expect(phases.get_by_role("rowheader")).to_have_text(
        ["Ideeën geven", "Besluit over het ontwerp"]
    )
    assert_accessible(page)
    assert_form_layout(page, "wizard-phases")
    page.get_by_label("Soort fase").select_option(label="Terugblik")
    page.get_by_label("Titel", exact=True).fill("Terugblik op het Marktplein")
    page.get_by_label("Eerste dag").fill((start + datetime.timedelta(days=80)).isoformat())
    page.get_by_label("Laatste dag").fill((start + datetime.timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Fase toevoegen").click()
    expect(phases.get_by_role("rowheader")).to_have_count(3)
    expect(phases).to_contain_text("Terugblik op het Marktplein")
    assert_accessible(page)
    page.get_by_role("link", name="Verder: Wie doen mee").click()

    # Step 5, who takes part: representation's step (added through its manifest). A number
    # out of range comes back with a message and what was chosen; then two targets are set.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 5, Wie doen mee")
    expect(page.get_by_role("main")).to_contain_text("Er zijn nog geen doelen.")
    assert_accessible(page)
    assert_form_layout(page, "wizard-targets")
    page.get_by_label("Groep").select_option(label="15 tot 25 jaar")
    page.get_by_label("Soort doel").select_option(label="Minimaal dit percentage van de deelnemers")
    page.get_by_label("Getal").fill("140")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(heading(page)).to_have_text(f"{TITLE}: stap 5, Wie doen mee")
    expect(page.get_by_role("main")).to_contain_text("Het getal ligt tussen 0 en 100.")
    expect(page.get_by_label("Getal")).to_have_value("140")
    expect(page.get_by_label("Groep")).to_have_value("leeftijd:15-24")
    assert_accessible(page)
    page.get_by_label("Getal").fill("15")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.get_by_role("status")).to_contain_text("Het doel is opgeslagen.")
    page.get_by_label("Groep").select_option(label="Laag: basisschool, vmbo, mbo 1")
    page.get_by_label("Soort doel").select_option(
        label="Hoogstens zoveel procentpunten onder de bevolking"
    )
    page.get_by_label("Getal").fill("5")
    page.get_by_role("button", name="Doel toevoegen").click()
    targets = page.get_by_role("table", name="Doelen voor deelname")
    expect(targets.get_by_role("rowheader")).to_have_text(
        ["15 tot 25 jaar", "Laag: basisschool, vmbo, mbo 1"]
    )
    expect(targets).to_contain_text("minimaal 15% van de deelnemers")
    for size in WIDTHS.values():  # axe at desktop and phone width
        page.set_viewport_size(size)
        assert_accessible(page)
    screenshot(page, "wizard-targets-set-phone")
    page.set_viewport_size(WIDTHS["desktop"])
    screenshot(page, "wizard-targets-set")
    page.get_by_role("link", name="Verder naar het voorbeeld").click()

    # Step 6, preview: the page as residents will see it.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 6, Voorbeeld")
    expect(page.get_by_role("main")).to_contain_text(GOAL)
    assert_accessible(page)
    page.get_by_role("link", name="Verder naar publiceren").click()

    # Step 7, publish.
    expect(heading(page)).to_have_text(f"{TITLE}: stap 7, Publiceren")
    assert_accessible(page)
    page.get_by_role("button", name="Publiceren", exact=True).click()

    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("status")).to_contain_text("gepubliceerd")
    assert_accessible(page)
    process.refresh_from_db()
    assert process.status == ProcessStatus.PUBLISHED
    assert process.level == "consult"
    assert process.answer_days == 14
    assert process.phases.count() == 3
    assert sorted(
        process.representation_targets.values_list("characteristic", "value", "kind", "number")
    ) == [("leeftijd", "15-24", "minimaal", 15), ("opleiding", "laag", "binnen", 5)]
    assert AuditLogEntry.objects.filter(action="representation.target_added").count() == 2

    # Anyone (not logged in) sees goal, level, commitment and the phases on the public page.
    visitor = browser.new_context(base_url=live_server.url, locale="nl-NL")
    visitor.set_default_timeout(10_000)
    public = visitor.new_page()
    watch_console(public)
    try:
        public.goto(f"/processen/{process.slug}/")
        expect(heading(public)).to_have_text(TITLE)
        main = public.get_by_role("main")
        expect(main.get_by_role("region", name="Waarom vragen we dit?")).to_contain_text(GOAL)
        level = main.get_by_role("region", name="Hoeveel invloed heeft u?")
        expect(level.locator("[aria-current=step]")).to_contain_text("Raadplegen")
        commitment = main.get_by_role("region", name="Wat doen we met uw inbreng?")
        expect(commitment).to_contain_text(COMMITMENT)
        expect(commitment).to_contain_text("Binnen 14 dagen")
        planning = main.get_by_role("region", name="Planning")
        expect(planning.get_by_role("heading", level=3)).to_have_text(
            [
                re.compile("^Ideeën geven"),
                re.compile("^Besluit over het ontwerp"),
                re.compile("^Terugblik op het Marktplein"),
            ]
        )
        expect(main).not_to_contain_text("Dit is een concept")
        assert_accessible(public)
        assert_no_console_errors(public)
    finally:
        visitor.close()
