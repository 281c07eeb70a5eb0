"""The Method of Equal Shares engine against pabutools 1.2.3.

- every variant equals the stored pabutools outcomes on every fixture file;
- exact ties are decided by id as a string, also where floats would mislead;
- a hand-computed example with its explanations;
- live pabutools on tiny fixtures and on seeded random elections (approval, cumulative, ordinal);
- the fast run with round skipping equals the exact run round by round;
- the full development set in ../shared, when it is there (our engine only, for speed).
"""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction
from pathlib import Path

import pytest

from pbengine import mes
from pbengine._mes_exact import run_exact
from pbengine._mes_prep import Prepared
from pbengine.mes import equal_shares
from pbengine.model import Ballot, Election, Project
from pbengine.pabulib import read

FIXTURES = Path(__file__).parent / "fixtures" / "pabulib"
VARIANTS = {
    "mes_plain": None,
    "mes_add1": "add1",
    "mes_add1_greedy": "add1-greedy",
    "mes_budgetinc": "budget-increase",
    "mes_budgetinc_greedy": "budget-increase-greedy",
}
RULE_NAMES = {
    None: "mes",
    "add1": "mes-add1",
    "add1-greedy": "mes-add1-greedy",
    "budget-increase": "mes-budget-increase",
    "budget-increase-greedy": "mes-budget-increase-greedy",
}


def _reference(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "pabutools_reference.json").read_text())
    return {i["file"]: i for i in data["instances"]}


FIXTURE_REF = _reference(FIXTURES)
_elections: dict[Path, Election] = {}


def _election(path: Path) -> Election:
    if path not in _elections:
        _elections[path] = read(path)
    return _elections[path]


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("file", sorted(FIXTURE_REF))
def test_fixture_equals_pabutools_reference(file, variant):
    expected = FIXTURE_REF[file]["rules"][variant]
    assert expected["status"] == "ok"
    outcome = equal_shares(_election(FIXTURES / file), completion=VARIANTS[variant])
    assert outcome.selected == expected["selected_order"]
    assert outcome.rule == RULE_NAMES[VARIANTS[variant]]
    assert set(outcome.explanations) == set(_election(FIXTURES / file).projects)
    for project in outcome.selected:
        assert outcome.explanations[project]["selected"]


def test_amsterdam_166_exact_tie_goes_to_smaller_id_in_every_round():
    election = _election(FIXTURES / "Netherlands_Amsterdam_166.pb")
    # (the iterated variants, tied again in every round, are in the fixture test)
    outcome = equal_shares(election)
    order = outcome.selected
    assert order.index("12422") + 1 == order.index("12439")
    assert outcome.details["exact_fallbacks"] >= 1
    explained = equal_shares(election).explanations
    # a real tie: the same price per unit (every supporter paid 1/167 of the cost)
    assert explained["12422"]["supporters"] == explained["12439"]["supporters"] == 167
    assert (
        explained["12422"]["price_per_satisfaction"] == explained["12439"]["price_per_satisfaction"]
    )


def _approval(budget, costs: dict[str, Fraction], ballots: list[tuple[str, ...]]) -> Election:
    projects = {p: Project(p, Fraction(c)) for p, c in costs.items()}
    return Election(Fraction(budget), "approval", projects, [Ballot(b) for b in ballots])


def test_tie_by_id_as_string_where_floats_mislead():
    # Ten voters with 1/10 each. '2' and '11' each cost exactly what their five supporters hold:
    # both are affordable (pabutools tests `<`), at the same price, and '11' < '2' as strings.
    # 'big' costs exactly all the money; in floats ten times 0.1 is 0.9999999999999999.
    assert sum([0.1] * 10) < 1
    election = _approval(
        1,
        {"2": Fraction(1, 2), "11": Fraction(1, 2), "big": Fraction(1)},
        [("2", "big")] * 5 + [("11", "big")] * 5,
    )
    outcome = equal_shares(election)
    assert outcome.selected == ["big"]  # price 1/10 per voter on 1: rho 1/10 < 1/5
    election = _approval(
        1, {"2": Fraction(1, 2), "11": Fraction(1, 2)}, [("2",)] * 5 + [("11",)] * 5
    )
    outcome = equal_shares(election)
    assert outcome.selected == ["11", "2"]
    assert outcome.details["exact_fallbacks"] >= 1
    # the exact run agrees
    alone = _approval(1, {"big": Fraction(1)}, [("big",)] * 10)
    assert equal_shares(alone).selected == ["big"]
    prep = mes.Prepared(alone)
    assert [alone_step.project for alone_step in run_exact(prep, Fraction(1, 10)).steps] == [0]


def test_hand_computed_example_with_explanations():
    # 4 voters, budget 400: 100 each.
    # Step 1: A (200; voters 1-3) has rho 1/3 (each pays 66.67); B (150; 3, 4) 1/2; C (100; 4) 1;
    #   D (90; 1, 4) 1/2.  A wins.
    # Step 2: voter 1 has 33.33, voter 3 33.33, voter 4 100.  D: equal share 45 is more than
    #   voter 1 has, so voter 1 pays its 33.33 and voter 4 pays 56.67: rho = 56.67 / 90 = 0.63.
    #   C: rho 1.  B: its supporters hold 133.33 < 150, out.  D wins.
    # Step 3: voter 4 has 43.33: C (100) and B (150, with 76.67 left) are out.
    election = _approval(
        400,
        {"A": 200, "B": 150, "C": 100, "D": 90},
        [("A", "D"), ("A",), ("A", "B"), ("B", "C", "D")],
    )
    outcome = equal_shares(election)
    assert outcome.selected == ["A", "D"]
    a, b, c, d = (outcome.explanations[p] for p in "ABCD")
    assert a == {
        "selected": True,
        "round": 1,
        "supporters": 3,
        "share": pytest.approx(200 / 3),
        "price_per_satisfaction": pytest.approx(1 / 3),
        "paid_in_full": 3,
        "paid_rest": 0,
        "paid_nothing": 0,
        "reason": "funded",
        "completion": None,
    }
    assert d["round"] == 2 and d["share"] == pytest.approx(90 - 100 / 3)
    assert (d["paid_in_full"], d["paid_rest"]) == (1, 1)
    assert b["reason"] == c["reason"] == "too_expensive"
    assert b["money_left"] == pytest.approx(100 / 3 + 130 / 3)
    assert c["money_left"] == pytest.approx(130 / 3)
    assert not b["selected"] and b["round"] is None and b["share"] is None
    # completion: 110 left, C (100) fits, B does not
    completed = equal_shares(election, completion="add1-greedy")
    assert completed.explanations["A"]["completion"] is None
    assert outcome.details["voter_budget"] == 100


# --- live pabutools ---------------------------------------------------------------------------


def _pabutools(election: Election, completion):
    pe = pytest.importorskip("pabutools.election")
    pr = pytest.importorskip("pabutools.rules")
    projects = {p: pe.Project(p, pr_frac(c.cost)) for p, c in election.projects.items()}
    instance = pe.Instance(projects.values(), budget_limit=pr_frac(election.budget))
    kind = election.vote_type
    if kind in ("approval", "choose-1"):
        profile = pe.ApprovalProfile(
            [pe.ApprovalBallot([projects[p] for p in b.projects]) for b in election.ballots]
        )
        sat = pe.Cost_Sat
    elif kind == "cumulative":
        profile = pe.CumulativeProfile(
            [
                pe.CumulativeBallot(
                    {projects[p]: v for p, v in zip(b.projects, b.points, strict=True)}
                )
                for b in election.ballots
            ]
        )
        sat = pe.Additive_Cardinal_Sat
    else:
        profile = pe.OrdinalProfile(
            [pe.OrdinalBallot([projects[p] for p in b.projects]) for b in election.ballots]
        )
        sat = pe.Additive_Borda_Sat
    mes_rule = pr.method_of_equal_shares
    greedy_rule = pr.greedy_utilitarian_welfare
    greedy_params = {"sat_class": sat}
    if sat is pe.Additive_Borda_Sat:
        greedy_params["is_sat_additive"] = True
    if completion is None:
        result = mes_rule(instance, profile, sat_class=sat)
    elif completion == "add1":
        result = mes_rule(instance, profile, sat_class=sat, voter_budget_increment=1)
    elif completion == "add1-greedy":
        result = pr.completion_by_rule_combination(
            instance,
            profile,
            [mes_rule, greedy_rule],
            [{"sat_class": sat, "voter_budget_increment": 1}, greedy_params],
        )
    elif completion == "budget-increase":
        result = pr.exhaustion_by_budget_increase(instance, profile, mes_rule, {"sat_class": sat})
    else:
        result = pr.completion_by_rule_combination(
            instance,
            profile,
            [pr.exhaustion_by_budget_increase, greedy_rule],
            [{"rule": mes_rule, "rule_params": {"sat_class": sat}}, greedy_params],
        )
    return [p.name for p in result]


def pr_frac(value: Fraction):
    from pabutools.fractions import frac

    return frac(value.numerator, value.denominator)


@pytest.mark.parametrize("completion", list(RULE_NAMES))
@pytest.mark.parametrize(
    "file",
    [
        "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb",
        "Poland_Gdansk_2020_Rudniki.pb",
        "US_Stanford_Dataset_Merced_Peoples_Budget_Ballot_2019_vote_rankings.pb",
    ],
)
def test_live_pabutools_on_tiny_fixtures(file, completion):
    election = _election(FIXTURES / file)
    assert equal_shares(election, completion=completion).selected == _pabutools(
        election, completion
    )


def _random_election(seed: int) -> Election:
    rng = random.Random(seed)
    kind = ["approval", "cumulative", "ordinal"][seed % 3]
    ids = [str(i) for i in rng.sample(range(1, 30), rng.randint(2, 7))]
    costs = {p: Fraction(rng.choice([1, 2, 3, 5, 10, 12, 30, 33, 50])) for p in ids}
    budget = Fraction(rng.randint(10, 120), rng.choice([1, 1, 3, 7]))
    ballots = []
    for _ in range(rng.randint(2, 18)):
        chosen = rng.sample(ids, rng.randint(1, len(ids)))
        if kind == "cumulative":
            ballots.append(Ballot(tuple(chosen), tuple(rng.randint(1, 4) for _ in chosen)))
        else:
            ballots.append(Ballot(tuple(chosen)))
    projects = {p: Project(p, c) for p, c in costs.items()}
    return Election(budget, kind, projects, ballots)


@pytest.mark.parametrize("seed", range(60))
def test_live_pabutools_on_random_elections(seed):
    election = _random_election(seed)
    for completion in RULE_NAMES:
        ours = equal_shares(election, completion=completion).selected
        assert ours == _pabutools(election, completion), (seed, completion)


def _assert_loop_equals_exact_round_by_round(election, seed) -> None:
    """add1 and budget increase, as called, equal every round run exactly one by one."""
    for completion in ("add1", "budget-increase"):
        fast = equal_shares(election, completion=completion)
        slow = equal_shares(election, completion=completion, runner=run_exact, skip=False)
        assert fast.selected == slow.selected, (seed, completion)
        assert fast.details["voter_budget"] == slow.details["voter_budget"]


@pytest.mark.parametrize("seed", range(60))
def test_fast_run_and_skipping_equal_exact_run_round_by_round(seed):
    _assert_loop_equals_exact_round_by_round(_random_election(seed), seed)


def test_fast_run_equals_exact_run_on_fixtures():
    for file in sorted(FIXTURE_REF):
        election = _election(FIXTURES / file)
        prep = mes.Prepared(election)
        for extra in (0, 7, 50):
            b = prep.budget / prep.n + extra
            fast = mes.run_fast(prep, b)
            exact = run_exact(prep, b)
            assert fast.selected == exact.selected, (file, extra)
            for f, e in zip(fast.steps, exact.steps, strict=True):
                assert float(f.rho) == pytest.approx(float(e.rho), rel=1e-9)
                assert (f.paid_full, f.paid_rest, f.paid_nothing) == (
                    e.paid_full,
                    e.paid_rest,
                    e.paid_nothing,
                )


def test_budget_and_project_restriction():
    election = _approval(
        400,
        {"A": 200, "B": 150, "C": 100, "D": 90},
        [("A", "D"), ("A",), ("A", "B"), ("B", "C", "D")],
    )
    outcome = equal_shares(election, budget=Fraction(200), projects=["B", "C", "D"])
    # 50 each: D's supporters hold 100 >= 90, C's 50 < 100, B's 100 < 150
    assert outcome.selected == ["D"]
    assert outcome.explanations["A"]["reason"] == "not_reached"
    with pytest.raises(ValueError):
        equal_shares(election, completion="add2")


# The development set (../shared): test_rules checks every MES variant pabutools finished
# on every file there, through the rule names.


@pytest.mark.parametrize("completion", ["add1", "budget-increase"])
@pytest.mark.parametrize(
    "file",
    [
        "Poland_Swiecie_2023.pb",
        "US_Stanford_Dataset_Merced_Peoples_Budget_Ballot_2019_vote_rankings.pb",
    ],
)
def test_passed_over_rounds_are_not_exhaustive(file, completion):
    """The skipping proof on real data: rerun passed-over rounds one by one; each must leave room
    for one more project (so the loop would have gone on), which is all the proof claims."""
    election = _election(FIXTURES / file)
    runs = []

    def recording(prep, voter_budget):
        trace = mes.run_fast(prep, voter_budget)
        runs.append(Fraction(voter_budget))
        return trace

    equal_shares(election, completion=completion, runner=recording)
    prep = mes.Prepared(election)
    base = prep.budget / prep.n
    unit = Fraction(1) if completion == "add1" else prep.budget / 100 / prep.n
    executed = sorted({(b - base) / unit for b in runs})
    rounds = [
        int(k)
        for k0, k1 in zip(executed, executed[1:], strict=False)
        for k in range(int(k0) + 1, int(k1))
    ]
    assert rounds, "nothing was passed over"
    available = prep.ids if completion == "add1" else prep.candidates
    rng = random.Random(7)
    for k in rng.sample(rounds, min(60, len(rounds))):
        assert _leaves_room(prep, mes.run_fast(prep, base + k * unit).selected, available), k


def _leaves_room(prep, selected: list[int], available) -> bool:
    chosen = {prep.ids[p] for p in selected} | set(prep.free)
    spent = sum(election_cost(prep, p) for p in chosen)
    return any(p not in chosen and spent + election_cost(prep, p) <= prep.budget for p in available)


def election_cost(prep, p: str) -> Fraction:
    return Fraction(prep.election.projects[p].cost)


def test_newton_walk_equals_sorted_walk():
    import numpy as np

    from pbengine._mes_fast import _sorted_walk, _walk

    rng = np.random.default_rng(7)
    for _ in range(3000):
        n = int(rng.integers(1, 200))
        budgets = rng.random(n) * float(rng.choice([1, 10, 1000]))
        if rng.random() < 0.4:
            budgets[rng.random(n) < 0.4] = 0.0
        if rng.random() < 0.4:
            budgets = np.round(budgets, 1)  # equal ratios
        sats = rng.integers(1, 5, n).astype(float) * float(rng.random() * 10 + 0.1)
        weights = rng.integers(1, 4, n).astype(float)
        cost = float(weights @ budgets) * float(rng.random())
        if cost <= 0:
            continue
        rho, err = _walk(budgets, sats, weights, cost)
        expected, expected_err = _sorted_walk(budgets / sats, budgets, sats, weights, cost)
        assert abs(rho - expected) <= min(err, expected_err)
        # rho is the price: what the supporters pay at rho is the cost
        paid = float(weights @ np.minimum(budgets, rho * sats))
        assert paid == pytest.approx(cost, rel=1e-9, abs=1e-12)


def _larger_election(seed: int) -> Election:
    """More voters and projects than `_random_election`, with popular and unpopular projects
    and a budget well below the total cost, so that many rounds of add1 go on."""
    rng = random.Random(1000 + seed)
    kind = ["approval", "cumulative", "ordinal"][seed % 3]
    ids = [str(i) for i in range(1, rng.randint(8, 20))]
    costs = {p: Fraction(rng.choice([10, 20, 25, 40, 50, 80, 100, 150, 200])) for p in ids}
    weights = [rng.random() ** 2 for _ in ids]
    ballots = []
    for _ in range(rng.randint(40, 150)):
        chosen = []
        while not chosen:
            chosen = [p for p, w in zip(ids, weights, strict=True) if rng.random() < w]
        rng.shuffle(chosen)
        if kind == "cumulative":
            ballots.append(Ballot(tuple(chosen), tuple(rng.randint(1, 4) for _ in chosen)))
        else:
            ballots.append(Ballot(tuple(chosen)))
    budget = sum(costs.values()) * Fraction(rng.randint(25, 60), 100)
    projects = {p: Project(p, c) for p, c in costs.items()}
    return Election(budget, kind, projects, ballots)


def _random_incidence(rng, P: int = 12, D: int = 60):
    """A random (class, project) incidence as `Prepared` keeps it: ptr, nz_d, nz_s, nz_w."""
    import numpy as np

    lists = [np.flatnonzero(rng.random(D) < rng.random() * 0.6 + 0.05) for _ in range(P)]
    ptr = np.zeros(P + 1, dtype=np.int64)
    ptr[1:] = np.cumsum([len(x) for x in lists])
    nz_d = np.concatenate(lists).astype(np.int64)
    nz_s = rng.integers(1, 5, len(nz_d)).astype(float) * float(rng.random() * 10 + 0.1)
    w = rng.integers(1, 4, D).astype(float)
    return ptr, nz_d, nz_s, w[nz_d]


def _random_budgets(rng, D: int):
    import numpy as np

    budgets = rng.random(D) * float(rng.choice([1, 10, 1000]))
    if rng.random() < 0.4:
        budgets[rng.random(D) < 0.4] = 0.0
    if rng.random() < 0.4:
        budgets = np.round(budgets, 1)  # equal ratios
    return budgets


def test_compiled_price_equals_sorted_walk():
    """`_mes_kernel.price` (the proofs' prices, at A or at A - (B - A) * r): inf where the
    supporters hold less than the cost, else the sorted walk's price within its error bound
    (nan, which sends the caller to the sorted walk, never happens on these)."""
    import numpy as np

    from pbengine import _mes_kernel
    from pbengine._mes_fast import REL, _sorted_walk

    rng = np.random.default_rng(11)
    checked = 0
    for _ in range(400):
        ptr, nz_d, nz_s, nz_w = _random_incidence(rng)
        A = _random_budgets(rng, 60)
        B = A + rng.random(60) * 5
        r = float(rng.choice([0.0, 1 / 16]))
        for q in range(len(ptr) - 1):
            lo, hi = ptr[q], ptr[q + 1]
            if hi == lo:
                continue
            d, s, w = nz_d[lo:hi], nz_s[lo:hi], nz_w[lo:hi]
            bb = A[d] - (B[d] - A[d]) * r
            cost = float(w @ np.maximum(bb, 0)) * float(rng.random() * 1.1)
            if cost <= 0:
                continue
            rho = _mes_kernel.price(ptr, nz_d, nz_s, nz_w, A, B, r, q, cost, REL)
            if float(w @ bb) < cost * (1 + REL):
                assert rho == math.inf
                continue
            expected, err = _sorted_walk(bb / s, bb, s, w, cost)
            assert abs(rho - expected) <= err, (rho, expected)
            checked += 1
    assert checked > 1000


def test_compiled_certificates_hold():
    """`_mes_kernel.certify`: a project it certifies dearer than levels (c0 .. c1) has
    supporters that would pay less than its cost at every price up to that level, at every
    point between the two ends (U affine in between); projects it leaves needed keep their
    certificates; and `pay` is the numpy formula of `_child`."""
    import numpy as np

    from pbengine import _mes_kernel
    from pbengine._mes_fast import REL

    rng = np.random.default_rng(5)
    certified = 0
    for _ in range(300):
        ptr, nz_d, nz_s, nz_w = _random_incidence(rng)
        P, D = len(ptr) - 1, 60
        U0 = _random_budgets(rng, D)
        U1 = U0 + rng.random(D) * float(rng.choice([0.1, 5]))
        cost = np.array(
            [float(nz_w[ptr[q] : ptr[q + 1]] @ U1[nz_d[ptr[q] : ptr[q + 1]]]) for q in range(P)]
        ) * (rng.random(P) * 1.5 + 0.05)
        x0 = float(rng.random() * 2)
        x1 = x0 * float(rng.random() + 0.5)
        floor = np.zeros(P)
        cert0, cert1 = floor.copy(), floor.copy()
        need = rng.random(P) < 0.8
        before = need.copy()
        projects = np.flatnonzero(need)
        limit = cost * (1 - REL)
        _mes_kernel.certify(
            ptr, nz_d, nz_s, nz_w, U0, U1, projects, limit, 0.25, x0, x1, cert0, cert1, need
        )
        assert not (need & ~before).any()
        assert (cert0[before & need] == 0).all() and (cert0[~before] == 0).all()
        for q in np.flatnonzero(before & ~need).tolist():
            certified += 1
            assert cert0[q] >= x0 and cert1[q] >= x1
            lo, hi = ptr[q], ptr[q + 1]
            d, s, w = nz_d[lo:hi], nz_s[lo:hi], nz_w[lo:hi]
            for t in (0.0, 0.3, 1.0):
                u = U0[d] * (1 - t) + U1[d] * t
                with np.errstate(invalid="ignore"):  # (inf at both ends: nan, skipped)
                    c = cert0[q] * (1 - t) + cert1[q] * t
                for x in (c, c * 0.5, (x0 * (1 - t) + x1 * t)):
                    if x > 0 and math.isfinite(x):
                        assert float(w @ np.minimum(u, x * s)) < cost[q] * (1 + 1e-12)
        # pay: in place, as _child's numpy formula
        q = int(rng.integers(P))
        lo, hi = ptr[q], ptr[q + 1]
        d, s = nz_d[lo:hi], nz_s[lo:hi]
        L0 = U0 * 0.7
        L1 = U1 * 0.6
        b = [U0.copy(), U1.copy(), L0.copy(), L1.copy()]
        lo0, lo1, hi0, hi1 = x0 * 0.5, x1 * 0.5, x0, x1
        _mes_kernel.pay(ptr, nz_d, nz_s, q, *b, lo0, lo1, hi0, hi1)
        use = L0[d] - hi0 * s > 0
        expected = [U0.copy(), U1.copy(), L0.copy(), L1.copy()]
        expected[0][d] = np.maximum(0.0, U0[d] - lo0 * s)
        expected[1][d] = np.maximum(0.0, U1[d] - lo1 * s)
        expected[2][d] = np.where(use, L0[d] - hi0 * s, 0.0)
        expected[3][d] = np.where(use, L1[d] - hi1 * s, 0.0)
        for got, want in zip(b, expected, strict=True):
            assert np.array_equal(got, want)
    assert certified > 300


def test_skipping_proof_holds_on_every_round_it_covers():
    """Whatever span `goes_on` accepts, every round in it leaves room for one more project
    (checked round by round with the exact run); `extra_rounds` makes at most two proofs."""
    from pbengine._mes_interval import Spare, extra_rounds, goes_on

    proven = 0
    for seed in range(80):
        election = _random_election(seed) if seed % 2 else _larger_election(seed)
        prep = mes.Prepared(election)
        if prep.n == 0:
            continue
        base = prep.budget / prep.n
        spare = Spare(prep, prep.ids)
        room: dict[int, bool] = {}

        def leaves_room(k: int, prep=prep, base=base, room=room) -> bool:
            if k not in room:
                room[k] = _leaves_room(prep, run_exact(prep, base + k).selected, prep.ids)
            return room[k]

        for start in (0, 3, 17):
            trace = mes.run_fast(prep, base + start)
            for span in (1, 2, 5, 13, 40):
                if goes_on(prep, trace, float(span), spare):
                    proven += 1
                    for k in range(start, start + span + 1):
                        assert leaves_room(k), (seed, start, span, k)
            for hint in (1, 8, 64):
                calls = [0]
                extra = extra_rounds(prep, trace, 1, 200, spare, hint, calls)
                assert calls[0] <= 2
                assert extra in (0, hint, hint // 4)
    print("spans proven:", proven)
    assert proven >= 50, "the proof rarely held: the check above proved little"


def test_a_passed_deadline_stops_before_the_next_run():
    """Pages give up cooperatively: no run starts after the deadline; without one, all run."""
    import time

    from pbengine.mes import TooSlow

    election = _election(FIXTURES / "Poland_Warszawa_2017_Plac_Wojska_Polskiego.pb")
    with pytest.raises(TooSlow):
        equal_shares(election, completion="add1", deadline=time.monotonic() - 1)
    late = equal_shares(election, completion="add1", deadline=time.monotonic() + 60)
    assert late.selected == equal_shares(election, completion="add1").selected


def _assert_compiled_equals_fast(prep, budgets) -> int:
    from pbengine._mes_compiled import run_one

    rows = [run_one(prep, b) for b in budgets]
    for b, row in zip(budgets, rows, strict=True):
        if row is not None:
            assert row == mes.run_fast(prep, b).selected, b
    return sum(row is not None for row in rows)


def test_compiled_runs_equal_fast_runs_on_fixtures():
    """Runs the compiled loop decides select exactly what `run_fast` selects, in the same order;
    it gives a run up only on a close decision (then `run_fast` decides it exactly)."""
    decided = total = 0
    for file in sorted(FIXTURE_REF):
        prep = mes.Prepared(_election(FIXTURES / file))
        if prep.n == 0:
            continue
        base = prep.budget / prep.n
        for offset in (0, 40, 400):
            budgets = [base + offset + k for k in range(12)]
            decided += _assert_compiled_equals_fast(prep, budgets)
            total += len(budgets)
    assert decided >= 0.9 * total, (decided, total)


@pytest.mark.parametrize("seed", range(40))
def test_compiled_runs_equal_fast_runs_on_random_elections(seed):
    election = _random_election(seed) if seed % 2 else _larger_election(seed)
    prep = mes.Prepared(election)
    if prep.n == 0:
        return
    base = prep.budget / prep.n
    _assert_compiled_equals_fast(prep, [base + Fraction(k, 3) for k in range(30)])


@pytest.mark.parametrize("batched", [True, False])
@pytest.mark.parametrize("seed", range(12))
def test_loop_with_and_without_batches_equals_exact_round_by_round(seed, batched, monkeypatch):
    """The iterated variants give the same outcome whether rounds are batched or run one at a
    time, as every round run exactly."""
    if not batched:
        monkeypatch.setattr(mes, "BATCH_MAX_SUPPORT", 0)
    election = _larger_election(seed)
    _assert_loop_equals_exact_round_by_round(election, seed)
    for completion in ("add1", "budget-increase"):
        # the explanations come from a full run of the returned round, however it was found
        fast = equal_shares(election, completion=completion)
        plain = equal_shares(
            election, completion=completion, runner=lambda prep, b: mes.run_fast(prep, b)
        )
        assert fast.explanations == plain.explanations


@pytest.mark.parametrize("seed", range(40))
def test_approval_classes_equal_a_plain_count(seed):
    """MES's view of approval ballots: the distinct sets of costly candidates approved, in the
    order of their first voter, with their voter counts and per-project supporters, as a plain
    count over the ballots gives them (ballots in any order, with free and non-candidate
    projects, empty ballots; a restricted list of candidates)."""
    rng = random.Random(seed)
    ids = [str(i) for i in rng.sample(range(1, 40), rng.randint(1, 12))]
    costs = {p: Fraction(rng.choice([0, 1, 3, 10, 33])) for p in ids}
    ballots = [tuple(rng.sample(ids, rng.randint(0, min(4, len(ids))))) for _ in range(60)]
    kind = "choose-1" if seed % 4 == 0 else "approval"
    if kind == "choose-1":
        ballots = [b[:1] for b in ballots]
    election = Election(
        Fraction(100),
        kind,
        {p: Project(p, c) for p, c in costs.items()},
        [Ballot(b) for b in ballots],
    )
    candidates = rng.sample(ids, rng.randint(0, len(ids))) if seed % 2 else None
    prep = Prepared(election, projects=candidates)
    costly = {p for p in (ids if candidates is None else candidates) if costs[p] > 0}
    classes: dict[frozenset, int] = {}
    for ballot in ballots:
        key = frozenset(ballot) & costly
        if key:
            classes[key] = classes.get(key, 0) + 1
    assert prep.ids == sorted(set().union(*classes))
    assert prep.free == []
    assert prep.D == len(classes) == len(prep.ballot_sats)
    assert prep.w.tolist() == list(classes.values())
    for d, key in enumerate(classes):
        assert prep.ballot_sats[d] == [(prep.ids.index(p), costs[p]) for p in sorted(key)]
    for q, p in enumerate(prep.ids):
        mine = [d for d, key in enumerate(classes) if p in key]
        assert prep.sup[q].tolist() == mine
        assert prep.supporters[q] == prep.support_count[p] == sum(prep.w[mine].tolist())
        assert prep.total_sat[q] == costs[p] * prep.supporters[q]
        assert prep.nz_p[prep.nz_d == mine[0]].tolist().count(q) == 1


@pytest.mark.parametrize("seed", range(30))
def test_ranking_classes_equal_a_plain_count(seed):
    """MES's view of rankings (Borda): the distinct satisfactions in the order of their first
    voter, with their voter counts, as the satisfaction of every ballot gives them. Rankings
    that differ only in their last project (it scores 0) are one class; a ranking that names its
    last project earlier as well (allowed outside strict reading) gives that project 0."""
    rng = random.Random(seed)
    ids = [str(i) for i in rng.sample(range(1, 40), rng.randint(1, 8))]
    costs = {p: Fraction(rng.choice([0, 1, 3, 10, 33])) for p in ids}
    ballots = []
    for _ in range(80):
        ranking = rng.sample(ids, rng.randint(0, min(4, len(ids))))
        if ranking and rng.random() < 0.15:
            ranking.append(rng.choice(ranking))  # a project named twice
        ballots.append(tuple(ranking))
    election = Election(
        Fraction(100),
        "ordinal",
        {p: Project(p, c) for p, c in costs.items()},
        [Ballot(b) for b in ballots],
    )
    prep = Prepared(election)
    classes: dict[tuple, int] = {}  # (a free project's score keeps classes apart)
    for ballot in ballots:
        scores = {p: len(ballot) - 1 - i for i, p in enumerate(ballot)}  # the last naming counts
        key = tuple(sorted((p, v) for p, v in scores.items() if v > 0))
        classes[key] = classes.get(key, 0) + 1
    costly = {key: [(p, v) for p, v in key if costs[p] > 0] for key in classes}
    kept = [key for key in classes if costly[key]]
    assert prep.D == len(kept) == len(prep.ballot_sats)
    assert prep.w.tolist() == [classes[key] for key in kept]
    for d, key in enumerate(kept):
        assert prep.ballot_sats[d] == [(prep.ids.index(p), v) for p, v in costly[key]]


@pytest.mark.parametrize("seed", range(40))
def test_choose_one_runs_equal_pabutools_and_the_exact_run(seed):
    """Ballots that each name one project (`Prepared.apart`, a run in closed form): every run
    takes the steps of the exact run (prices, who paid in full), and every completion gives
    pabutools' outcome (ties in supporters, projects nobody can pay, free projects, budgets
    where a project's supporters can exactly pay it)."""
    rng = random.Random(7000 + seed)
    ids = [str(i) for i in rng.sample(range(1, 30), rng.randint(1, 8))]
    costs = {p: Fraction(rng.choice([0, 2, 3, 6, 10, 12, 30])) for p in ids}
    ballots = [Ballot((rng.choice(ids),)) for _ in range(rng.randint(1, 30))]
    budget = Fraction(rng.randint(5, 80), rng.choice([1, 1, 2, 3]))
    election = Election(budget, "choose-1", {p: Project(p, c) for p, c in costs.items()}, ballots)
    prep = Prepared(election)
    assert prep.apart
    for voter_budget in (
        budget / len(ballots),
        Fraction(2),
        Fraction(3),
        Fraction(rng.randint(1, 40), 7),
    ):
        fast, exact = mes.run_fast(prep, voter_budget), run_exact(prep, voter_budget)
        assert [
            (s.project, s.rho, s.paid_full, s.paid_rest, s.paid_nothing) for s in fast.steps
        ] == [(s.project, s.rho, s.paid_full, s.paid_rest, s.paid_nothing) for s in exact.steps]
        assert list(fast.left) == pytest.approx(list(exact.left))
    for completion in RULE_NAMES:
        assert equal_shares(election, completion=completion).selected == _pabutools(
            election, completion
        ), (seed, completion)
    _assert_loop_equals_exact_round_by_round(election, seed)
