"""Issue #11 leftover 1: "Wat kunt u nu doen?" on the budget page too, with only that budget's
actions (the process page shows all budgets')."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def _block(response) -> str:
    html = response.content.decode()
    start = html.index('class="now-actions"')
    return html[start : html.index("</section>", start)]


def _budget_url(budget) -> str:
    return reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk])


def _voting_process():
    process = ProcessFactory()
    PhaseFactory(process=process, kind=VOTE)
    return process


def test_the_budget_page_offers_this_budgets_vote_with_its_deadline(client):
    process = _voting_process()
    vote = process.phases.get()
    budget = BudgetFactory(process=process, title="Wijkbudget Noord")
    BudgetFactory(process=process, title="Wijkbudget Zuid")
    block = _block(client.get(_budget_url(budget)))
    assert "Wat kunt u nu doen?" in block
    assert "Stem nu: Wijkbudget Noord" in block
    assert "Wijkbudget Zuid" not in block  # another budget's vote belongs on its own page
    assert f"Kan tot en met {vote.last_day.day} " in block
    # Not logged in: the button goes to log-in and back to the ballot.
    ballot = reverse("budgeting:ballot", args=[budget.pk])
    assert f'href="/account/login/?next={ballot.replace("/", "%2F")}"' in block


def test_a_resident_goes_straight_to_the_ballot(client):
    budget = BudgetFactory(process=_voting_process())
    client.force_login(UserFactory())
    block = _block(client.get(_budget_url(budget)))
    assert f'href="{reverse("budgeting:ballot", args=[budget.pk])}"' in block


def test_proposing_from_the_budget_page_preselects_the_budget(client):
    process = ProcessFactory()
    PhaseFactory(process=process, kind=PROPOSE)
    budget = BudgetFactory(process=process)
    client.force_login(UserFactory())
    block = _block(client.get(_budget_url(budget)))
    submit = reverse("budgeting:project_submit", args=[process.slug])
    assert f'href="{submit}?budget={budget.pk}"' in block
    # One "propose" button on the page: the block replaced the old one.
    assert client.get(_budget_url(budget)).content.decode().count("Stel een project voor") == 1


def test_nothing_open_names_the_next_step(client):
    process = ProcessFactory()
    now = timezone.now()
    PhaseFactory(
        process=process,
        kind=VOTE,
        title="Stemmen",
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=20),
    )
    block = _block(client.get(_budget_url(BudgetFactory(process=process))))
    assert "Er is nu niets te doen. Volgende stap: Stemmen (vanaf" in block


def test_the_budget_page_in_the_vote_runs_a_fixed_number_of_queries(client):
    """Two data sizes, logged in (the vote action reads the visitor's votes and eligibility)."""
    process = _voting_process()
    budget = BudgetFactory(process=process)
    BudgetFactory(process=process)
    client.force_login(UserFactory())

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_budget_url(budget))
        assert response.status_code == 200
        assert "Stem nu" in _block(response)
        return len(queries)

    BudgetProjectFactory(budget=budget)
    count()  # warm the per-process caches (session, site settings)
    small = count()
    for _n in range(6):
        BudgetProjectFactory(budget=budget)
        BudgetFactory(process=process)
    assert count() == small
