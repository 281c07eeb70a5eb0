"""Exact Equal Shares (EES) and its ADD-OPT and ADD-OPT-SKIP completions, in exact fractions.

Kraiczy, Robinson and Elkind, "Streamlining Equal Shares" (arXiv:2502.11797, 2025). Approval
ballots (and choose-1); a voter's utility for an approved project is 1 (`utility="cardinality"`)
or its cost (`utility="cost"`).

**EES.** Every voter starts with the same virtual budget `b`. In each round, a project `p` not yet
funded can be paid by `k` of its supporters if the `k` richest of them each have at least
`cost(p) / k` left; its largest such `k` is its number of payers, and each payer pays exactly
`cost(p) / k` (the other supporters pay nothing; in MES they would pay what they have left). The
project with the most utility per unit paid, `u(p) * k / cost(p)`, is funded (ties: the smaller
project id as a string, as pabutools breaks ties); the rounds end when no project can be paid.

**Next budget (ADD-OPT, ADD-OPT-SKIP).** Winners come in order of falling priority, so a project
`p` with `k` payers has a place among the rounds (before the first winner it beats). It *certifies
instability* at `b + d` when its `k` richest supporters, with what they had left at that place plus
`d`, each have `cost/k` (a funded project only with more payers than it has). Nothing certifies at
`d = 0`, and while nothing certifies the whole run at `b + d` is the same (ADR 0009 has the proof),
so `next_budget` is `b` plus the least such `d` over all projects (ADD-OPT) or over the projects
outside the outcome (ADD-OPT-SKIP). ADD-OPT reruns EES at those budgets from `B / n` up and keeps
the last outcome that fits the real budget `B`: no budget in between can give another outcome.
ADD-OPT-SKIP passes over budgets where only funded projects gain payers (fewer reruns; it may pass
over an outcome ADD-OPT would find).

**Speed.** Voters with the same ballot always have the same money left (they support the same
projects, so they pay the same), and voters' money left takes few distinct values (one per set of
payments made). The run keeps, per project, how many of its supporters are at each such level,
so a round costs work per level, not per voter, and everything stays in exact fractions.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

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

    def value(self, project: str, payers: int) -> Fraction:
        """Utility per unit paid with `payers` payers: `u * payers / cost` (cost 0: infinite)."""
        cost = self.cost[project]
        if self.utility == "cost":
            return Fraction(payers)
        return Fraction(payers) / cost


#: Relative margin within which a float comparison is retaken in exact fractions (floats carry
#: about 1e-16; every decision closer than this is decided exactly).
MARGIN = 1e-9


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


def _beats(prep: _Prepared, a: str, ka: int, b: str | None, kb: int) -> bool:
    """Does project a with ka payers win a round against b with kb payers?"""
    if b is None:
        return True
    ca, cb = prep.cost[a], prep.cost[b]
    if ca == 0 or cb == 0:  # free projects first, by id
        return cb != 0 or a < b
    va, vb = prep.value(a, ka), prep.value(b, kb)
    return va > vb or (va == vb and a < b)


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
        candidate = run_ees(prep, budget, keep_states=True)
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
                "supporters": sum(prep.ballots[i][1] for i in prep.supporters[project]),
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
