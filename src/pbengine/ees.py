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

**Speed (ADR 0009, "A compiled kernel").** `_ees_exact` is the plain reference: every run from
scratch, in fractions. Here:

- voters with the same ballot always pay the same, so they are one *group*; each project keeps
  its supporting groups sorted by what they paid (richest first, with running counts), so its
  payers and `beta`s are binary searches, and after a round only the projects some payer
  supports are merged anew: compiled loops (`_ees_kernel`, Numba); a round where floats decide
  everything (below) runs whole in one compiled call (`_kernel.step`), any other is taken with
  its close calls exact (`_round_exact`);
- what a group paid is a float there; equal floats are kept for equal amounts and the float
  order is the exact order (`_settle` puts floats closer than `CLOSE` right, exactly), so a
  level (groups that paid the same) is a run of equal floats; a payer count closer than
  `MARGIN` to a tie is decided exactly (`_payers`), from the exact payments of the rounds;
- a pair's `beta` does not depend on `b`, only on the rounds before its place. So each round
  records, per open project, the least `beta` of the pairs placed there (`Run.cands`), and
  `next_budget` takes the least over the rounds, exactly where floats are near it;
- at the next budget `b'` the rounds before the first one holding a pair with `beta <= b'` stay
  the same (nothing placed there certifies), so the run *resumes* at that round from the state
  kept there instead of starting over, and the earlier rounds' `beta`s are reused.

Every budget that is returned, every payer count near a tie and every winner whose value is
not exact in floats is decided in exact fractions.
"""

from __future__ import annotations

import math
import time
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from itertools import chain

import numpy as np

from pbengine import _ees_kernel as _kernel
from pbengine.model import APPROVAL, CHOOSE_1, Ballot, Election, Outcome, Project, total_cost
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
        # Voters with the same ballot are one group (in the order the ballots first appear:
        # no outcome depends on the order of the groups).
        self.ballots: list[tuple[frozenset[str], int]] = list(
            Counter(frozenset(b.projects) for b in election.ballots).items()
        )
        self.cost = {p: Fraction(project.cost) for p, project in election.projects.items()}
        self.cost_f = {p: float(cost) for p, cost in self.cost.items()}
        #: Per project (cost numerator, denominator), for exact comparisons in integers.
        self.cost_nd = {p: (cost.numerator, cost.denominator) for p, cost in self.cost.items()}
        self.free = {p for p, cost in self.cost.items() if cost == 0}
        # Arrays for the compiled loops: projects by index, their order by id (`rank`).
        self.names = sorted(election.projects)
        self.rank = {p: i for i, p in enumerate(self.names)}
        rank = self.rank
        on_ballot = [[rank[p] for p in ballot if p in rank] for ballot, _count in self.ballots]
        sizes = np.fromiter(map(len, on_ballot), dtype=np.int64, count=len(on_ballot))
        self.counts_arr = np.fromiter(
            (count for _ballot, count in self.ballots), dtype=np.int32, count=len(self.ballots)
        )
        #: Per ballot group its projects, `g_proj[g_ptr[g]:g_ptr[g + 1]]`.
        self.g_ptr = np.zeros(len(self.ballots) + 1, dtype=np.int64)
        self.g_ptr[1:] = np.cumsum(sizes)
        self.g_proj = np.fromiter(
            chain.from_iterable(on_ballot), dtype=np.int32, count=int(sizes.sum())
        )
        #: Per project its supporting groups, `sup_flat[s_ptr[q]:s_ptr[q + 1]]`.
        group_of = np.repeat(np.arange(len(self.ballots), dtype=np.int32), sizes)
        by_project = np.argsort(self.g_proj, kind="stable")
        sup_flat = group_of[by_project]
        per_project = np.bincount(self.g_proj, minlength=len(self.names))
        self.s_ptr = np.zeros(len(self.names) + 1, dtype=np.int64)
        self.s_ptr[1:] = np.cumsum(per_project)
        self.total_arr = np.bincount(
            self.g_proj, weights=self.counts_arr[group_of], minlength=len(self.names)
        ).astype(np.int64)
        self.total = dict(zip(self.names, self.total_arr.tolist(), strict=True))
        self.cost_arr = np.array([self.cost_f[p] for p in self.names])
        self.free_arr = np.array([p in self.free for p in self.names], dtype=bool)
        #: Projects that ever take part: those with supporters.
        self.supported = self.total_arr > 0
        #: With whole costs and `payers * cost < 2**50`, the float `payers / cost` orders
        #: projects exactly: it is correctly rounded, so equal values give equal floats and
        #: distinct values (relatively at least 1 / (payers * cost) apart) keep their order.
        whole = all(d == 1 for _n, d in self.cost_nd.values())
        most = max(self.total.values(), default=0) * max(self.cost.values(), default=0)
        self.float_values = whole and most < 2**50
        #: Whole costs small enough that `_low` can be taken for all projects at once in int64.
        self.cost_int = (
            np.array([self.cost_nd[p][0] for p in self.names], dtype=np.int64)
            if whole and most < 2**62
            else None
        )
        #: (No `low`/`high` given to `_kernel.bands`: it takes them itself.)
        self.no_lows = np.zeros(0, dtype=np.int64)
        #: Rounds where floats decide everything can run whole in `_kernel.step`: whole costs
        #: whose floats and payments `cost / payers` are exact or correctly rounded (below
        #: 2**53), and values that floats order exactly.
        self.fast_rounds = (
            self.cost_int is not None
            and self.cost_arr.max(initial=0) < 2**53
            and (utility == "cost" or self.float_values)
        )
        #: What a run starts from (never changed: runs share it): nobody paid anything, so
        #: every order is the order of what they paid.
        self.start_paid = np.zeros(len(self.ballots))
        self.start_order = np.arange(len(self.ballots), dtype=np.int32)
        self.start_seg = sup_flat
        running = np.cumsum(self.counts_arr[sup_flat])
        before = np.concatenate(([0], running))[self.s_ptr[:-1]]
        self.start_cs = (running - np.repeat(before, per_project)).astype(np.int32)
        self.nnz = len(sup_flat)

    @cached_property
    def supporters(self) -> dict[str, list[int]]:
        """Per project its supporting groups (for the plain reference, `_ees_exact`)."""
        return {
            p: self.start_seg[a:b].tolist()
            for p, a, b in zip(self.names, self.s_ptr, self.s_ptr[1:], strict=False)
        }

    def new_row(self) -> tuple[np.ndarray, ...]:
        """Room for one round's state (see `Run`): paid, order, moved, seg, cs."""
        size = len(self.ballots)
        return (
            np.empty(size),
            np.empty(size, dtype=np.int32),
            np.empty(size, dtype=bool),
            np.empty(self.nnz, dtype=np.int32),
            np.empty(self.nnz, dtype=np.int32),
        )

    def value(self, project: str, payers: int) -> Fraction:
        """Utility per unit paid with `payers` payers: `u * payers / cost` (cost 0: infinite)."""
        cost = self.cost[project]
        if self.utility == "cost":
            return Fraction(payers)
        return Fraction(payers) / cost


#: Relative margin within which a float comparison is retaken in exact fractions (floats carry
#: about 1e-16; every decision closer than this is decided exactly).
MARGIN = 1e-9

#: Floats of what two groups paid closer than this (relative) are put in exact order, and made
#: equal where the amounts are equal (`_settle`): a float is off by far less (~1e-16 a payment).
CLOSE = 1e-11


@dataclass
class Run:
    """One run of EES at virtual budget `budget` per voter.

    Per round `t`, and one more after the last round, the state at the round's start: what each
    ballot group paid (`paid[t]`, floats), the groups in that order, least first (`order[t]`),
    and per project its supporting groups in that order with the running number of voters
    (`seg[t]`, `cs[t]`, see `_ees_kernel`; kept up to date for the open projects); per round,
    who paid (`moved[t]`); per round and one more, per project the least `beta` of its pairs
    placed there (`cands[t]`, floats, inf where none) and the least of those (`least[t]`).
    Resuming a run, `next_budget` and the exact amounts read them.
    """

    budget: Fraction
    rounds: list[Round] = field(default_factory=list)
    paid: list[np.ndarray] = field(default_factory=list)
    order: list[np.ndarray] = field(default_factory=list)
    seg: list[np.ndarray] = field(default_factory=list)
    cs: list[np.ndarray] = field(default_factory=list)
    moved: list[np.ndarray] = field(default_factory=list)
    cands: list[np.ndarray] = field(default_factory=list)
    least: list[float] = field(default_factory=list)

    @property
    def selected(self) -> list[str]:
        return [r.project for r in self.rounds]


def _paid(run: Run, group: int, t: int) -> Fraction:
    """What each voter of a ballot group had paid at the start of round t, exactly."""
    return sum((run.rounds[r].payment for r in range(t) if run.moved[r][group]), start=Fraction(0))


def run_ees(prep: _Prepared, budget: Fraction, *, resume: Run | None = None, at: int = 0) -> Run:
    """EES with `budget` per voter (see the module docstring).

    With `resume` the rounds before `at` are taken from that run and this one goes on from its
    state at round `at`: the caller vouches that they are the same at `budget` (`next_budget`
    and `_first_changed` do). The new run writes its later rounds' state over that run's (no
    memory to claim afresh), so only that run's rounds before `at` stay valid.
    """
    budget = Fraction(budget)
    budget_f = float(budget)
    run = Run(budget=budget)
    spare: list[tuple[np.ndarray, ...]] = []  # the resumed run's later rows, to write over
    if resume is None:
        run.paid, run.order = [prep.start_paid], [prep.start_order]
        run.seg, run.cs = [prep.start_seg], [prep.start_cs]
    else:
        run.rounds = resume.rounds[:at]
        run.paid, run.order = resume.paid[: at + 1], resume.order[: at + 1]
        run.seg, run.cs = resume.seg[: at + 1], resume.cs[: at + 1]
        run.moved, run.cands, run.least = resume.moved[:at], resume.cands[:at], resume.least[:at]
        spare = list(
            zip(
                resume.paid[at + 1 :],
                resume.order[at + 1 :],
                resume.moved[at:],
                resume.seg[at + 1 :],
                resume.cs[at + 1 :],
                strict=True,
            )
        )
    is_open = prep.supported.copy()
    for r in run.rounds:
        is_open[prep.rank[r.project]] = False
    while True:
        t = len(run.rounds)
        out = spare.pop() if spare else prep.new_row()
        best, payers, close = -2, 0, None
        if prep.fast_rounds:
            k = np.empty(len(prep.names), dtype=np.int64)
            cands = np.empty(len(prep.names))
            best, close = _kernel.step(
                *_state(prep, run, t, is_open),
                prep.free_arr,
                prep.cost_arr,
                prep.total_arr,
                prep.cost_int,
                prep.voters,
                prep.utility == "cost",
                budget_f,
                MARGIN,
                CLOSE,
                *((prep.rank[run.rounds[-1].project], run.rounds[-1].payers) if t else (-1, 0)),
                k,
                cands,
                out,
            )
            if best != -2:
                payers = int(k[best]) if best >= 0 else 0
                run.cands.append(cands)
        if best == -2:
            best, payers, close = _round_exact(prep, run, t, is_open, budget, budget_f, out)
        run.least.append(float(run.cands[-1].min()))
        if best < 0:
            return run
        project = prep.names[best]
        winner = Round(project, payers, prep.cost[project] / payers, int(prep.total_arr[best]))
        run.rounds.append(winner)
        paid, order, moved, seg, cs = out
        run.moved.append(moved)
        if close.any():
            changed = _settle(run, t + 1, paid, order, close)
            touched = np.unique(
                np.concatenate([prep.g_proj[prep.g_ptr[g] : prep.g_ptr[g + 1]] for g in changed])
            )
            touched = touched[is_open[touched]]  # (closed projects' segments are not kept)
            _kernel.resort(paid, seg, cs, prep.s_ptr, prep.counts_arr, touched)
        run.paid.append(paid)
        run.order.append(order)
        run.seg.append(seg)
        run.cs.append(cs)


def _state(prep: _Prepared, run: Run, t: int, is_open) -> tuple:
    """Round t's state as the compiled round (`_kernel.step`, `_kernel.move`) takes it."""
    return (
        run.paid[t],
        run.order[t],
        run.seg[t],
        run.cs[t],
        prep.s_ptr,
        prep.g_ptr,
        prep.g_proj,
        is_open,
    )


def _round_exact(
    prep: _Prepared, run: Run, t: int, is_open, budget: Fraction, budget_f: float, out
):
    """Round t where floats may not decide (see `_kernel.step`): payer counts near a tie and
    values near each other are taken exactly. Appends the round's `beta`s, closes the winner
    and moves its payers into `out`; returns (winner, payers, `move`'s `close`), winner -1 if
    none."""
    previous = run.rounds[t - 1] if t else None
    k = _payers(prep, run, t, is_open, budget, budget_f)
    best = _winner(prep, k)
    winner = None
    if best >= 0:
        project, payers = prep.names[best], int(k[best])
        winner = Round(project, payers, prep.cost[project] / payers, int(prep.total_arr[best]))
    run.cands.append(_cands(prep, run, t, is_open, winner, previous))
    if winner is None:
        return -1, 0, None
    is_open[best] = False
    close = _kernel.move(
        *_state(prep, run, t, is_open),
        best,
        payers,
        float(winner.payment),  # (a project of cost 0 moves its payers by nothing)
        CLOSE,
        out,
    )
    return best, payers, close


def _payers(prep: _Prepared, run: Run, t: int, is_open, budget: Fraction, budget_f: float):
    """Per project, its payers at round t (0 if none or not open): the compiled loop decides
    where floats are far from a tie, the close calls are taken here exactly."""
    size = len(prep.names)
    k = np.zeros(size, dtype=np.int64)
    rows = 8
    while True:
        close = np.empty((rows, 3), dtype=np.int64)
        found = _kernel.payers(
            run.paid[t],
            run.seg[t],
            run.cs[t],
            prep.s_ptr,
            is_open,
            prep.cost_arr,
            prep.total_arr,
            budget_f,
            MARGIN,
            k,
            close,
        )
        if found <= rows:
            break
        rows = found
    for q, cum, group in close[:found].tolist():
        if cum <= k[q]:
            continue
        left = budget - _paid(run, group, t)
        if left >= 0 and left * cum >= prep.cost[prep.names[q]]:
            k[q] = cum
    return k


def _winner(prep: _Prepared, k: np.ndarray) -> int:
    """The index of the round's winner, or -1: free projects first, then the greatest value
    `u * k / cost`, then the smaller id (the smaller index)."""
    by_count = prep.utility == "cost"
    best = _kernel.winner(k, prep.free_arr, prep.cost_arr, by_count)
    if best < 0 or by_count or prep.float_values or prep.free_arr[best]:
        return best  # (exact in floats: see _Prepared.float_values)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(k > 0, k / prep.cost_arr, -1.0)
    rivals = np.flatnonzero(values >= values[best] * (1 - MARGIN)).tolist()
    return min(rivals, key=lambda q: (-prep.value(prep.names[q], int(k[q])), q))


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


def _lows(prep: _Prepared, winner: Round | None) -> np.ndarray:
    """`_low` for every project at once (by index; meaningless for free projects)."""
    size = len(prep.names)
    if winner is None:
        return np.ones(size, dtype=np.int64)
    rival, rival_k = winner.project, winner.payers
    if rival in prep.free:
        return np.full(size, prep.voters + 1, dtype=np.int64)
    before = np.arange(size) < prep.rank[rival]
    if prep.utility == "cost":
        return np.where(before, rival_k, rival_k + 1)
    if prep.cost_int is None:
        return np.array(
            [_low(prep, p, winner) if p not in prep.free else 1 for p in prep.names],
            dtype=np.int64,
        )
    k, rest = np.divmod(rival_k * prep.cost_int, prep.cost_nd[rival][0])
    k += (rest != 0) | ~before
    return np.maximum(k, 1)


def _cands(prep: _Prepared, run: Run, t: int, is_open, winner: Round | None, previous):
    """Per project, the least `beta` (float) of its pairs placed at round t (inf if none).

    `(p, k)` is placed here when it beats this round's `winner` but not the `previous` one.
    """
    out = np.empty(len(prep.names))
    rounds = tuple(
        chain.from_iterable(
            (prep.rank[r.project], r.payers) if r is not None else (-1, 0)
            for r in (winner, previous)
        )
    )
    low = high = prep.no_lows
    if prep.utility != "cost" and prep.cost_int is None:  # values compared in fractions
        low = _lows(prep, winner)
        high = (
            prep.total_arr
            if previous is None
            else np.minimum(prep.total_arr, _lows(prep, previous) - 1)
        )
    _kernel.bands(
        run.paid[t],
        run.seg[t],
        run.cs[t],
        prep.s_ptr,
        is_open,
        prep.free_arr,
        prep.cost_arr,
        prep.total_arr,
        prep.cost_int if prep.cost_int is not None else prep.no_lows,
        prep.voters,
        prep.utility == "cost",
        rounds,
        low,
        high,
        out,
    )
    return out


def _settle(run: Run, t: int, paid: np.ndarray, order: np.ndarray, close: np.ndarray) -> list[int]:
    """Put the groups whose floats are close (`close`, from `_kernel.move`) in exact order:
    equal floats exactly where the amounts are equal, else each amount's own float (or the next
    float up where a distinct amount rounds to the same). Changes `paid` and `order` (round t's
    state, after round t - 1 moved its payers); returns the groups it looked at."""
    size = len(order)
    before_paid, moved = run.paid[t - 1], run.moved[t - 1]
    # Groups with the same float before the round, that all paid or all did not, paid the same.
    known: dict[tuple[bool, float], Fraction] = {}

    def exact(group: int) -> Fraction:
        key = (bool(moved[group]), float(before_paid[group]))
        amount = known.get(key)
        if amount is None:
            amount = known[key] = _paid(run, group, t)
        return amount

    seen: list[int] = []
    end = -1
    for i in np.flatnonzero(close).tolist():
        if i < end:
            continue
        start, end = i, i + 1  # widened over neighbours whose floats are close
        while start > 0 and _near(paid[order[start - 1]], paid[order[start]]):
            start -= 1
        while end + 1 < size and _near(paid[order[end]], paid[order[end + 1]]):
            end += 1
        amount = {g: exact(g) for g in order[start : end + 1].tolist()}
        groups = sorted(amount, key=amount.__getitem__)
        seen += groups
        last = None
        for g in groups:
            if last is not None and amount[g] == amount[last]:
                value = paid[last]
            else:
                value = float(amount[g])
                if last is not None and value <= paid[last]:
                    value = math.nextafter(paid[last], math.inf)
            paid[g] = value
            last = g
        order[start : end + 1] = groups
    return seen


def _near(low: float, high: float) -> bool:
    return high - low <= CLOSE * abs(high)


def _band_exact(prep: _Prepared, run: Run, t: int, project: str, near: float) -> Fraction | None:
    """The least `beta` of the project's pairs placed at round t, exactly (None if none):
    summed in fractions only for the levels whose float is within `near`."""
    rounds = run.rounds
    total = prep.total[project]
    low = _low(prep, project, rounds[t] if t < len(rounds) else None)
    high = total if t == 0 else min(total, _low(prep, project, rounds[t - 1]) - 1)
    q = prep.rank[project]
    groups = run.seg[t][prep.s_ptr[q] : prep.s_ptr[q + 1]]
    floats = run.paid[t][groups]
    cum = run.cs[t][prep.s_ptr[q] : prep.s_ptr[q + 1]]
    ends = np.flatnonzero(np.append(floats[1:] != floats[:-1], True))  # each level's last
    seen = cum[ends]
    before = np.concatenate(([0], seen[:-1]))  # the running count before each level
    band = (seen >= low) & (before < high)  # levels holding some k of the band
    payers = np.minimum(seen, high)
    values = np.where(band, prep.cost_f[project] / payers + floats[ends], np.inf)
    best = None
    for end, k in zip(ends[values <= near].tolist(), payers[values <= near].tolist(), strict=True):
        value = prep.cost[project] / k + _paid(run, int(groups[end]), t)
        if best is None or value < best:
            best = value
    return best


def next_budget(prep: _Prepared, run: Run, *, skip: bool = False) -> Fraction | None:
    """The least budget above `run.budget` at which some project certifies instability.

    The least `beta` over the pairs recorded per round (`Run.cands`, floats), then exactly over
    those within `MARGIN` of it. With `skip`, only projects outside the outcome count
    (ADD-OPT-SKIP).
    """
    rows, least_of = run.cands, run.least
    if skip and run.rounds:
        hidden = np.zeros(len(prep.names), dtype=bool)
        hidden[[prep.rank[p] for p in run.selected]] = True
        rows = [np.where(hidden, np.inf, row) for row in rows]
        least_of = [float(row.min()) for row in rows]
    least = min(least_of)
    if least == math.inf:
        return None
    near = least + MARGIN * abs(least)
    best: Fraction | None = None
    for t, row in enumerate(rows):
        if least_of[t] > near:
            continue
        for q in np.flatnonzero(row <= near).tolist():
            value = _band_exact(prep, run, t, prep.names[q], near * (1 + MARGIN))
            if value is not None and (best is None or value < best):
                best = value
    if best is None or best <= run.budget:
        raise AssertionError(f"a project already certifies at {run.budget}")
    return best


def _first_changed(run: Run, budget: Fraction) -> int:
    """A round at or before the first one that differs at `budget` (> run.budget).

    A round can differ only if some pair placed at or before it certifies at `budget`; before
    the first round holding a pair with `beta <= budget`, the run is the same.
    """
    near = float(budget) * (1 + MARGIN)
    for t, least in enumerate(run.least):
        if least <= near:
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
    run = run_ees(prep, start)
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
        candidate = run_ees(prep, budget, resume=run, at=_first_changed(run, budget))
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


def warm_up() -> None:
    """Load the compiled loops (or compile them, the first time after an install: Numba keeps
    them in `__pycache__`), so that the first election measured or served does not pay it."""
    projects = {p: Project(p, Fraction(cost)) for p, cost in (("a", 6), ("b", 4))}
    ballots = [Ballot(("a",)), Ballot(("a", "b")), Ballot(("b",))]
    election = Election(Fraction(9), APPROVAL, projects, ballots)
    equal_shares_exact(election, completion="add-opt")
    prep = _Prepared(election, "cardinality")
    nothing = prep.g_proj[:0]  # (no project: only loads the loop)
    _kernel.resort(
        prep.start_paid, prep.start_seg, prep.start_cs, prep.s_ptr, prep.counts_arr, nothing
    )
