"""The golden thread and an area's memory in the browser: an input whose thread has the
municipality's answer, a budget project that was chosen, a decided citizen initiative, and a
wijk's timeline with its buurten. axe-core on every page; screenshots to look at in
test-results/ (golden-thread-*.png)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import COLLECT, Outcome
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Status, Step
from samenspraak.initiatives.models import Outcome as CouncilOutcome
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import PHONE, screenshot

pytestmark = pytest.mark.browser
DAY = datetime.timedelta(days=1)


@pytest.fixture
def town(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    municipality = MunicipalityFactory()
    wijk = AreaFactory(municipality=municipality, name="Oost", slug="oost")
    buurt = AreaFactory(municipality=municipality, parent=wijk, name="Oosterpark", slug="park")
    now = timezone.now()
    process = ProcessFactory(
        title="Groen in Oost",
        slug="groen-in-oost",
        published_at=now - 90 * DAY,
        outcome="We hebben **twaalf** bomen geplant langs de Linnaeusstraat.",
    )
    process.areas.set([wijk])
    phase = PhaseFactory(
        process=process, kind=COLLECT, starts_at=now - 90 * DAY, ends_at=now - 60 * DAY
    )
    item = InputFactory(
        phase=phase,
        area=buurt,
        title="Bomen langs de Linnaeusstraat",
        created_at=now - 80 * DAY,
    )
    OfficialAnswerFactory(
        input=item,
        outcome=Outcome.ADOPTED,
        body="Goed idee. We planten in het najaar **twaalf** bomen.",
        published_at=now - 70 * DAY,
    )
    initiative = InitiativeFactory(
        area=wijk, status=Status.DECIDED, title="Een speeltuin in het Oosterpark"
    )
    Step.objects.create(initiative=initiative, status=Status.COLLECTING, at=now - 50 * DAY)
    Step.objects.create(initiative=initiative, status=Status.AGENDA, at=now - 30 * DAY)
    CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(starts_at=now - 10 * DAY),
        outcome=CouncilOutcome.ADOPTED,
        motivation="De raad wil meer plek om te spelen in Oost.",
        decided_on=(now - 10 * DAY).date(),
        decision_url="https://raad.example/besluit/12",
    )
    vote = ProcessFactory(title="Buurtbudget Oost", slug="buurtbudget-oost")
    PhaseFactory(process=vote, kind=PROPOSE, starts_at=now - 60 * DAY, ends_at=now - 40 * DAY)
    PhaseFactory(process=vote, kind=VOTE, starts_at=now - 30 * DAY, ends_at=now - 20 * DAY)
    budget = BudgetFactory(process=vote, area=wijk)
    project = BudgetProjectFactory(budget=budget)
    project.input.title = "Een bankje bij de vijver"
    project.input.created_at = now - 55 * DAY
    project.input.save()
    OfficialAnswerFactory(input=project.input, published_at=now - 45 * DAY)
    BudgetResult.objects.create(
        budget=budget,
        rule=budget.rule,
        selected=[project.pk],
        tally={"projects": {str(project.pk): {"votes": 31}}},
        ballots=40,
        computed_at=now - 15 * DAY,
        published_at=now - 15 * DAY,
    )
    return {"input": item, "project": project, "initiative": initiative}


def look(page: Page, name: str) -> None:
    """axe on the page, then a screenshot at desktop and at phone width."""
    assert_accessible(page)
    screenshot(page, f"golden-thread-{name}-desktop")
    original = page.viewport_size
    page.set_viewport_size(PHONE)
    screenshot(page, f"golden-thread-{name}-phone")
    assert_accessible(page)
    if original:
        page.set_viewport_size(original)


def test_an_inputs_thread_and_the_areas_timeline(page: Page, live_server, town):
    item = town["input"]
    page.goto(item.get_absolute_url())
    thread = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    steps = thread.get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("De inbreng is ingediend")
    expect(steps.nth(1)).to_contain_text("De gemeente heeft geantwoord: overgenomen")
    expect(steps.nth(1)).to_contain_text("We planten in het najaar twaalf bomen.")
    look(page, "input")
    steps.nth(1).get_by_role("link").click()
    expect(page.get_by_role("heading", name="Antwoord van de gemeente")).to_be_in_viewport()

    page.goto(reverse("budgeting:project_detail", args=["buurtbudget-oost", town["project"].pk]))
    thread = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    expect(thread.get_by_role("listitem")).to_have_count(4)
    expect(thread).to_contain_text("Gekozen: dit project krijgt")
    expect(thread).to_contain_text("31 mensen stemden erop")
    look(page, "project")

    page.goto(town["initiative"].get_absolute_url())
    thread = page.get_by_role("region", name="Wat is hiermee gebeurd?")
    expect(thread.get_by_role("listitem")).to_have_count(3)
    expect(thread).to_contain_text("De gemeenteraad heeft het voorstel aangenomen")
    look(page, "initiative")

    page.goto(reverse("organisations:area_detail", args=["oost"]))
    timeline = page.locator("ol.trace-list")
    expect(page.get_by_role("heading", name="Tijdlijn: wat is hier gevraagd")).to_be_visible()
    expect(timeline).to_contain_text("Bomen langs de Linnaeusstraat")  # in the buurt
    expect(timeline).to_contain_text("Oosterpark")
    expect(timeline).to_contain_text("Een speeltuin in het Oosterpark")
    expect(timeline).to_contain_text("Een bankje bij de vijver")
    expect(timeline).to_contain_text("We hebben twaalf bomen geplant")
    look(page, "area")
