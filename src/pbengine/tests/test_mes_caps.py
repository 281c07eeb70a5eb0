"""Equal Shares with category caps (Pabulib's `budget_per_category`) in the reference run
(`_mes_exact.run_exact(..., caps=...)`): small hand-made elections where the caps bind and where
they do not, and two properties on seeded random elections."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from pbengine._mes_exact import CategoryCaps, run_exact
from pbengine._mes_prep import Prepared
from pbengine.model import Ballot, Election, Project


def _election(budget, projects: dict, ballots: list[tuple[int, tuple[str, ...]]]) -> Election:
    """projects: id -> (cost, categories); ballots: (how many voters, approved ids)."""
    voters = [names for count, names in ballots for _ in range(count)]
    return Election(
        budget=Fraction(budget),
        vote_type="approval",
        projects={
            p: Project(id=p, cost=Fraction(cost), categories=categories)
            for p, (cost, categories) in projects.items()
        },
        ballots=[Ballot(projects=names, voter_id=str(i)) for i, names in enumerate(voters, 1)],
        meta={"description": "caps", "country": "Netherlands", "unit": "Test", "instance": "1"},
    )


def _outcome(election: Election, caps: dict | None = None) -> list[str]:
    prep = Prepared(election)
    limits = None if caps is None else CategoryCaps.for_prep(prep, caps)
    trace = run_exact(prep, prep.budget / prep.n, limits)
    return [prep.ids[p] for p in trace.selected]


@pytest.fixture
def parks():
    """€120 for 12 voters (€10 each). Eight back A and B (Groen, €40 each), four back C (Sport,
    €40). Without caps: A (the eight pay €5 each), B (their other €5 each), C (€10 each)."""
    return _election(
        120,
        {"A": (40, ("Groen",)), "B": (40, ("Groen",)), "C": (40, ("Sport",))},
        [(8, ("A", "B")), (4, ("C",))],
    )


def test_without_caps_equal_shares_funds_all_three(parks):
    assert _outcome(parks) == ["A", "B", "C"]


def test_a_binding_cap_drops_the_project_that_no_longer_fits(parks):
    # Groen may spend €40: after A it has nothing left, so B drops out; its supporters keep
    # their €5 (it does not go to C, whose supporters pay it themselves).
    assert _outcome(parks, {"Groen": 40}) == ["A", "C"]
    assert _outcome(parks, {"Groen": 79}) == ["A", "C"]
    assert _outcome(parks, {"Sport": 39}) == ["A", "B"]


def test_a_cap_that_is_exactly_met_or_not_reached_changes_nothing(parks):
    assert _outcome(parks, {"Groen": 80}) == ["A", "B", "C"]
    assert _outcome(parks, {"Groen": 1000, "Sport": 40}) == ["A", "B", "C"]
    assert _outcome(parks, {"Cultuur": 0}) == ["A", "B", "C"]  # no project in it


def test_a_project_in_two_categories_must_fit_in_both():
    """€100 for 10 voters, all back D (€20, Groen and Sport) and E (€50, Sport). Both have the
    same price per euro of satisfaction; D wins on its id, then E."""
    election = _election(
        100,
        {"D": (20, ("Groen", "Sport")), "E": (50, ("Sport",))},
        [(10, ("D", "E"))],
    )
    assert _outcome(election) == ["D", "E"]
    assert _outcome(election, {"Groen": 100, "Sport": 60}) == ["D"]  # Sport: €40 left for E
    assert _outcome(election, {"Groen": 10}) == ["E"]  # D does not fit in Groen
    assert _outcome(election, {"Groen": 20, "Sport": 70}) == ["D", "E"]


CATEGORIES = ("Groen", "Sport", "Cultuur")


def _random(generator: random.Random) -> Election:
    ids = [str(i) for i in generator.sample(range(1, 15), generator.randint(1, 8))]
    projects = {
        p: (
            generator.choice([1, 2, 3, 5]) * 100,
            tuple(generator.sample(CATEGORIES, generator.randint(0, 2))),
        )
        for p in ids
    }
    ballots = [
        (generator.randint(1, 4), tuple(generator.sample(ids, generator.randint(1, len(ids)))))
        for _ in range(generator.randint(1, 8))
    ]
    return _election(generator.choice([300, 500, 1000, 1700]), projects, ballots)


def _spent(election: Election, selected: list[str]) -> dict[str, Fraction]:
    spent = dict.fromkeys(CATEGORIES, Fraction(0))
    for p in selected:
        for category in election.projects[p].categories:
            spent[category] += election.projects[p].cost
    return spent


def test_caps_the_uncapped_outcome_keeps_give_that_outcome():
    """If the outcome without caps keeps within them, no step meets a cap: same outcome."""
    generator = random.Random("mes-caps-loose-20261205")
    for _ in range(80):
        election = _random(generator)
        plain = _outcome(election)
        caps = {
            c: s + generator.choice([0, 0, 50, 1000]) for c, s in _spent(election, plain).items()
        }
        assert _outcome(election, caps) == plain, election


def _capped_elections(seed: str, count: int = 80):
    """`count` seeded random elections, each with caps of 0-500 per category: (election, caps,
    prepared election, its CategoryCaps)."""
    generator = random.Random(seed)
    for _ in range(count):
        election = _random(generator)
        caps = {c: Fraction(generator.choice([0, 100, 200, 300, 500])) for c in CATEGORIES}
        prep = Prepared(election)
        yield election, caps, prep, CategoryCaps.for_prep(prep, caps)


def test_the_outcome_keeps_within_every_cap_and_stops_only_when_nothing_fits():
    """Every cap holds, and each project left out either has no room in one of its categories
    or its supporters hold less than its cost at the end."""
    bound = 0
    for election, caps, prep, limits in _capped_elections("mes-caps-tight-20261205"):
        trace = run_exact(prep, prep.budget / prep.n, limits)
        capped = [prep.ids[p] for p in trace.selected]
        spent = _spent(election, capped)
        room = {c: caps[c] - spent[c] for c in CATEGORIES}
        assert all(room[c] >= 0 for c in CATEGORIES), election
        for p in set(range(prep.P)) - set(trace.selected):
            cost = prep.cost[p]
            assert not limits.fits(room, p, cost) or trace.left[p] < cost - 1e-9, election
        bound += capped != _outcome(election)
    assert bound > 10  # the caps did change outcomes (the test can tell a cap from none)


def test_the_fast_run_with_caps_is_the_reference_run():
    """`run_fast(..., caps=)` selects the same projects in the same order as
    `run_exact(..., caps=)`, at voter budgets from below to far above budget / voters, with and
    without a guiding order."""
    from pbengine._mes_fast import run_fast

    bound = 0
    for election, _caps, prep, limits in _capped_elections("mes-caps-fast-20261206"):
        for factor in (Fraction(1, 2), Fraction(1), Fraction(3, 2), Fraction(4)):
            budget = prep.budget / prep.n * factor
            exact = run_exact(prep, budget, limits).selected
            assert run_fast(prep, budget, caps=limits).selected == exact, election
            assert run_fast(prep, budget, exact[::-1], caps=limits).selected == exact, election
            bound += exact != run_exact(prep, budget).selected
    assert bound > 20  # the caps did change outcomes
