"""Exact Equal Shares (EES) and its ADD-OPT and ADD-OPT-SKIP completions, in exact fractions.

Kraiczy, Robinson and Elkind, "Streamlining Equal Shares" (arXiv:2502.11797, 2025). Approval
ballots (and choose-1); a voter's utility for an approved project is 1 (`utility="cardinality"`)
or its cost (`utility="cost"`).

**EES.** Every voter starts with the same virtual budget `b`. In each round, a project `p` not yet
funded can be paid by `k` of its supporters if the `k` richest of them each have at least
`cost(p) / k` left; its largest such `k` is its number of payers, and each payer pays exactly
`cost(p) / k` (the other supporters pay nothing; in MES they would pay what they have left). The
project with the most utility per unit paid, `u(p) * k / cost(p)`, is funded (ties: the smaller
project id as a string, as pabutools breaks ties; cost-0 projects first); the rounds end when no
project can be paid.

**Next budget (ADD-OPT, ADD-OPT-SKIP).** Winners come in order of falling priority, so a project
`p` with `k` payers has a place among the rounds (before the first winner it beats). It *certifies
instability* at budget `beta` when its `k` richest supporters, with what they had left at that
place, each have `cost/k`: `beta >= cost/k + paid_k`, `paid_k` what the `k`-th richest had paid
before the place. Nothing certifies at `b`, and while nothing certifies the whole run at a higher
budget is the same (ADR 0009 has the proof), so `next_budget` is the least such `beta` over all
projects (ADD-OPT) or over the projects outside the outcome (ADD-OPT-SKIP). ADD-OPT reruns EES at
those budgets from `B / n` up and keeps the last outcome that fits the real budget `B`: no budget
in between can give another outcome. ADD-OPT-SKIP passes over budgets where only funded projects
gain payers (fewer reruns; it may pass over an outcome ADD-OPT would find).

**Speed (ADR 0009, "Incremental runs").** `_ees_exact` is the plain reference: every run from
scratch. Here:

- voters with the same ballot always pay the same, so they are one group; a group's money is a
  *level* (what it paid so far: a parent level plus one payment, its float summed along the
  way and its exact amount only when a close call asks for it), and each open project keeps
  its supporters per level, richest first (`_Levels`);
- those are counted lazily: a funded project's neighbours (projects sharing a ballot group) go
  *stale* and are counted afresh (`_materialize`) only when one would win the round or its
  lower bound decides the next budget (payers counted on stale levels are at least the true
  number, and `beta`s at most the true ones);
- a pair's `beta` does not depend on `b`, only on the rounds before its place. So each round
  records, per open project, the least `beta` of the pairs placed there (`Run.cands`), and
  `next_budget` takes the least over the rounds;
- at the next budget `b'` the rounds before the first one holding a pair with `beta <= b'` stay
  the same (nothing placed there certifies), so the run *resumes* at that round from the state
  kept there (`Run.snaps`) instead of starting over, and the earlier rounds' `beta`s are reused.

Floats decide only where they are far from a tie (`MARGIN`); close calls and every budget that
is returned are exact fractions.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import accumulate
from operator import sub

from pbengine.model import APPROVAL, CHOOSE_1, Election, Outcome, total_cost
from pbengine.rules import RuleError

UTILITIES = ("cardinality", "cost")
COMPLETIONS = {None: "ees", "add-opt": "ees-add-opt", "add-opt-skip": "ees-add-opt-skip"}


class EESError(RuleError):
    """EES cannot be applied (it is defined here for approval ballots only)."""


@dataclass
class Round:
    """One funded project: who could pay and what each payer paid."""

    project: str
    payers: int
    payment: Fraction
    #: All supporters of the project (payers and those with too little left).
    supporters: int


class _Prepared:
    """The election as EES needs it: distinct ballots with their counts, supporters per project."""

    def __init__(self, election: Election, utility: str):
        if election.vote_type not in (APPROVAL, CHOOSE_1):
            raise EESError(
                "unsupported_ballot",
                "Exact Equal Shares is defined here for approval ballots only",
                vote_type=election.vote_type,
            )
        if utility not in UTILITIES:
            raise EESError("unknown_utility", f"unknown utility {utility!r}", utility=utility)
        self.election = election
        self.utility = utility
        self.voters = election.num_voters
        ballots = Counter(frozenset(b.projects) for b in election.ballots)
        self.ballots: list[tuple[frozenset[str], int]] = sorted(
            ballots.items(), key=lambda item: sorted(item[0])
        )
        self.supporters: dict[str, list[int]] = {p: [] for p in election.projects}
        for index, (ballot, _count) in enumerate(self.ballots):
            for project in ballot:
                if project in self.supporters:
                    self.supporters[project].append(index)
        self.cost = {p: Fraction(project.cost) for p, project in election.projects.items()}
        self.cost_f = {p: float(cost) for p, cost in self.cost.items()}
        #: Per project (cost numerator, denominator), for exact comparisons in integers.
        self.cost_nd = {p: (cost.numerator, cost.denominator) for p, cost in self.cost.items()}
        self.free = {p for p, cost in self.cost.items() if cost == 0}
        self.counts = [count for _ballot, count in self.ballots]
        self.total = {
            p: sum(self.counts[i] for i in groups) for p, groups in self.supporters.items()
        }
        #: Per ballot group, the projects of the election on it.
        self.group_projects = [
            tuple(p for p in ballot if p in self.supporters) for ballot, _count in self.ballots
        ]
        #: Levels (what a group paid so far), shared by all runs, as a tree of payments: a
        #: level is its parent level plus one payment, {(numerator, denominator): {parent: id}}.
        #: Its float is the parent's plus the payment's (off by at most ~1e-16 per payment);
        #: its exact amount is summed only when asked for (`_paid`). Two levels may hold the
        #: same amount (paid in other steps): nothing needs them merged (a level's voters are
        #: only ever counted with those before it).
        self.level_id: dict[tuple[int, int], dict[int, int]] = {}
        self.level_f: list[float] = [0.0]
        self.level_parent: list[int] = [-1]
        self.level_pay: list[Fraction] = [Fraction(0)]
        self.level_exact: list[Fraction | None] = [Fraction(0)]
        #: Every project with supporters, all at level 0 (what a run starts from).
        self.initial = {p: ([0.0], [0], [n], [n]) for p, n in self.total.items() if n}
        self.rank = {p: i for i, p in enumerate(sorted(election.projects))}
        #: With whole costs and `payers * cost < 2**50`, the float `payers / cost` orders
        #: projects exactly: it is correctly rounded, so equal values give equal floats and
        #: distinct values (relatively at least 1 / (payers * cost) apart) keep their order.
        whole = all(d == 1 for _n, d in self.cost_nd.values())
        most = max(self.total.values(), default=0) * max(self.cost.values(), default=0)
        self.float_values = whole and most < 2**50
        #: Projects that can have a place in `Run.cands` (cost above 0), most supporters first.
        self.by_total = sorted(
            (p for p in self.initial if self.cost[p] != 0), key=lambda p: -self.total[p]
        )
        #: Per project, its supporting groups of one voter, and (group, voters) of the others.
        self.sup_ones = {
            p: tuple(g for g in groups if self.counts[g] == 1)
            for p, groups in self.supporters.items()
        }
        self.sup_more = {
            p: [(g, self.counts[g]) for g in groups if self.counts[g] != 1]
            for p, groups in self.supporters.items()
        }
        #: Per project, the projects sharing a ballot group with it: whose supporters may pay
        #: when it is funded.
        self.neighbours: dict[str, frozenset[str]] = {}
        for p, groups in self.supporters.items():
            near = {q for g in groups for q in self.group_projects[g]}
            near.discard(p)
            self.neighbours[p] = frozenset(near)

    def priority(self, project: str, payers: int) -> tuple:
        """Who wins a round: the greatest (free, value, smaller id) (see `value`)."""
        if project in self.free:
            return (1, 0, -self.rank[project])
        if self.utility == "cost":
            return (0, payers, -self.rank[project])
        if self.float_values:
            return (0, payers / self.cost_f[project], -self.rank[project])
        return (0, Fraction(payers) / self.cost[project], -self.rank[project])

    def value(self, project: str, payers: int) -> Fraction:
        """Utility per unit paid with `payers` payers: `u * payers / cost` (cost 0: infinite)."""
        cost = self.cost[project]
        if self.utility == "cost":
            return Fraction(payers)
        return Fraction(payers) / cost


#: Relative margin within which a float comparison is retaken in exact fractions (floats carry
#: about 1e-16; every decision closer than this is decided exactly).
MARGIN = 1e-9


#: One open project's supporters per level, richest (least paid) first, as parallel lists:
#: (paid as float, level ids, voters, running number of voters). Never changed once made (runs
#: and snapshots share them). A project's levels may be *stale*: counted before some of its
#: supporters paid for a later winner (see `run_ees`).
_Levels = tuple[list[float], list[int], list[int], list[int]]


@dataclass
class Run:
    """One run of EES at virtual budget `budget` per voter."""

    budget: Fraction
    rounds: list[Round] = field(default_factory=list)
    #: Per round (and one more after the last): the state at its start, (level id per ballot
    #: group, {open project: _Levels}, the projects whose _Levels are stale). Kept with
    #: `keep_states`, to resume and for next_budget.
    snaps: list[tuple[list[int], dict[str, _Levels], set[str]]] = field(default_factory=list)
    #: Per round (and one more): [(least beta as float, project, exact)] of the pairs placed
    #: there, least first. Where the project's levels were stale the value is a lower bound
    #: (`exact` False) until `_refine` counts it afresh.
    cands: list[list[tuple[float, str, bool]]] = field(default_factory=list)

    @property
    def selected(self) -> list[str]:
        return [r.project for r in self.rounds]


def _level_after(
    prep: _Prepared, children: dict[int, int], lid: int, payment: Fraction, payment_f: float
) -> int:
    """The id of the level reached from level `lid` by paying `payment` (> 0); `children`:
    the payment's table in `prep.level_id`."""
    after = children.get(lid)
    if after is None:
        after = children[lid] = len(prep.level_f)
        prep.level_f.append(prep.level_f[lid] + payment_f)
        prep.level_parent.append(lid)
        prep.level_pay.append(payment)
        prep.level_exact.append(None)
    return after


def _paid(prep: _Prepared, lid: int) -> Fraction:
    """A level's exact amount (summed along its payments once, then kept)."""
    exact = prep.level_exact[lid]
    if exact is None:
        chain = []
        while exact is None:
            chain.append(lid)
            lid = prep.level_parent[lid]
            exact = prep.level_exact[lid]
        for level in reversed(chain):
            exact = prep.level_exact[level] = exact + prep.level_pay[level]
    return exact


#: Sorted level floats closer than this (relative to the largest) are put in exact order: a
#: level's float is off by at most ~1e-16 relative per payment, far below it.
CLOSE = 1e-11


def _payers(
    prep: _Prepared,
    state: _Levels,
    budget: Fraction,
    budget_f: float,
    project: str,
    most: int | None = None,
) -> int:
    """The largest k such that the k richest supporters each have cost/k left (0 if none).

    Only levels with `(budget - paid) * total >= cost` can pay (found by bisection), and none
    beyond `most` payers when that is known; of those the poorest one that can pay gives k.
    """
    fs, lids, _ns, cum = state
    cost, cost_f = prep.cost[project], prep.cost_f[project]
    total = cum[-1]
    limit = budget_f - cost_f / total
    j = bisect_right(fs, limit + MARGIN * (abs(limit) + budget_f + 1)) - 1
    if most is not None:
        j = min(j, bisect_right(cum, most) - 1)
    while j >= 0:
        seen = cum[j]
        left_f = budget_f - fs[j]
        gap = left_f * seen - cost_f
        if abs(gap) <= MARGIN * (abs(left_f) * seen + cost_f + budget_f):
            left = budget - _paid(prep, lids[j])
            if left >= 0 and left * seen >= cost:
                return seen
        elif gap > 0 and left_f >= 0:
            return seen
        j -= 1
    return 0


def _band(prep: _Prepared, state: _Levels, project: str, low: int, high: int) -> float | None:
    """Least `cost/k + paid_k` over `low <= k <= high`, in floats (None if no such k).

    Within one level the k-th richest paid the same, so the largest k in the level needs least.
    """
    fs, _lids, _ns, cum = state
    cost_f = prep.cost_f[project]
    j = bisect_left(cum, low)
    best = None
    while j < len(fs):
        if j and cum[j - 1] >= high:
            break
        value = cost_f / min(cum[j], high) + fs[j]
        if best is None or value < best:
            best = value
        j += 1
    return best


def _band_exact(prep: _Prepared, state: _Levels, project: str, low: int, high: int) -> Fraction:
    """`_band` exactly: summed in fractions only where the float is within MARGIN of the least
    (a level's float is off by far less)."""
    fs, lids, _ns, cum = state
    cost, cost_f = prep.cost[project], prep.cost_f[project]
    places = []
    j = bisect_left(cum, low)
    while j < len(fs) and not (j and cum[j - 1] >= high):
        places.append(j)
        j += 1
    floats = [cost_f / min(cum[j], high) + fs[j] for j in places]
    near = min(floats) * (1 + MARGIN)
    return min(
        cost / min(cum[j], high) + _paid(prep, lids[j])
        for j, value in zip(places, floats, strict=True)
        if value <= near
    )


def _bounds(prep: _Prepared, run: Run, t: int, project: str) -> tuple[int, int]:
    """The payers k with which (project, k) has its place at round t: low <= k <= high."""
    rounds = run.rounds
    total = prep.total[project]
    low = _low(prep, project, rounds[t] if t < len(rounds) else None)
    high = total if t == 0 else min(total, _low(prep, project, rounds[t - 1]) - 1)
    return low, high


def _materialize(prep: _Prepared, level_of: list[int], project: str) -> _Levels:
    """A project's supporters per level, counted afresh from every group's level."""
    voters = Counter(map(level_of.__getitem__, prep.sup_ones[project]))
    for group, n in prep.sup_more[project]:
        voters[level_of[group]] += n
    level_f = prep.level_f
    order = sorted(voters, key=level_f.__getitem__)
    fs = [level_f[lid] for lid in order]
    if len(fs) > 1 and min(map(sub, fs[1:], fs)) <= CLOSE * fs[-1]:
        # Floats this close may be out of order (or hold the same amount): exact order.
        order.sort(key=lambda lid: _paid(prep, lid))
        fs = [level_f[lid] for lid in order]
    ns = [voters[lid] for lid in order]
    return fs, order, ns, list(accumulate(ns))


def run_ees(
    prep: _Prepared,
    budget: Fraction,
    *,
    keep_states: bool = False,
    resume: Run | None = None,
    at: int = 0,
) -> Run:
    """EES with `budget` per voter (see the module docstring).

    With `resume` (a run kept with `keep_states`) the rounds before `at` are taken from it and
    the run goes on from its state at round `at`: the caller vouches that they are the same at
    `budget` (`next_budget` and `_first_changed` do).

    Projects' levels are counted lazily: when a project is funded, the projects sharing a
    ballot group with it become *stale* and are counted afresh only when needed. Within a run
    money only falls, so payers counted on stale levels are at least the true number: a stale
    project's priority is an upper bound, and only a stale project that would win is counted
    afresh. Likewise its least `beta` on stale levels is a lower bound (`Run.cands`).
    """
    budget = Fraction(budget)
    budget_f = float(budget)
    run = Run(budget=budget)
    if resume is None:
        level_of = [0] * len(prep.ballots)
        states = {p: prep.initial[p] for p in prep.election.projects if p in prep.initial}
        stale: set[str] = set()
        previous = None
    else:
        run.rounds = resume.rounds[:at]
        run.snaps = resume.snaps[:at]
        run.cands = resume.cands[:at]
        saved_levels, saved_states, saved_stale = resume.snaps[at]
        level_of, states, stale = list(saved_levels), dict(saved_states), set(saved_stale)
        previous = run.rounds[-1] if at else None
    known: dict[str, tuple[_Levels, int, tuple]] = {}  # project -> (levels, payers, priority)
    cost, total, neighbours = prep.cost, prep.total, prep.neighbours
    while True:
        if keep_states:
            run.snaps.append((list(level_of), dict(states), set(stale)))
        while True:
            best, best_key = None, None
            for project, state in states.items():
                seen = known.get(project)
                if seen is None or seen[0] is not state:
                    # Within a run money only falls, so a project's payers too: at most as before.
                    most = None if seen is None else seen[1]
                    k = _payers(prep, state, budget, budget_f, project, most)
                    seen = known[project] = (state, k, prep.priority(project, k))
                if seen[1] and (best_key is None or seen[2] > best_key):
                    best, best_key = project, seen[2]
            if best is None or best not in stale:
                break
            # The best may have fewer payers now: count it afresh and look again.
            states[best] = _materialize(prep, level_of, best)
            stale.discard(best)
            if keep_states:
                # The same levels at this round's start in every later run that reuses it
                # (levels do not depend on the budget): kept in its snapshot.
                run.snaps[-1][1][best] = states[best]
                run.snaps[-1][2].discard(best)
        winner = None
        if best is not None:
            k = known[best][1]
            winner = Round(best, k, cost[best] / k, total[best])
        if keep_states:
            run.cands.append(_candidates(prep, states, stale, winner, previous))
        if winner is None:
            return run
        run.rounds.append(winner)
        previous = winner
        # The payers are the richest k supporters: the first levels (k ends at a level's end).
        _fs, lids, _ns, cum = states.pop(best)
        moved: dict[int, int] = {}
        payment = winner.payment
        if payment:  # (a project of cost 0 moves nobody)
            key = (payment.numerator, payment.denominator)
            children = prep.level_id.get(key)
            if children is None:
                children = prep.level_id[key] = {}
            payment_f = float(payment)
            for j, lid in enumerate(lids):
                after = children.get(lid)
                if after is None:
                    after = _level_after(prep, children, lid, payment, payment_f)
                moved[lid] = after
                if cum[j] >= winner.payers:
                    break
        for group in prep.supporters[best]:
            after = moved.get(level_of[group])
            if after is not None:
                level_of[group] = after
        stale.update(p for p in neighbours[best] if p in states)


def _low(prep: _Prepared, project: str, winner: Round | None) -> int:
    """The fewest payers with which `project` (cost above 0) beats `winner` (huge if never).

    `winner=None` stands for the place after the last round, where any payer counts.
    """
    if winner is None:
        return 1
    rival, rival_k = winner.project, winner.payers
    if rival in prep.free:
        return prep.voters + 1
    before = prep.rank[project] < prep.rank[rival]
    if prep.utility == "cost":
        return rival_k if before else rival_k + 1
    # k / cost(p) > rival_k / cost(rival) (or equal, p's id first), in integers.
    n_p, d_p = prep.cost_nd[project]
    n_r, d_r = prep.cost_nd[rival]
    k, rest = divmod(rival_k * d_r * n_p, d_p * n_r)
    if rest or not before:
        k += 1
    return max(k, 1)


def _candidates(prep: _Prepared, states, stale, winner: Round | None, previous: Round | None):
    """[(least beta as float, project, exact)] over the pairs placed at this round, least first.

    `(p, k)` is placed here when it beats this round's `winner` but not the `previous` one. On
    stale levels (`stale`) the value is a lower bound: the k-th richest supporter has paid at
    least as much since, so `cost/k + paid_k` only grew.
    """
    if winner is not None and winner.project in prep.free:
        return []
    fast = prep.utility == "cost" and (previous is None or previous.project not in prep.free)
    fewest = 1 if winner is None or prep.utility != "cost" else winner.payers
    rank, total = prep.rank, prep.total
    if fast:  # (p, k) beats (w, k_w) when k > k_w, or k = k_w and p's id is smaller
        rank_w = rank[winner.project] if winner else -1
        k_w = winner.payers if winner else 0
        rank_v = rank[previous.project] if previous else 0
        k_v = previous.payers if previous else 0
    found = []
    for project in prep.by_total:  # most supporters first
        if total[project] < fewest:
            break
        state = states.get(project)
        if state is None:
            continue
        if fast:
            low = k_w if rank[project] < rank_w else k_w + 1
            high = total[project]
            if previous is not None:
                high = min(high, k_v - 1 if rank[project] < rank_v else k_v)
        else:
            low = _low(prep, project, winner)
            high = total[project]
            if previous is not None:
                high = min(high, _low(prep, project, previous) - 1)
        if low <= high:
            value = _band(prep, state, project, low, high)
            if value is not None:
                found.append((value, project, project not in stale))
    found.sort()
    return found


def _true_levels(prep: _Prepared, run: Run, t: int, project: str) -> _Levels:
    """The project's levels at the start of round t, counted afresh if they were stale."""
    levels, states, stale = run.snaps[t]
    if project not in stale:
        return states[project]
    state = _materialize(prep, levels, project)
    # Kept in the round's snapshot (its own dict), for later runs that share this round.
    states[project] = state
    stale.discard(project)
    return state


def _refine(prep: _Prepared, run: Run, t: int, project: str) -> None:
    """Replace the project's lower bound at round t by its value on its true levels."""
    low, high = _bounds(prep, run, t, project)
    value = _band(prep, _true_levels(prep, run, t, project), project, low, high)
    found = [entry for entry in run.cands[t] if entry[1] != project]
    if value is not None:
        found.append((value, project, True))
    found.sort()
    run.cands[t] = found


def next_budget(prep: _Prepared, run: Run, *, skip: bool = False) -> Fraction | None:
    """The least budget above `run.budget` at which some project certifies instability.

    The least `beta` over the pairs recorded per round (`Run.cands`, floats; a lower bound that
    comes first is counted afresh until the least is exact), then exactly over those within
    `MARGIN` of it. With `skip`, only projects outside the outcome count (ADD-OPT-SKIP). The
    run must have been kept with `keep_states`.
    """
    funded = set(run.selected) if skip else set()
    while True:
        least, where = None, None
        for t, found in enumerate(run.cands):
            for value, project, exact in found:
                if project not in funded:
                    if least is None or value < least:
                        least, where = value, (t, project, exact)
                    break
        if where is None:
            return None
        t, project, exact = where
        if exact:
            break
        _refine(prep, run, t, project)
    near = least + MARGIN * abs(least)
    best: Fraction | None = None
    for t in range(len(run.cands)):
        while True:  # every value within `near` exact first
            bound = next(
                (
                    project
                    for value, project, exact in run.cands[t]
                    if value <= near and not exact and project not in funded
                ),
                None,
            )
            if bound is None:
                break
            _refine(prep, run, t, bound)
        for value, project, _exact in run.cands[t]:
            if value > near:
                break
            if project in funded:
                continue
            low, high = _bounds(prep, run, t, project)
            exact_value = _band_exact(prep, _true_levels(prep, run, t, project), project, low, high)
            if best is None or exact_value < best:
                best = exact_value
    if best is None or best <= run.budget:
        raise AssertionError(f"a project already certifies at {run.budget}")
    return best


def _first_changed(prep: _Prepared, run: Run, budget: Fraction) -> int:
    """A round at or before the first one that differs at `budget` (> run.budget).

    A round can differ only if some pair placed at or before it certifies at `budget`; before
    the first round holding a pair with `beta <= budget`, the run is the same. Lower bounds
    that would decide it are counted afresh, so the round is the same as with exact values.
    """
    near = float(budget) * (1 + MARGIN)
    for t in range(len(run.cands)):
        while run.cands[t] and run.cands[t][0][0] <= near and not run.cands[t][0][2]:
            _refine(prep, run, t, run.cands[t][0][1])
        if run.cands[t] and run.cands[t][0][0] <= near:
            return t
    return len(run.cands) - 1


def equal_shares_exact(
    election: Election,
    *,
    utility: str = "cardinality",
    completion: str | None = None,
    deadline: float | None = None,
) -> Outcome:
    """EES (`completion=None`), or completed by ADD-OPT (`"add-opt"`) or ADD-OPT-SKIP.
    `deadline` (a `time.monotonic()` value): raise `mes.TooSlow` rather than start another run
    after it (as `mes.equal_shares`)."""
    if completion not in COMPLETIONS:
        raise EESError("unknown_completion", f"unknown completion {completion!r}")
    prep = _Prepared(election, utility)
    if prep.voters == 0:
        return _outcome(prep, Run(budget=Fraction(0)), completion, steps=0)
    start = Fraction(election.budget) / prep.voters
    run = run_ees(prep, start, keep_states=completion is not None)
    steps = 1
    if completion is None:
        return _outcome(prep, run, completion, steps=steps)
    every = len(election.projects)
    while len(run.rounds) < every:
        if deadline is not None and time.monotonic() > deadline:
            from pbengine.mes import TooSlow

            raise TooSlow
        budget = next_budget(prep, run, skip=completion == "add-opt-skip")
        if budget is None:
            break
        at = _first_changed(prep, run, budget)
        candidate = run_ees(prep, budget, keep_states=True, resume=run, at=at)
        steps += 1
        if total_cost(election, candidate.selected) > election.budget:
            break
        run = candidate
    return _outcome(prep, run, completion, steps=steps)


def _outcome(prep: _Prepared, run: Run, completion: str | None, *, steps: int) -> Outcome:
    election = prep.election
    explanations: dict[str, dict] = {}
    for number, r in enumerate(run.rounds, start=1):
        explanations[r.project] = {
            "selected": True,
            "round": number,
            "supporters": r.supporters,
            "payers": r.payers,
            "share": float(r.payment),
            "reason": "funded",
        }
    for project in election.projects:
        if project not in explanations:
            explanations[project] = {
                "selected": False,
                "supporters": prep.total[project],
                "reason": "not_reached",
            }
    spent = total_cost(election, run.selected)
    details = {
        "utility": prep.utility,
        "voter_budget": float(run.budget),
        "voter_budget_exact": str(run.budget),
        "rounds": len(run.rounds),
        "runs": steps,
        "spent": float(spent),
        "left_over": float(election.budget - spent),
    }
    return Outcome(
        rule=COMPLETIONS[completion],
        selected=run.selected,
        explanations=explanations,
        details=details,
    )
