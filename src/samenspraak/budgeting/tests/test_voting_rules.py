"""The ballot rules per ballot type: a pure function over the ballot's projects and choices."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from samenspraak.budgeting.models import BallotType, Budget
from samenspraak.budgeting.voting import euro, remaining, validate_ballot

PROJECTS = [
    SimpleNamespace(pk=pk, cost=Decimal(cost))
    for pk, cost in [(1, "40000"), (2, "50000"), (3, "42000"), (4, "10000"), (5, "8000.50")]
]


def budget(kind, **fields):
    return Budget(ballot_type=kind, amount=Decimal("100000"), **fields)


def message(error: ValidationError) -> str:
    return error.message_dict["choices"][0]


def reject(kind, choices, **fields) -> str:
    with pytest.raises(ValidationError) as info:
        validate_ballot(budget(kind, **fields), PROJECTS, choices)
    return message(info.value)


def test_euro_is_written_the_dutch_way():
    assert euro(Decimal("132000")) == "€ 132.000"
    assert euro(Decimal("1250.5")) == "€ 1.250,50"
    assert euro(Decimal("-2000")) == "€ -2.000"


def test_approval_accepts_any_number_without_a_maximum():
    assert validate_ballot(budget(BallotType.APPROVAL), PROJECTS, {1: 1, 2: 1, 3: 1, 4: 1}) == {
        1: 1,
        2: 1,
        3: 1,
        4: 1,
    }


def test_approval_over_the_maximum_says_how_many():
    assert reject(BallotType.APPROVAL, {1: 1, 2: 1, 3: 1, 4: 1}, max_choices=3) == (
        "U kiest 4 projecten; het maximum is 3."
    )


def test_empty_ballot_asks_for_a_choice():
    assert reject(BallotType.APPROVAL, {}) == "Kies minstens één project."
    assert reject(BallotType.CUMULATIVE, {1: 0}, points=10) == "Geef minstens één project een punt."


def test_project_not_on_the_ballot_is_rejected():
    assert "niet op het stembiljet" in reject(BallotType.APPROVAL, {99: 1})
    assert "heel getal" in reject(BallotType.CUMULATIVE, {"x": 1}, points=10)


def test_knapsack_within_the_budget_is_accepted_and_over_it_says_the_amounts():
    assert validate_ballot(budget(BallotType.KNAPSACK), PROJECTS, {1: 1, 2: 1, 4: 1})
    assert reject(BallotType.KNAPSACK, {1: 1, 2: 1, 3: 1}) == (
        "Uw keuze kost € 132.000; het budget is € 100.000."
    )


def test_knapsack_remaining_is_what_is_left():
    assert remaining(budget(BallotType.KNAPSACK), PROJECTS, {"1": "1", "5": "1"}) == Decimal(
        "51999.50"
    )
    assert remaining(budget(BallotType.KNAPSACK), PROJECTS, {1: 1, 2: 1, 3: 1}) < 0


def test_cumulative_points_up_to_the_total():
    assert validate_ballot(
        budget(BallotType.CUMULATIVE, points=10), PROJECTS, {1: 7, 2: 3, 3: 0}
    ) == {1: 7, 2: 3}
    assert validate_ballot(budget(BallotType.CUMULATIVE, points=10), PROJECTS, {1: 4}) == {1: 4}
    assert reject(BallotType.CUMULATIVE, {1: 8, 2: 3}, points=10) == (
        "U verdeelt 11 punten; u heeft er 10."
    )
    assert (
        reject(BallotType.CUMULATIVE, {1: -1, 2: 3}, points=10) == "Negatieve getallen kunnen niet."
    )


def test_ranking_needs_distinct_positions_without_gaps_up_to_k():
    kind = BallotType.RANKING
    assert validate_ballot(budget(kind, max_choices=3), PROJECTS, {3: 1, 1: 2, 2: 3}) == {
        3: 1,
        1: 2,
        2: 3,
    }
    assert "maar één keer" in reject(kind, {1: 1, 2: 1}, max_choices=3)
    assert "zonder een nummer over te slaan" in reject(kind, {1: 1, 2: 3}, max_choices=3)
    assert "zonder een nummer over te slaan" in reject(kind, {1: 2}, max_choices=3)
    assert reject(kind, {1: 1, 2: 2, 3: 3, 4: 4}, max_choices=3) == (
        "U zet 4 projecten in uw top; het maximum is 3."
    )
