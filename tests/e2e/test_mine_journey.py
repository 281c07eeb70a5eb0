"""Mijn Samenspraak in a real browser: a resident logs in with an e-mail code, opens Mijn
Samenspraak from the header, reads what happened to their input, support, comment, follow and
vote, and takes a support back. axe-core and the layout check at desktop and phone width; the
screenshots go to test-results/mijn-samenspraak-*.png."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import VoterRegister
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory, SupportFactory
from samenspraak.consultation.models import Input, Outcome, Support
from samenspraak.dialogue.factories import CommentFactory
from samenspraak.information.models import Follow, Update
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from tests.e2e.axe import assert_accessible
from tests.e2e.layout import assert_form_layout
from tests.e2e.test_consultation_journey import log_in_resident_by_code

pytestmark = pytest.mark.browser


@pytest.fixture
def resident(transactional_db):
    MunicipalityFactory()
    resident = UserFactory(email="noor@example.org", display_name="Noor")
    process = ProcessFactory(title="Ideeën voor het Stationsplein", slug="stationsplein")
    phase = PhaseFactory(process=process, kind="consultation.collect")
    own = InputFactory(author=resident, phase=phase, title="Meer bomen bij de fontein")
    OfficialAnswerFactory(
        input=own,
        outcome=Outcome.ADOPTED,
        body="Dank u wel. In het ontwerp komen zes nieuwe bomen rond de fontein.",
    )
    InputFactory(author=resident, phase=phase, title="Een watertappunt bij de bushalte")
    supported = InputFactory(phase=phase, title="Fietsenstalling onder de grond")
    SupportFactory(user=resident, input=supported)
    Input.objects.filter(pk=supported.pk).update(support_count=12)
    CommentFactory(author=resident, target=supported, body="Graag ook plek voor bakfietsen.")
    Follow.objects.create(user=resident, process=process)
    Update.objects.create(process=process, title="Het ontwerp is klaar", body="Bekijk het.")

    budget_process = ProcessFactory(title="Buurtbudget Noord", slug="buurtbudget-noord")
    now = timezone.now()
    PhaseFactory(
        process=budget_process,
        kind=PROPOSE,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=10),
    )
    PhaseFactory(process=budget_process, kind=VOTE)
    budget = BudgetFactory(process=budget_process, title="Groen in Noord")
    project = BudgetProjectFactory(budget=budget)
    Input.objects.filter(pk=project.input_id).update(author=resident, title="Moestuin bij school")
    VoterRegister.objects.create(budget=budget, user=resident, channel="online", voted_on=now)
    return resident


def test_resident_reads_what_happened_and_takes_a_support_back(page: Page, resident):
    log_in_resident_by_code(page, resident.email)
    page.get_by_role("banner").get_by_role("link", name="Mijn Samenspraak").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Samenspraak")

    inputs = page.get_by_role("region", name="Mijn inbreng")
    expect(inputs).to_contain_text("Meer bomen bij de fontein")
    expect(inputs).to_contain_text("overgenomen")
    expect(inputs).to_contain_text("zes nieuwe bomen")
    expect(inputs).to_contain_text("nog niet geantwoord")
    expect(page.get_by_role("region", name="Mijn reacties")).to_contain_text("bakfietsen")
    expect(page.get_by_role("region", name="Wat ik volg")).to_contain_text("Het ontwerp is klaar")
    projects = page.get_by_role("region", name="Mijn projecten voor een budget")
    expect(projects).to_contain_text("Moestuin bij school")
    votes = page.get_by_role("region", name="Mijn stemmen")
    expect(votes).to_contain_text("Groen in Noord")
    expect(votes.get_by_role("link", name="Uw keuze bekijken of wijzigen")).to_be_visible()

    assert_accessible(page)
    assert_form_layout(page, "mijn-samenspraak")
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    supports = page.get_by_role("region", name="Wat ik steun")
    expect(supports).to_contain_text("Fietsenstalling onder de grond")
    expect(supports).to_contain_text("12 mensen steunen dit.")
    supports.get_by_role("button", name="Steun intrekken").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn Samenspraak")
    expect(page.get_by_role("status")).to_contain_text(
        "U steunt „Fietsenstalling onder de grond” niet meer."
    )
    expect(page.get_by_role("region", name="Wat ik steun")).to_have_count(0)
    assert not Support.objects.filter(user=resident).exists()
    assert Input.objects.get(title="Fietsenstalling onder de grond").support_count == 11
    assert_accessible(page)
    assert_form_layout(page, "mijn-samenspraak-na-intrekken")
