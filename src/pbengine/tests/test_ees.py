"""Exact Equal Shares and its ADD-OPT / ADD-OPT-SKIP completions, checked by brute force.

- `run_ees` (grouped by ballot and level, float fast paths) equals a plain per-voter EES written
  here, funded projects, payers and payments, on seeded random elections and both utilities;
- ADD-OPT: between two consecutive ADD-OPT budgets, EES at sampled budgets (random rationals in
  between and just below the next one) funds the same projects as at the lower one; the final
  budget is the last before the first that overspends;
- ADD-OPT-SKIP never overspends and spends at least as much as EES without completion;
- the incremental fast path (`ees`) equals the plain reference (`_ees_exact`, every run from
  scratch): runs, next budgets, and the completions' outcomes (order, budget, number of runs);
  a run resumed at the round `_first_changed` names (or any earlier one) equals a fresh run.

No database: the engine needs none.
"""

from __future__ import annotations

import copy
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from pbengine import _ees_exact, ees, pabulib, rules
from pbengine.model import Ballot, Election, Project, total_cost

FIXTURES = Path(__file__).parent / "fixtures" / "pabulib"


def reference_ees(election: Election, budget: Fraction, utility: str):
    """Plain EES, one voter at a time: [(project, payers, payment)] in funding order."""
    money = [Fraction(budget)] * election.num_voters
    open_projects = set(election.projects)
    supporters = {p: [] for p in election.projects}
    for voter, ballot in enumerate(election.ballots):
        for p in ballot.projects:
            supporters[p].append(voter)
    result = []
    while True:
        best = None  # (key, project, k)
        for p in open_projects:
            cost = election.projects[p].cost
            rich = sorted((money[v] for v in supporters[p]), reverse=True)
            k = max((j for j in range(1, len(rich) + 1) if rich[j - 1] * j >= cost), default=0)
            if k == 0:
                continue
            if cost == 0:
                key = (1, Fraction(0))
            else:
                u = 1 if utility == "cardinality" else cost
                key = (0, Fraction(u * k) / cost)
            if best is None or key > best[0] or (key == best[0] and p < best[1]):
                best = (key, p, k)
        if best is None:
            return result
        _key, p, k = best
        cost = election.projects[p].cost
        payers = sorted(supporters[p], key=lambda v: (-money[v], v))[:k]
        for v in payers:
            money[v] -= cost / k
        open_projects.remove(p)
        result.append((p, k, cost / k))


def random_election(seed: int) -> Election:
    rng = random.Random(seed)
    m = rng.randint(5, 8)
    n = rng.randint(6, 30)
    projects = {str(i): Project(str(i), Fraction(rng.randint(1, 12))) for i in range(1, m + 1)}
    if rng.random() < 0.2:
        projects["z0"] = Project("z0", Fraction(0))
    ids = list(projects)
    ballots = []
    for _ in range(n):
        size = rng.randint(1, min(4, len(ids)))
        ballots.append(Ballot(tuple(rng.sample(ids, size))))
    budget = Fraction(rng.randint(5, sum(int(p.cost) for p in projects.values()) + 3))
    return Election(budget=budget, vote_type="approval", projects=projects, ballots=ballots)


SEEDS = range(120)


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_run_ees_equals_plain_per_voter_reference(seed, utility):
    election = random_election(seed)
    prep = ees._Prepared(election, utility)
    rng = random.Random(seed)
    base = election.budget / election.num_voters
    for budget in (base, base * 2, base + Fraction(rng.randint(1, 50), rng.randint(1, 50))):
        run = ees.run_ees(prep, budget)
        got = [(r.project, r.payers, r.payment) for r in run.rounds]
        assert got == reference_ees(election, budget, utility), (seed, budget)


def _add_opt_budgets(prep, completion):
    """The budgets ADD-OPT tries, as the rule does: [(budget, run)] until the first overspend."""
    election = prep.election
    run = ees.run_ees(prep, Fraction(election.budget) / prep.voters)
    tried = [run]
    while True:
        budget = ees.next_budget(prep, run, skip=completion == "add-opt-skip")
        if budget is None:
            return tried, None
        run = ees.run_ees(prep, budget)
        if total_cost(election, run.selected) > election.budget:
            return tried, run
        tried.append(run)


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_add_opt_outcome_constant_between_its_budgets(seed, utility):
    election = random_election(seed)
    prep = ees._Prepared(election, utility)
    rng = random.Random(1000 + seed)
    tried, overspent = _add_opt_budgets(prep, "add-opt")
    bounds = [r.budget for r in tried] + ([overspent.budget] if overspent else [])
    for low, high in zip(bounds, bounds[1:], strict=False):
        assert low < high
        expected = set(ees.run_ees(prep, low).selected)
        samples = [high - (high - low) / 10**6, low + (high - low) / 10**6]
        samples += [low + (high - low) * Fraction(rng.randint(1, 999), 1000) for _ in range(12)]
        for budget in samples:
            assert set(reference_ees_selected(election, budget, utility)) == expected, (
                seed,
                low,
                budget,
                high,
            )
    if overspent is None:  # no change ever again: sample far beyond the last budget
        last = bounds[-1]
        expected = set(tried[-1].selected)
        for factor in (2, 10, 1000):
            assert set(ees.run_ees(prep, last * factor + 1).selected) == expected
    outcome = ees.equal_shares_exact(election, utility=utility, completion="add-opt")
    assert set(outcome.selected) == set(tried[-1].selected)
    assert total_cost(election, outcome.selected) <= election.budget


def reference_ees_selected(election, budget, utility):
    return [p for p, _k, _x in reference_ees(election, budget, utility)]


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_add_opt_skip_never_overspends_and_spends_at_least_ees(seed, utility):
    election = random_election(seed)
    plain = ees.equal_shares_exact(election, utility=utility)
    skip = ees.equal_shares_exact(election, utility=utility, completion="add-opt-skip")
    full = ees.equal_shares_exact(election, utility=utility, completion="add-opt")
    spent = total_cost(election, skip.selected)
    assert spent <= election.budget
    assert spent >= total_cost(election, plain.selected)
    assert total_cost(election, full.selected) <= election.budget


def test_hand_example_cardinality():
    # 4 voters, budget 8 (2 each). a costs 6 (voters 1-3: 2 each), b costs 4 (voters 3,4: voter
    # 3 has nothing left, voter 4 alone cannot pay 4), so EES funds a only; at 3 each b is paid
    # by voters 3 and 4 (2 each) after a (3 payers at 2 each): ADD-OPT finds it.
    projects = {"a": Project("a", Fraction(6)), "b": Project("b", Fraction(4))}
    ballots = [Ballot(("a",)), Ballot(("a",)), Ballot(("a", "b")), Ballot(("b",))]
    election = Election(Fraction(10), "approval", projects, ballots)
    assert ees.equal_shares_exact(election).selected == ["a"]
    outcome = ees.equal_shares_exact(election, completion="add-opt")
    assert outcome.selected == ["a", "b"]
    assert Fraction(outcome.details["voter_budget_exact"]) == 4  # b: voters 3, 4 pay 2 each
    assert reference_ees_selected(election, Fraction(4) - Fraction(1, 10**9), "cardinality") == [
        "a"
    ]


@pytest.mark.parametrize("rule", ["ees", "ees-add-opt", "ees-add-opt-skip"])
def test_rules_on_fixtures(rule):
    for path in sorted(FIXTURES.glob("*.pb")):
        election = pabulib.read(path)
        try:
            outcome = rules.run(election, rule)
        except rules.RuleError as error:
            assert election.vote_type not in ("approval", "choose-1"), error
            continue
        assert total_cost(election, outcome.selected) <= election.budget
        assert outcome.rule == rule


def test_integer_budget_stays_exact():
    # Pabulib files give integer budgets and costs: the virtual budgets must stay Fractions (an
    # int / int float once made ADD-OPT rerun forever at one rounded budget).
    projects = {"a": Project("a", 6), "b": Project("b", 4)}
    ballots = [Ballot(("a",)), Ballot(("a",)), Ballot(("a", "b")), Ballot(("b",)), Ballot(("b",))]
    election = Election(10, "approval", projects, ballots)
    for completion in ("add-opt", "add-opt-skip"):
        outcome = ees.equal_shares_exact(election, completion=completion)
        assert set(outcome.selected) == {"a", "b"}
    prep = ees._Prepared(election, "cardinality")
    run = ees.run_ees(prep, 2)
    assert type(run.budget) is Fraction
    assert type(ees.next_budget(prep, run)) is Fraction
    with pytest.raises(rules.RuleError):
        rules.run(Election(10, "cumulative", projects, ballots), "ees-add-opt")


def _rounds(run):
    return [(r.project, r.payers, r.payment) for r in run.rounds]


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_fast_run_and_next_budget_equal_the_reference(seed, utility):
    election = random_election(seed)
    fast, plain = ees._Prepared(election, utility), ees._Prepared(election, utility)
    rng = random.Random(2000 + seed)
    base = election.budget / election.num_voters
    for budget in (base, base * 2, base + Fraction(rng.randint(1, 50), rng.randint(1, 50))):
        run = ees.run_ees(fast, budget)
        reference = _ees_exact.run_ees(plain, budget, keep_states=True)
        assert _rounds(run) == _rounds(reference)
        for skip in (False, True):
            assert ees.next_budget(fast, run, skip=skip) == _ees_exact.next_budget(
                plain, reference, skip=skip
            ), (seed, budget, skip)


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", SEEDS)
def test_completions_equal_the_reference(seed, utility):
    election = random_election(seed)
    for completion in ("add-opt", "add-opt-skip"):
        outcome = ees.equal_shares_exact(election, utility=utility, completion=completion)
        run, steps = _ees_exact.add_opt(
            ees._Prepared(election, utility), skip=completion == "add-opt-skip"
        )
        assert outcome.selected == run.selected
        assert Fraction(outcome.details["voter_budget_exact"]) == run.budget
        assert outcome.details["runs"] == steps
        for r in run.rounds:
            assert outcome.explanations[r.project]["payers"] == r.payers


def _rescaled(election: Election, seed: int, kind: str) -> Election:
    """The election with costs and budget in another unit: fractional (costs like 7/3, so the
    integer comparisons of `_low` meet denominators) or huge (beyond 2**50 / voters, where the
    priority falls back from floats to Fractions)."""
    rng = random.Random(5000 + seed)
    if kind == "huge":
        factor = Fraction(2**50 + rng.randint(1, 999))
        projects = {p: Project(p, pr.cost * factor) for p, pr in election.projects.items()}
        budget = election.budget * factor
    else:
        projects = {
            p: Project(p, pr.cost / rng.randint(1, 4) if rng.random() < 0.7 else pr.cost)
            for p, pr in election.projects.items()
        }
        budget = election.budget / 2
    return Election(
        budget=budget, vote_type="approval", projects=projects, ballots=election.ballots
    )


@pytest.mark.parametrize("kind", ("fractional", "huge"))
@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", range(0, 120, 2))
def test_completions_equal_the_reference_in_other_units(seed, utility, kind):
    election = _rescaled(random_election(seed), seed, kind)
    prep = ees._Prepared(election, utility)
    assert prep.float_values == (
        kind == "fractional" and all(c.denominator == 1 for c in prep.cost.values())
    )
    for completion in ("add-opt", "add-opt-skip"):
        outcome = ees.equal_shares_exact(election, utility=utility, completion=completion)
        run, steps = _ees_exact.add_opt(
            ees._Prepared(election, utility), skip=completion == "add-opt-skip"
        )
        assert outcome.selected == run.selected, (seed, kind, completion)
        assert Fraction(outcome.details["voter_budget_exact"]) == run.budget
        assert outcome.details["runs"] == steps


def _open_segments(prep, run):
    """Per round, each open project's supporting groups in order with their running counts
    (the segments of closed projects are not kept)."""
    rows = []
    for t in range(len(run.seg)):
        closed = set(run.selected[:t])
        rows.append(
            {
                p: (run.seg[t][a:b].tolist(), run.cs[t][a:b].tolist())
                for p, a, b in zip(prep.names, prep.s_ptr, prep.s_ptr[1:], strict=False)
                if p not in closed
            }
        )
    return rows


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", range(0, 120, 3))
def test_resumed_runs_equal_fresh_runs(seed, utility):
    election = random_election(seed)
    prep = ees._Prepared(election, utility)
    run = ees.run_ees(prep, Fraction(election.budget) / prep.voters)
    for _ in range(12):
        budget = ees.next_budget(prep, run)
        if budget is None:
            break
        first = ees._first_changed(run, budget)
        fresh = ees.run_ees(prep, budget)
        # Rounds before the first changed one are the same; at any round up to it the run
        # may resume and gives the fresh run: rounds, state per round and least budgets.
        assert _rounds(fresh)[:first] == _rounds(run)[:first]
        for at in {0, first // 2, first}:
            # (a resumed run writes over the later rounds of the run it resumes: a copy each)
            resumed = ees.run_ees(prep, budget, resume=copy.deepcopy(run), at=at)
            assert _rounds(resumed) == _rounds(fresh)
            for kept in ("paid", "order", "moved", "cands"):
                assert [row.tolist() for row in getattr(resumed, kept)] == [
                    row.tolist() for row in getattr(fresh, kept)
                ], kept
            assert _open_segments(prep, resumed) == _open_segments(prep, fresh)
        run = ees.run_ees(prep, budget, resume=run, at=first)


@pytest.mark.parametrize("utility", ees.UTILITIES)
@pytest.mark.parametrize("seed", range(1, 120, 4))
def test_whole_rounds_in_floats_equal_rounds_taken_exactly(seed, utility):
    """`_kernel.step` (a round where floats decide all) leaves the same state as the round taken
    with exact close calls (`_round_exact`), at every ADD-OPT budget: rounds, paid, order, who
    paid, the lists and the `beta`s."""
    election = random_election(seed)
    fast, exact = ees._Prepared(election, utility), ees._Prepared(election, utility)
    assert fast.fast_rounds
    exact.fast_rounds = False
    budget = Fraction(election.budget) / fast.voters
    for _ in range(10):
        one, other = ees.run_ees(fast, budget), ees.run_ees(exact, budget)
        assert _rounds(one) == _rounds(other)
        for kept in ("paid", "order", "moved", "cands", "least"):
            assert [np.asarray(r).tolist() for r in getattr(one, kept)] == [
                np.asarray(r).tolist() for r in getattr(other, kept)
            ], kept
        assert _open_segments(fast, one) == _open_segments(exact, other)
        budget = ees.next_budget(fast, one)
        if budget is None:
            break


def test_free_project_comes_first_whatever_its_id_or_place():
    # A cost-0 project listed first, with an id after the others': the old comparison let a
    # paid project with a smaller id that came later in the list win the round before it.
    projects = {
        "z": Project("z", Fraction(0)),
        "a": Project("a", Fraction(2)),
        "b": Project("b", Fraction(3)),
    }
    ballots = [Ballot(("z", "a")), Ballot(("a", "b")), Ballot(("b",)), Ballot(("z", "b"))]
    election = Election(Fraction(8), "approval", projects, ballots)
    for utility in ees.UTILITIES:
        expected = reference_ees(election, Fraction(2), utility)
        assert expected[0][0] == "z"
        prep = ees._Prepared(election, utility)
        assert _rounds(ees.run_ees(prep, Fraction(2))) == expected
        assert _rounds(_ees_exact.run_ees(prep, Fraction(2))) == expected


def test_close_floats_are_put_in_exact_order_and_equal_amounts_made_equal():
    # What a group paid is a float summed along its payments, so two groups whose amounts
    # differ by less than its error could be out of order, and equal amounts paid in other
    # steps could differ by a hair: _settle must order them exactly and make equal ones equal.
    projects = {p: Project(p, Fraction(6)) for p in "abdez"}
    ballots = [Ballot(("a", "z")), Ballot(("b", "z")), Ballot(("d", "e", "z"))]
    election = Election(Fraction(9), "approval", projects, ballots)
    prep = ees._Prepared(election, "cardinality")
    g_a, g_b, g_x = (
        next(i for i, (ballot, _n) in enumerate(prep.ballots) if p in ballot) for p in "abd"
    )
    run = ees.Run(budget=Fraction(1))
    # g_a pays 1/3; g_b pays 1/2; g_x pays 1/6 and then 1/3 (1/2 in all, as g_b).
    for project, payment, payer in (("a", 3, g_a), ("b", 2, g_b), ("d", 6, g_x), ("e", 3, g_x)):
        run.rounds.append(ees.Round(project, 1, Fraction(1, payment), 1))
        moved = np.zeros(3, dtype=bool)
        moved[payer] = True
        run.moved.append(moved)
    before = np.zeros(3)
    before[[g_a, g_b, g_x]] = [1 / 3, 1 / 2, 1 / 6]
    run.paid = [before] * 4
    # Make the floats lie: the least amount looks a hair larger than 1/2 and the two equal
    # amounts differ.
    paid = np.zeros(3)
    paid[[g_a, g_b, g_x]] = [0.5, 0.5 - 1e-15, 0.5 + 1e-15]
    order = np.array([g_b, g_a, g_x])
    ees._settle(run, 4, paid, order, np.array([True, True, False]))
    assert order[0] == g_a and paid[g_a] == 1 / 3
    assert paid[g_b] == paid[g_x] == 0.5
    assert ees._paid(run, g_x, 4) == ees._paid(run, g_b, 4) == Fraction(1, 2)
