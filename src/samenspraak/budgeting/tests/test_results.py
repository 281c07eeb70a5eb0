"""Results: the election built from the database, compute, compare, explanations, publish."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from samenspraak.accounts.models import Role
from samenspraak.budgeting import results
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import (
    Ballot,
    BallotChoice,
    BallotType,
    BudgetResult,
    OutcomeRule,
    VoterRegister,
)
from samenspraak.budgeting.tests.conftest import VOTE, phase_of, user_with_role
from samenspraak.core.models import AuditLogEntry
from samenspraak.information.models import Update

pytestmark = pytest.mark.django_db


def cast(budget, choices: dict, channel: str = "online", area=None) -> Ballot:
    """One ballot with {project: value}, and its register row (no link between them)."""
    ballot = Ballot.objects.create(budget=budget)
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, project=project, value=value)
        for project, value in choices.items()
    )
    VoterRegister.objects.create(
        budget=budget, channel=channel, area=area, voted_on=timezone.localdate()
    )
    return ballot


def project(budget, cost, title=""):
    item = BudgetProjectFactory(budget=budget, estimated_cost=Decimal(cost))
    if title:
        item.input.title = title
        item.input.save(update_fields=["title"])
    return item


@pytest.fixture
def ended(process):
    return phase_of(process, VOTE, "after")


@pytest.fixture
def abc(budget, ended):
    """€100: A and B (€50 each) backed by the same six voters, C (€50) by four others.

    Greedy funds A and B (most votes). Equal Shares gives each voter €10: the six pay €8,33 each
    for A and then have too little for B; from 13 euro per voter on (add1), C's four supporters
    can pay €12,50 each, so mes-add1(-greedy) funds A and C."""
    budget.amount = Decimal("100")
    budget.rule = OutcomeRule.MES_ADD1_GREEDY
    budget.save()
    a = project(budget, "50", "A speeltuin")
    b = project(budget, "50", "B bankjes")
    c = project(budget, "50", "C bomen")
    for _ in range(6):
        cast(budget, {a: 1, b: 1})
    for _ in range(4):
        cast(budget, {c: 1}, channel="code")
    return a, b, c


def fresh(budget):
    return results.budget_get(budget.pk)


# --- the election ------------------------------------------------------------------------


def test_approval_ballots_become_approval_with_exact_costs(abc, budget):
    a, b, c = abc
    election, by_id = results.budget_election(fresh(budget))
    assert election.vote_type == "approval"
    assert election.budget == Fraction(100)
    assert set(by_id) == {str(a.pk), str(b.pk), str(c.pk)}
    assert election.projects[str(a.pk)].cost == Fraction(50)
    assert election.num_voters == 10
    assert sorted(len(b.projects) for b in election.ballots) == [1] * 4 + [2] * 6
    assert election.meta["rule"] == "equalshares/add1"
    assert election.meta["country"] == "Netherlands"


def test_cost_with_cents_is_an_exact_fraction(budget, ended):
    item = project(budget, "1250.35")
    cast(budget, {item: 1})
    election, _ = results.budget_election(fresh(budget))
    assert election.projects[str(item.pk)].cost == Fraction(125035, 100)


def test_knapsack_ballots_are_approval(budget, ended):
    budget.ballot_type = BallotType.KNAPSACK
    budget.save()
    a, b = project(budget, "100"), project(budget, "200")
    cast(budget, {a: 1, b: 1})
    election, _ = results.budget_election(fresh(budget))
    assert election.vote_type == "approval"
    assert election.ballots[0].projects == tuple(sorted((str(a.pk), str(b.pk))))
    assert election.meta["max_sum_cost"] == "50000"


def test_cumulative_ballots_keep_their_points(budget, ended):
    budget.ballot_type = BallotType.CUMULATIVE
    budget.points = 10
    budget.save()
    a, b = project(budget, "100"), project(budget, "200")
    cast(budget, {a: 7, b: 3})
    election, _ = results.budget_election(fresh(budget))
    assert election.vote_type == "cumulative"
    ballot = election.ballots[0]
    assert dict(zip(ballot.projects, ballot.points, strict=True)) == {
        str(a.pk): 7,
        str(b.pk): 3,
    }
    tally = results.election_tally(election)
    assert tally[str(a.pk)] == {"votes": 1, "score": 7.0}


def test_ranking_ballots_become_ordinal_in_rank_order(budget, ended):
    budget.ballot_type = BallotType.RANKING
    budget.save()
    a, b, c = project(budget, "100"), project(budget, "200"), project(budget, "300")
    cast(budget, {a: 3, b: 1, c: 2})
    election, _ = results.budget_election(fresh(budget))
    assert election.vote_type == "ordinal"
    assert election.ballots[0].projects == (str(b.pk), str(c.pk), str(a.pk))
    # The score as cities (and Pabulib's score column) count it: first of three gets 3.
    tally = results.election_tally(election)
    assert tally[str(b.pk)]["score"] == 3 and tally[str(a.pk)]["score"] == 1


def test_election_costs_a_fixed_number_of_queries(budget, ended, django_assert_max_num_queries):
    for size in (2, 12):
        budget_now = BudgetFactory(process=budget.process, amount=1000)
        items = [project(budget_now, "10") for _ in range(size)]
        for i in range(size):
            cast(budget_now, {items[i]: 1, items[(i + 1) % size]: 1})
        loaded = fresh(budget_now)
        with django_assert_max_num_queries(3):
            election, _ = results.budget_election(loaded)
        assert election.num_voters == size


# --- compute -------------------------------------------------------------------------------


def test_compute_with_equal_shares_funds_a_and_c(abc, budget):
    a, b, c = abc
    result = results.result_compute(fresh(budget))
    assert result.rule == OutcomeRule.MES_ADD1_GREEDY
    assert set(result.selected) == {a.pk, c.pk}
    assert result.ballots == 10
    assert result.tally["channels"]["online"] == 6 and result.tally["channels"]["code"] == 4
    assert result.tally["projects"][str(a.pk)]["votes"] == 6
    facts = result.explanations[str(a.pk)]
    assert facts["selected"] and facts["supporters"] == 6
    assert facts["share"] == pytest.approx(50 / 6)


def test_compute_with_greedy_funds_a_and_b(abc, budget):
    a, b, c = abc
    budget.rule = OutcomeRule.GREEDY
    budget.save()
    result = results.result_compute(fresh(budget))
    assert result.selected == [a.pk, b.pk]
    assert result.explanations[str(c.pk)]["reason"] == "does_not_fit"


def test_greedy_on_points_is_most_points_first(budget, ended):
    """Cumulative: a costly project with the most points comes before a cheap one (pabutools'
    greedy would order by points per euro and take the cheap one first)."""
    budget.ballot_type = BallotType.CUMULATIVE
    budget.points = 10
    budget.rule = OutcomeRule.GREEDY
    budget.amount = Decimal("1000")
    budget.save()
    dear, cheap = project(budget, "900", "Duur"), project(budget, "200", "Goedkoop")
    cast(budget, {dear: 6, cheap: 4})
    cast(budget, {dear: 6, cheap: 4})
    result = results.result_compute(fresh(budget))
    assert result.selected == [dear.pk]
    assert result.rule == OutcomeRule.GREEDY


def test_compute_is_refused_while_the_vote_runs(budget, process):
    phase_of(process, VOTE, "during")
    with pytest.raises(ValidationError):
        results.result_compute(fresh(budget))


def test_compute_without_ballots_is_refused_not_decided_by_tie_break(budget, ended):
    project(budget, 100)
    with pytest.raises(ValidationError, match="geen stemmen"):
        results.result_compute(fresh(budget))
    assert not BudgetResult.objects.filter(budget=budget).exists()


def test_compute_rewrites_the_closed_vote_ballots_keeping_every_choice(abc, budget):
    before = sorted(
        BallotChoice.objects.filter(ballot__budget=budget).values_list(
            "ballot_id", "project_id", "value"
        )
    )
    results.result_compute(fresh(budget))
    after = sorted(
        BallotChoice.objects.filter(ballot__budget=budget).values_list(
            "ballot_id", "project_id", "value"
        )
    )
    assert after == before


def test_compute_by_a_resident_is_refused(abc, budget):
    with pytest.raises(PermissionDenied):
        results.result_compute(fresh(budget), actor=user_with_role(Role.RESIDENT))


def test_compute_by_staff_is_audited(abc, budget, manager):
    results.result_compute(fresh(budget), actor=manager)
    assert AuditLogEntry.objects.filter(action="budgeting.result_computed", actor=manager).exists()


# --- compare -------------------------------------------------------------------------------


def test_compare_shows_greedy_and_equal_shares_side_by_side(abc, budget):
    a, b, c = abc
    comparison = results.result_compare(fresh(budget))
    greedy, mes = comparison.columns
    assert (greedy.rule, mes.rule) == ("greedy", "mes-add1-greedy")
    assert set(greedy.outcome.selected) == {str(a.pk), str(b.pk)}
    assert set(mes.outcome.selected) == {str(a.pk), str(c.pk)}
    # Greedy leaves C's four voters without any funded project; Equal Shares reaches all ten.
    assert (greedy.satisfied, mes.satisfied) == (6, 10)
    assert greedy.spent == mes.spent == Decimal("100.00")
    assert comparison.differences == 2
    differing = {row.project.pk for row in comparison.rows if row.differs}
    assert differing == {b.pk, c.pk}


# --- publish -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.RESIDENT, False),
        (Role.MODERATOR, False),
        (Role.PROCESS_MANAGER, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_publish_permission_by_role(abc, budget, role, allowed):
    result = results.result_compute(fresh(budget))
    actor = user_with_role(role)
    if allowed:
        results.result_publish(result, actor=actor)
        assert result.published_at is not None and result.published_by == actor
    else:
        with pytest.raises(PermissionDenied):
            results.result_publish(result, actor=actor)


def test_publish_during_the_vote_is_refused(budget, process, manager):
    phase = phase_of(process, VOTE, "after")
    item = project(budget, "100")
    cast(budget, {item: 1})
    result = results.result_compute(fresh(budget))
    phase.ends_at = timezone.now() + timezone.timedelta(days=1)
    phase.save()
    with pytest.raises(ValidationError):
        results.result_publish(results.result_of(fresh(budget)), actor=manager)
    assert not BudgetResult.objects.get(pk=result.pk).published_at


def test_publish_is_audited_and_hands_over_with_a_news_update(abc, budget, manager):
    a, b, c = abc
    result = results.result_compute(fresh(budget))
    results.result_publish(result, actor=manager)
    assert AuditLogEntry.objects.filter(action="budgeting.result_published").exists()
    update = Update.objects.get(process=budget.process)
    assert "A speeltuin" in update.body and "C bomen" in update.body
    assert "B bankjes" not in update.body


def test_published_result_does_not_change(abc, budget, manager):
    result = results.result_compute(fresh(budget))
    results.result_publish(result, actor=manager)
    with pytest.raises(ValidationError):
        results.result_compute(fresh(budget))
    with pytest.raises(ValidationError):
        results.result_publish(results.result_of(budget), actor=manager)


def test_greedy_respects_category_budgets(abc, budget):
    """Groen may spend €50: A takes it, B (also Groen) no longer fits there, C does."""
    a, b, c = abc
    for item in (a, b):
        item.category = "Groen"
        item.save()
    budget.rule = OutcomeRule.GREEDY
    budget.category_budgets = {"Groen": "50.00"}
    budget.save()
    result = results.result_compute(fresh(budget))
    assert set(result.selected) == {a.pk, c.pk}
    facts = result.explanations[str(b.pk)]
    assert facts["reason"] == "group_full"
    row = next(r for r in results.result_rows(result, [a, b, c]) if r.project.pk == b.pk)
    assert "budget voor deze categorie" in row.sentence


def test_compare_reuses_the_computed_result(abc, budget, monkeypatch):
    """Once computed, the budget's own rule is not run again for the comparison."""
    a, b, c = abc
    result = results.result_compute(fresh(budget))
    ran = []
    original = results.run_rule
    monkeypatch.setattr(  # the comparison's own reference to the rule runner
        results.compare,
        "run_rule",
        lambda e, rule, **kw: ran.append(rule) or original(e, rule, **kw),
    )
    comparison = results.result_compare(fresh(budget), result)
    assert ran == ["greedy"]
    assert set(comparison.columns[1].outcome.selected) == {str(a.pk), str(c.pk)}
    assert comparison.differences == 2
