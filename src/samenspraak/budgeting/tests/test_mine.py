"""Budgeting's sections of Mijn Samenspraak: my proposals with their fate, and my votes as far
as ballot secrecy allows (the register only: that I voted, never what)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.budgeting import mine
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import BudgetResult, Feasibility, VoterRegister
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.consultation.models import Input
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def budget_with_vote(*, vote_open: bool):
    now = timezone.now()
    process = ProcessFactory()
    PhaseFactory(process=process, kind=PROPOSE, starts_at=now - 30 * DAY, ends_at=now - 20 * DAY)
    if vote_open:
        PhaseFactory(process=process, kind=VOTE, starts_at=now - DAY, ends_at=now + 5 * DAY)
    else:
        PhaseFactory(process=process, kind=VOTE, starts_at=now - 9 * DAY, ends_at=now - 2 * DAY)
    return BudgetFactory(process=process)


def proposed_by(user, budget, **kwargs):
    project = BudgetProjectFactory(budget=budget, **kwargs)
    Input.objects.filter(pk=project.input_id).update(author=user)
    return project


def publish(budget, selected, tally):
    return BudgetResult.objects.create(
        budget=budget,
        rule=budget.rule,
        selected=[p.pk for p in selected],
        tally={"projects": {str(p.pk): {"votes": votes} for p, votes in tally.items()}},
        ballots=10,
        computed_at=timezone.now(),
        published_at=timezone.now(),
    )


def test_proposals_show_their_fate_once_the_result_is_published():
    user = UserFactory()
    decided = budget_with_vote(vote_open=False)
    chosen = proposed_by(user, decided)
    lost = proposed_by(user, decided)
    absent = proposed_by(user, decided, feasibility=Feasibility.NOT_FEASIBLE)
    publish(decided, [chosen], {chosen: 7, lost: 2})
    waiting = proposed_by(user, budget_with_vote(vote_open=True), feasibility=Feasibility.PENDING)
    BudgetProjectFactory(budget=decided)  # someone else's

    projects = {p.pk: p for p in mine.mine_proposals(user)["projects"]}

    assert set(projects) == {chosen.pk, lost.pk, absent.pk, waiting.pk}
    assert projects[chosen.pk].fate["funded"] is True
    assert "7 mensen stemden erop" in projects[chosen.pk].fate["sentence"]
    assert projects[lost.pk].fate["funded"] is False
    assert projects[absent.pk].fate is None and projects[absent.pk].result_published
    assert projects[waiting.pk].fate is None and not projects[waiting.pk].result_published


def test_votes_say_that_i_voted_and_whether_i_can_still_change_it():
    user = UserFactory()
    today = timezone.localdate()
    running = budget_with_vote(vote_open=True)
    by_code = budget_with_vote(vote_open=True)
    decided = budget_with_vote(vote_open=False)
    publish(decided, [], {})
    for budget, channel in ((running, "online"), (by_code, "code"), (decided, "online")):
        VoterRegister.objects.create(budget=budget, user=user, channel=channel, voted_on=today)
    VoterRegister.objects.create(
        budget=running, user=UserFactory(), channel="online", voted_on=today
    )

    votes = {v["budget"].pk: v for v in mine.mine_votes(user)["votes"]}

    assert set(votes) == {running.pk, by_code.pk, decided.pk}
    assert votes[running.pk]["can_change"] and votes[running.pk]["until"]
    assert votes[by_code.pk]["open"] and not votes[by_code.pk]["can_change"]
    assert not votes[decided.pk]["open"] and votes[decided.pk]["result_published"]


def test_votes_read_the_register_only_never_a_ballot_and_in_fixed_queries():
    few, many = UserFactory(), UserFactory()
    today = timezone.localdate()
    VoterRegister.objects.create(
        budget=budget_with_vote(vote_open=True), user=few, channel="online", voted_on=today
    )
    for _ in range(8):
        VoterRegister.objects.create(
            budget=budget_with_vote(vote_open=False), user=many, channel="online", voted_on=today
        )
    counts = []
    for user in (few, many):
        with CaptureQueriesContext(connection) as context:
            mine.mine_votes(user)
        counts.append(len(context))
        assert not any("budgeting_ballot" in q["sql"] for q in context.captured_queries)
    assert counts == [3, 3]  # register rows, the processes' phases, the published results


def test_no_proposals_or_votes_show_no_sections():
    user = UserFactory()
    BudgetProjectFactory()
    assert mine.mine_proposals(user) is None
    assert mine.mine_votes(user) is None
