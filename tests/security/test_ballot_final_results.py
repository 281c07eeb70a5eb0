"""Results are final: no ballot of any channel after the result is computed, and exports come
from the snapshot stored with the result (docs/ballot-secrecy.md, "Results are final")."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.accounts.tests.conftest import log_in_staff
from samenspraak.budgeting import results, voting
from samenspraak.budgeting.models import (
    Ballot,
    BallotChoice,
    BudgetResult,
    PaperEntry,
    VoterRegister,
)
from samenspraak.budgeting.phases import VOTE
from samenspraak.budgeting.results import pb_io
from samenspraak.budgeting.tests.test_voting_helpers import vote_budget
from samenspraak.budgeting.voting import codes, paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerks():
    return [StaffUserFactory(role=Role.PROCESS_MANAGER) for _i in range(2)]


def counted_vote(clerks, *, publish=False):
    """A budget with three online ballots whose vote has ended and whose result is computed
    (and published)."""
    budget, projects = vote_budget()
    for i in range(3):
        voting.cast_online(budget=budget, user=UserFactory(), choices={projects[i].pk: 1})
    phase = budget.process.phases.get(kind=VOTE)
    phase.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    phase.save()
    budget = results.budget_get(budget.pk)
    result = results.result_compute(budget)
    if publish:
        result = results.result_publish(result, actor=clerks[0])
    return budget, projects, result


@pytest.mark.parametrize("publish", [False, True], ids=["computed", "published"])
def test_paper_entry_after_the_result_is_refused(clerks, publish):
    budget, projects, _result = counted_vote(clerks, publish=publish)
    with pytest.raises(PermissionDenied, match="De uitslag is al berekend"):
        paper.enter_sheet(budget=budget, sheet="9", choices={projects[0].pk: 1}, user=clerks[0])
    assert not PaperEntry.objects.exists() and Ballot.objects.count() == 3


def test_a_sheet_waiting_for_its_second_entry_does_not_count_after_the_result(clerks):
    budget, projects = vote_budget()
    voting.cast_online(budget=budget, user=UserFactory(), choices={projects[0].pk: 1})
    paper.enter_sheet(budget=budget, sheet="4", choices={projects[1].pk: 1}, user=clerks[0])
    phase = budget.process.phases.get(kind=VOTE)
    phase.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    phase.save()
    budget = results.budget_get(budget.pk)
    results.result_compute(budget)
    with pytest.raises(PermissionDenied, match="De uitslag is al berekend"):
        paper.enter_sheet(budget=budget, sheet="4", choices={projects[1].pk: 1}, user=clerks[1])
    assert Ballot.objects.count() == 1


@pytest.mark.parametrize("publish", [False, True], ids=["computed", "published"])
def test_paper_page_says_the_result_is_final_instead_of_the_form(client, clerks, publish):
    budget, projects, _result = counted_vote(clerks, publish=publish)
    log_in_staff(client, clerks[0])
    url = reverse("budgeting:staff_paper", args=[budget.pk])
    page = client.get(url).content.decode()
    assert "De uitslag is al berekend. Er kunnen geen stemmen meer bij." in page
    assert 'name="sheet"' not in page
    response = client.post(url, {"sheet": "9", "projects": [projects[0].pk]}, follow=True)
    assert response.status_code == 200
    assert "De uitslag is al berekend" in response.content.decode()
    assert not PaperEntry.objects.exists()


def test_votes_with_an_account_or_a_code_after_the_result_are_refused(clerks):
    """Even when the vote phase is opened again after the count."""
    budget, projects, _result = counted_vote(clerks)
    _batch, letters = codes.generate_batch(budget=budget, label="B", created_by=None, count=1)
    phase = budget.process.phases.get(kind=VOTE)
    phase.ends_at = timezone.now() + datetime.timedelta(days=1)
    phase.save()
    budget = results.budget_get(budget.pk)
    with pytest.raises(PermissionDenied, match="De uitslag is al berekend"):
        voting.cast_online(budget=budget, user=UserFactory(), choices={projects[0].pk: 1})
    with pytest.raises(PermissionDenied, match="De uitslag is al berekend"):
        voting.cast_with_code(budget=budget, code=letters[0]["code"], choices={projects[0].pk: 1})
    assert Ballot.objects.count() == 3


def test_export_after_publish_equals_the_snapshot_even_if_data_changes(clerks):
    budget, projects, result = counted_vote(clerks, publish=True)
    assert result.snapshot.startswith("META")
    before = pb_io.export_text(budget)
    assert before == BudgetResult.objects.get(budget=budget).snapshot
    # Someone changes the live tables afterwards: a cost, a title, an extra ballot.
    project = projects[0]
    project.final_cost = Decimal("1")
    project.save(update_fields=["final_cost"])
    project.input.title = "Iets anders"
    project.input.save(update_fields=["title"])
    extra = Ballot.objects.create(budget=budget)
    BallotChoice.objects.create(ballot=extra, project=projects[4], value=1)
    assert pb_io.export_text(results.budget_get(budget.pk)) == before
    assert "Iets anders" not in before and "num_votes;3" in before


def test_export_download_serves_the_snapshot(client, clerks):
    budget, _projects, result = counted_vote(clerks, publish=True)
    log_in_staff(client, clerks[0])
    response = client.get(reverse("budgeting:result_export", args=[budget.pk]))
    assert response.status_code == 200
    assert response.content.decode() == result.snapshot


def test_results_page_shows_the_turnout_as_counted(client, clerks):
    """Turnout and the codes sent per area are stored with the result: letters sent later do
    not change the published page."""
    budget, _projects, result = counted_vote(clerks, publish=True)
    url = reverse("budgeting:results", args=[budget.pk])
    before = client.get(url).context["by_area"]
    codes.generate_batch(budget=budget, label="Later", created_by=clerks[0], count=5)
    VoterRegister.objects.filter(budget=budget).delete()
    page = client.get(url)
    assert page.context["by_area"] == before == result.tally["turnout"]["by_area"]
    assert page.context["turnout"]["total"] == 3
