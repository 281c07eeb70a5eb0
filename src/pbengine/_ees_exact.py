"""Exact Equal Shares: the plain reference for `pbengine.ees` (ADR 0009).

Every run from scratch: each round rebuilds every open project's supporters per level (what they
paid so far) and keeps them (`Run.states`), and `next_budget` walks all rounds and projects for the
least budget at which some project certifies instability. `pbengine.ees` computes the same runs,
next budgets and outcomes incrementally; the tests check that both agree on random elections.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from pbengine.ees import MARGIN, Round, _Prepared
from pbengine.model import total_cost


@dataclass
class Run:
    """One run of EES at virtual budget `budget` per voter."""

    budget: Fraction
    rounds: list[Round] = field(default_factory=list)
    #: Per round (and one more for the final state), each unfunded project's supporters per
    #: level, richest first: [(paid so far, its float, number of voters)]. For next_budget.
    states: list[dict[str, list[tuple[Fraction, float, int]]]] = field(default_factory=list)

    @property
    def selected(self) -> list[str]:
        return [r.project for r in self.rounds]


def _beats(prep: _Prepared, a: str, ka: int, b: str | None, kb: int) -> bool:
    """Does project a with ka payers win a round against b with kb payers?"""
    if b is None:
        return True
    free_a, free_b = prep.cost[a] == 0, prep.cost[b] == 0
    if free_a or free_b:  # free projects first, by id
        return free_a and (not free_b or a < b)
    if prep.utility == "cost":
        return ka > kb or (ka == kb and a < b)
    va, vb = prep.value(a, ka), prep.value(b, kb)
    return va > vb or (va == vb and a < b)


def _payers(levels, budget: Fraction, cost: Fraction) -> int:
    """The largest k such that the k richest supporters each have cost/k left (0 if none).

    `levels`: [(paid so far, its float, number of voters)], least paid first.
    """
    best, seen = 0, 0
    budget_f, cost_f = float(budget), float(cost)
    for paid, paid_f, count in levels:
        seen += count
        left_f = budget_f - paid_f
        gap = left_f * seen - cost_f
        if abs(gap) <= MARGIN * (abs(left_f) * seen + cost_f + budget_f):
            left = budget - paid
            enough = left >= 0 and left * seen >= cost
        else:
            enough = gap > 0 and left_f >= 0
        if enough:
            best = seen
    return best


def _ordered(ids: list[int], paid: list[Fraction], paid_f: list[float]) -> list[int]:
    """Level ids by what they paid, least first, exact (floats first, close ones exactly)."""
    ids = sorted(ids, key=paid_f.__getitem__)
    start = 0
    for end in range(1, len(ids) + 1):
        if end < len(ids):
            low, high = paid_f[ids[end - 1]], paid_f[ids[end]]
            if high - low <= MARGIN * (abs(high) + 1):
                continue
        if end - start > 1:
            ids[start:end] = sorted(ids[start:end], key=paid.__getitem__)
        start = end
    return ids


def run_ees(prep: _Prepared, budget: Fraction, *, keep_states: bool = False) -> Run:
    """EES with `budget` per voter (see the module docstring).

    Voters are grouped by ballot, and ballots by *level*: what they paid so far (one level per
    distinct amount). Each project keeps how many of its supporters are at each level, moved
    along as a round's payers pay.
    """
    budget = Fraction(budget)
    run = Run(budget=budget)
    paid = [Fraction(0)]  # level id -> paid so far
    paid_f = [0.0]
    level_by_amount = {Fraction(0): 0}
    level_of = [0] * len(prep.ballots)  # ballot -> level id
    count_at: dict[str, dict[int, int]] = {}
    for project, indexes in prep.supporters.items():
        if indexes:
            count_at[project] = {0: sum(prep.ballots[i][1] for i in indexes)}
    open_projects = [p for p in prep.election.projects if p in count_at]
    while True:
        live = {level for counts in count_at.values() for level, n in counts.items() if n}
        position = {level: place for place, level in enumerate(_ordered(list(live), paid, paid_f))}
        state = {}
        for project in open_projects:
            order = sorted(
                (level for level, n in count_at[project].items() if n), key=position.__getitem__
            )
            state[project] = [(paid[lv], paid_f[lv], count_at[project][lv]) for lv in order]
        if keep_states:
            run.states.append(state)
        best, best_k = None, 0
        for project in open_projects:
            k = _payers(state[project], budget, prep.cost[project])
            if k and _beats(prep, project, k, best, best_k):
                best, best_k = project, k
        if best is None:
            return run
        payment = prep.cost[best] / best_k
        supporters = sum(count for _paid, _f, count in state[best])
        run.rounds.append(Round(best, best_k, payment, supporters))
        # The payers are the richest best_k supporters: the first levels of its state.
        moved: dict[int, int] = {}
        seen = 0
        for level in sorted(
            (lv for lv, n in count_at[best].items() if n), key=position.__getitem__
        ):
            if seen >= best_k:
                break
            seen += count_at[best][level]
            amount = paid[level] + payment
            after = level_by_amount.get(amount)
            if after is None:
                after = level_by_amount[amount] = len(paid)
                paid.append(amount)
                paid_f.append(float(amount))
            moved[level] = after
        for index in prep.supporters[best]:
            level = level_of[index]
            after = moved.get(level)
            if after is None:
                continue
            level_of[index] = after
            count = prep.ballots[index][1]
            for project in prep.ballots[index][0]:
                counts = count_at.get(project)
                if counts is not None:
                    counts[level] -= count
                    counts[after] = counts.get(after, 0) + count
        open_projects.remove(best)
        del count_at[best]


def next_budget(prep: _Prepared, run: Run, *, skip: bool = False) -> Fraction | None:
    """The smallest budget above `run.budget` at which some project certifies instability.

    Project `p` with `k` payers has a priority (its value `u * k / cost`, then its id); the run's
    winners come in order of falling priority, so `(p, k)` has a place among the rounds: before
    the first round whose winner it beats. It certifies instability at budget `b + d` when its
    `k` richest supporters, with what they had left at that place plus `d`, each have `cost/k`
    (for a funded `p`, only `k` above its payers counts). At `d = 0` no project does (that is
    what EES chose), and as long as none does the whole run stays the same at `b + d` (see the
    ADR: the first round that differs has a project that certifies). `run.states[t]` holds what
    the open projects' supporters had paid at round `t`, so each place costs work per level.
    With `skip`, only projects outside the outcome count (ADD-OPT-SKIP).
    """
    budget = run.budget
    rounds = run.rounds
    funded = {r.project: r for r in rounds}
    best: Fraction | None = None
    for project, indexes in prep.supporters.items():
        if not indexes or prep.cost[project] == 0:
            continue  # never paid, or always funded first with every supporter
        if skip and project in funded:
            continue
        cost = prep.cost[project]
        total = sum(prep.ballots[i][1] for i in indexes)
        floor_k = funded[project].payers + 1 if project in funded else 1
        # threshold[t]: the fewest payers with which (project, k) beats round t's winner.
        upper = total  # the most payers at the places seen so far (k below the previous bound)
        for t in range(len(rounds) + 1):
            low = _fewest_to_beat(prep, project, rounds[t]) if t < len(rounds) else 1
            low = max(low, floor_k)
            if low <= upper:
                levels = run.states[t].get(project)
                if levels is None:  # funded before this place: cannot be (its own round is later)
                    raise AssertionError(f"{project} closed before its place")
                d = _least_increase(levels, budget, cost, low, upper)
                if d is not None:
                    if d <= 0:
                        raise AssertionError(f"{project} already certifies at {budget}")
                    if best is None or d < best:
                        best = d
            if t < len(rounds):
                upper = min(upper, _fewest_to_beat(prep, project, rounds[t]) - 1)
            if upper < floor_k:
                break
    return None if best is None else budget + best


def _least_increase(
    levels, budget: Fraction, cost: Fraction, low: int, high: int
) -> Fraction | None:
    """The least d with which the k richest supporters each have cost/k, for some low <= k <= high.

    `levels`: [(paid so far, its float, number of voters)], richest (least paid) first. Within one
    level the k-th richest has the same money, so the largest k in the level needs least.
    """
    best: Fraction | None = None
    seen = 0
    for paid, _paid_f, count in levels:
        first, seen = seen + 1, seen + count
        if seen < low:
            continue
        if first > high:
            break
        k = min(seen, high)
        d = cost / k - (budget - paid)
        if best is None or d < best:
            best = d
    return best


def _fewest_to_beat(prep: _Prepared, project: str, winner: Round) -> int:
    """The fewest payers with which `project` (cost above 0) beats `winner` (huge if never)."""
    never = prep.voters + 1
    rival, rival_k = winner.project, winner.payers
    if prep.cost[rival] == 0:
        return never
    k = rival_k if prep.utility == "cost" else int(prep.value(rival, rival_k) * prep.cost[project])
    k = max(k, 1)
    while not _beats(prep, project, k, rival, rival_k):
        k += 1
    return k


def add_opt(prep: _Prepared, *, skip: bool = False) -> tuple[Run, int]:
    """ADD-OPT (or ADD-OPT-SKIP) from `B / n`, every run from scratch: (final run, EES runs)."""
    election = prep.election
    run = run_ees(prep, Fraction(election.budget) / prep.voters, keep_states=True)
    steps = 1
    while len(run.rounds) < len(election.projects):
        budget = next_budget(prep, run, skip=skip)
        if budget is None:
            break
        candidate = run_ees(prep, budget, keep_states=True)
        steps += 1
        if total_cost(election, candidate.selected) > election.budget:
            break
        run = candidate
    return run, steps
