"""A participatory budget from proposal to published result, in a real browser, with axe-core on
every page: a resident proposes a project; a process manager (password + TOTP) reviews it as
feasible with a final cost; the vote opens and a resident with an account and a resident with a
vote code from a letter vote; the vote closes; the process manager computes the result, compares
"most votes first" with Equal Shares and publishes; the public results page shows the project as
funded, with the explanation.

The process comes from the shipped "Burgerbegroting" template. Phase dates are moved in the test
(the way time passes in a real process); everything else happens through the pages.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from samenspraak.accounts.factories import StaffUserFactory, UserFactory, VerifiedAttributeFactory
from samenspraak.accounts.models import AttributeKind, Role
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.models import (
    Ballot,
    BallotChannel,
    BudgetProject,
    BudgetResult,
    Feasibility,
    OutcomeRule,
    VoterRegister,
)
from samenspraak.budgeting.phases import VOTE
from samenspraak.budgeting.proposals import selectors as proposal_selectors
from samenspraak.budgeting.proposals import services as proposals
from samenspraak.budgeting.voting import codes
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes import services as process_services
from samenspraak.processes.models import Phase, ProcessTemplate
from samenspraak.processes.services import shipped_templates_install
from tests.e2e.axe import assert_accessible, watch_console
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_consultation_journey import log_in_resident_by_code, log_in_staff

pytestmark = pytest.mark.browser

TITLE = "Bankjes langs de Singel"
BODY = (
    "Langs de Singel kun je nergens zitten. Tien bankjes maken de wandeling fijner voor iedereen."
)
REASON = "Het kan: de grond is van de gemeente. De aannemer rekent 30.000 euro voor tien bankjes."


@pytest.fixture
def municipality(transactional_db):
    shipped_templates_install()  # the tables were emptied after an earlier test
    return MunicipalityFactory()


@pytest.fixture
def manager(municipality):
    return StaffUserFactory(role=Role.PROCESS_MANAGER)


@pytest.fixture
def budget(municipality, manager):
    """A published Burgerbegroting from the shipped template, its proposal phase running today,
    with one city-wide budget (approval, at most 2, Equal Shares) and two projects by others
    already reviewed."""
    process = published_burgerbegroting(manager, municipality)
    budget = budget_services.budget_save(
        actor=manager,
        process=process,
        title="Voor de hele stad",
        amount=Decimal("100000"),
        ballot_type="approval",
        max_choices=2,
        rule=OutcomeRule.MES_ADD1_GREEDY,
        required_attributes=[AttributeKind.RESIDENT_OF_MUNICIPALITY],
    )
    add_reviewed_projects(
        manager, budget, {"Een pannakooi in het park": 60_000, "Een groen schoolplein": 50_000}
    )
    return budget


def add_reviewed_projects(manager, budget, costs: dict) -> None:
    """Projects by other residents ({title: cost}), reviewed as feasible."""
    phase = proposal_selectors.propose_phase(budget.process)
    for title, cost in costs.items():
        project = proposals.project_submit(
            author=UserFactory(),
            phase=phase,
            budget=budget,
            title=title,
            body="Een voorstel van een andere inwoner, met genoeg uitleg om het te begrijpen.",
            estimated_cost=Decimal(cost),
        )
        proposals.project_review(
            actor=manager,
            project=project,
            feasibility=Feasibility.FEASIBLE,
            reason="Het kan en past in de regels van de burgerbegroting.",
        )


def published_burgerbegroting(manager, municipality):
    """A published process from the shipped "Burgerbegroting" template, starting today."""
    template = ProcessTemplate.objects.get(municipality__isnull=True, key="burgerbegroting")
    process = process_services.process_start_from_template(
        actor=manager,
        template=template,
        municipality=municipality,
        start_date=timezone.localdate(),
        title="Burgerbegroting Teststad",
    )
    process_services.process_publish(actor=manager, process=process)
    return process


def move_phases(process, *, days: int) -> None:
    """Time passes: every phase moves `days` back (set directly, as the brief of this test says)."""
    delta = datetime.timedelta(days=days)
    Phase.objects.filter(process=process).update(
        starts_at=F("starts_at") - delta, ends_at=F("ends_at") - delta
    )


def days_until(process, kind: str, *, end: bool = False) -> int:
    phase = process.phases.get(kind=kind)
    moment = phase.ends_at if end else phase.starts_at
    return (timezone.localtime(moment).date() - timezone.localdate()).days


def staff_page(browser: Browser, live_server) -> Page:
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch_console(page)
    return page


def test_from_proposal_to_published_result(
    page: Page, browser: Browser, live_server, budget, manager
):
    process = budget.process
    resident = UserFactory(email="noor@example.org", display_name="Noor van de Singel")
    VerifiedAttributeFactory(user=resident, kind=AttributeKind.RESIDENT_OF_MUNICIPALITY)

    # 1. A resident proposes a project while the proposal phase runs.
    log_in_resident_by_code(page, resident.email)
    page.goto(f"/processen/{process.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(process.title)
    assert_accessible(page)
    page.get_by_role("link", name="Stel een project voor").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een project voor")
    assert_accessible(page)
    page.get_by_label("Naam van het project").fill(TITLE)
    page.get_by_label("Wat wilt u doen?").fill(BODY)
    page.get_by_label("Wat kost het ongeveer? (in euro)").fill("25.000")
    page.get_by_role("button", name="Voorstel versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    assert_accessible(page)
    project = BudgetProject.objects.select_related("input").get(input__title=TITLE)
    assert project.budget == budget
    assert project.input.author == resident
    assert project.estimated_cost == Decimal("25000")
    assert project.feasibility == Feasibility.PENDING

    # 2. A process manager (password + TOTP) reviews it: feasible, with a final cost.
    staff = staff_page(browser, live_server)
    try:
        log_in_staff(staff, manager)
        staff.goto(f"/beheer/processen/{process.slug}/budgetten/{budget.pk}/toets/")
        assert_accessible(staff)
        staff.get_by_role("link", name=TITLE).first.click()
        expect(staff.get_by_role("heading", level=1)).to_contain_text(TITLE)
        assert_accessible(staff)
        staff.get_by_label("Haalbaar: het komt op het stembiljet").check()
        staff.get_by_label("Kosten na de toets (in euro)").fill("30.000")
        staff.get_by_label("Reden (openbaar)").fill(REASON)
        staff.get_by_role("button", name="Toets publiceren").click()
        row = staff.get_by_role("row").filter(has_text=TITLE)
        expect(row).to_contain_text("€ 30.000")
        expect(row).to_contain_text("Haalbaar")
        assert_accessible(staff)
        project.refresh_from_db()
        assert project.feasibility == Feasibility.FEASIBLE
        assert project.final_cost == Decimal("30000")

        # The resident reads the answer on the project's page.
        page.goto(f"/processen/{process.slug}/projecten/{project.pk}/")
        expect(page.get_by_role("main")).to_contain_text(REASON)
        assert_accessible(page)

        # 3. The vote opens.
        move_phases(process, days=days_until(process, VOTE))

        # 4a. The resident votes online with their account.
        page.goto(f"/processen/{process.slug}/")
        assert_accessible(page)
        page.get_by_role("link", name=re.compile("^Stem nu")).first.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Stemmen")
        assert_accessible(page)
        assert_form_layout(page, "budget-ballot")
        page.get_by_label(TITLE).check()
        page.get_by_label("Een groen schoolplein").check()
        page.get_by_role("button", name="Verder").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Controleer uw stem")
        assert_accessible(page)
        page.get_by_role("button", name="Stem versturen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw stem is opgeslagen")
        assert_accessible(page)

        # 4b. Someone without an account votes with the code from a letter.
        _batch, letters = codes.generate_batch(
            budget=budget, label="Brief aan alle adressen", created_by=manager, count=3
        )
        letter_reader = browser.new_context(base_url=live_server.url, locale="nl-NL")
        letter_reader.set_default_timeout(10_000)
        code_page = letter_reader.new_page()
        watch_console(code_page)
        try:
            code_page.goto(f"/budgetten/{budget.pk}/stemcode/")
            expect(code_page.get_by_role("heading", level=1)).to_have_text("Stemmen met een code")
            assert_accessible(code_page)
            code_page.get_by_label("Uw stemcode").fill(letters[0]["code"])
            code_page.get_by_label(TITLE).check()
            code_page.get_by_role("button", name="Verder").click()
            expect(code_page.get_by_role("heading", level=1)).to_have_text("Controleer uw stem")
            assert_accessible(code_page)
            code_page.get_by_role("button", name="Stem versturen").click()
            expect(code_page.get_by_role("heading", level=1)).to_have_text("Uw stem is opgeslagen")
            assert_accessible(code_page)
        finally:
            letter_reader.close()
        # The register says how each voted; the ballots do not.
        channels = sorted(
            VoterRegister.objects.filter(budget=budget).values_list("channel", flat=True)
        )
        assert channels == [BallotChannel.CODE, BallotChannel.ONLINE]
        assert Ballot.objects.filter(budget=budget).count() == 2

        # 5. The vote closes.
        move_phases(process, days=days_until(process, VOTE, end=True))

        # 6. Staff compute the result, compare the two rules and publish.
        staff.goto(f"/beheer/budgetten/{budget.pk}/uitslag/")
        expect(staff.get_by_role("heading", level=1)).to_contain_text("Uitslag beheren")
        assert_accessible(staff)
        staff.get_by_role("button", name="Uitslag berekenen").click()
        expect(staff.get_by_role("main")).to_contain_text("Nog niet gepubliceerd")
        compare = staff.get_by_role("region", name=re.compile("Vergelijken"))
        expect(compare).to_contain_text("Meeste stemmen eerst")
        expect(compare).to_contain_text("Gelijke delen")
        expect(compare.get_by_role("table")).to_contain_text(TITLE)
        assert_accessible(staff)
        staff.get_by_role("button", name="Uitslag publiceren").click()
        # Publishing leads to the public results page.
        expect(staff.get_by_role("heading", level=1)).to_have_text(f"Uitslag: {budget.title}")
        assert_accessible(staff)
    finally:
        staff.context.close()
    result = BudgetResult.objects.get(budget=budget)
    assert result.published_at is not None
    assert project.pk in result.selected

    # 7. The public results page shows the project as funded, with why.
    page.goto(f"/budgetten/{budget.pk}/uitslag/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Uitslag: {budget.title}")
    funded = page.get_by_role("region", name="Deze projecten krijgen geld")
    item = funded.get_by_role("listitem").filter(has_text=TITLE)
    expect(item).to_contain_text("€ 30.000")
    expect(item).to_contain_text("2 stemmers steunden dit project")
    assert_accessible(page)
