"""Equal Shares with category caps (Pabulib's `budget_per_category`) and its completions.

A budget may say "at most € X for category Y": the selected projects of a category may together
cost no more than its cap (a project in several capped categories needs room in all of them).
One run is `_mes_fast.run_fast(..., caps=)` (the reference run `_mes_exact.run_exact(...,
caps=)` with `exact_only`), guided by the previous round's order. The completions below are
plain loops, one run per step, with no batches and no skipped rounds (`_mes_compiled` and
`_mes_interval` do not know caps): readable and exact, and fast enough on the files that have
caps (Amsterdam 166 with its caps, add-one: 199 runs, about 0.4 s CPU;
`benchmarks/rule_spend.py --caps-only`).

The completions are those of `mes.equal_shares`, with "room for one more project" read with the
caps: a project fits if its cost fits in what is left of the budget *and* of each of its capped
categories.

- `None`: one run at budget / voters.
- `"add1"`: voter budget budget / voters + k for k = 0, 1, ...: the first outcome that leaves no
  room is the outcome; one that overspends the real budget ends the loop, and the one before it
  counts.
- `"budget-increase"`: the total budget raised in steps of 1% (as pabutools
  `exhaustion_by_budget_increase`), with the same stop.
- `"...-greedy"`: afterwards, the projects left are taken as `greedy.greedy` orders them
  (satisfaction per unit of cost, ties by id) and funded if they fit the budget and the caps.

The caps are real money: they are not raised with the virtual budget of the completions.
With caps no category can reach (each at least the cost of all projects together), every outcome
equals `mes.equal_shares`' (tested). A cap of the budget itself can bind: in a round of a
completion whose virtual budget would overspend, it leaves a project out.
"""

from __future__ import annotations

import time
from fractions import Fraction

from pbengine._mes_exact import CategoryCaps, Trace, run_exact
from pbengine._mes_fast import run_fast
from pbengine._mes_prep import Prepared
from pbengine.greedy import _density, _totals
from pbengine.mes import COMPLETIONS, TooSlow, _explain, _Stage
from pbengine.model import Election, Outcome


class _Room:
    """What is left of the budget and of each category's cap after a selection."""

    def __init__(self, prep: Prepared, caps: dict[str, Fraction], selected: list[str]):
        projects = prep.election.projects
        self.budget = prep.budget - sum((projects[p].cost for p in selected), Fraction(0))
        self.caps = dict(caps)
        for p in selected:
            for category in projects[p].categories:
                if category in self.caps:
                    self.caps[category] -= projects[p].cost

    def fits(self, project) -> bool:
        return project.cost <= self.budget and all(
            project.cost <= self.caps[c] for c in project.categories if c in self.caps
        )

    def take(self, project) -> None:
        self.budget -= project.cost
        for category in project.categories:
            if category in self.caps:
                self.caps[category] -= project.cost

    def full_category(self, project) -> str | None:
        """The first capped category of `project` without room for it, if any."""
        for category in project.categories:
            if category in self.caps and project.cost > self.caps[category]:
                return category
        return None


def _run(
    prep: Prepared, voter_budget: Fraction, limits: CategoryCaps, exact_only: bool, hint=None
) -> Trace:
    """One capped run: the fast run with the caps (guided by `hint`, the previous round's
    order, which changes the work, never the outcome), or the exact reference run."""
    if exact_only:
        return run_exact(prep, voter_budget, limits)
    return run_fast(prep, voter_budget, hint, caps=limits)


def _leaves_room(prep: Prepared, caps: dict, selected: list[str], available) -> bool:
    room = _Room(prep, caps, selected)
    chosen = set(selected)
    projects = prep.election.projects
    return any(p not in chosen and room.fits(projects[p]) for p in available)


def _iterate(
    prep: Prepared, caps, limits, budget_of, last, available, deadline, counters, exact_only
):
    """The completion loop (module docstring): rounds k = 0, 1, ... up to `last`."""
    previous: Trace | None = None
    k = 0
    while last is None or k <= last:
        if deadline is not None and time.monotonic() > deadline:
            raise TooSlow
        trace = _run(
            prep, budget_of(k), limits, exact_only, previous.selected if previous else None
        )
        counters["rounds"] += 1
        stage = _Stage(prep, trace)
        if stage.cost > prep.budget:
            return _Stage(prep, previous) if previous is not None else None
        if not _leaves_room(prep, caps, stage.selected, available):
            return stage
        previous = trace
        k += 1
    return _Stage(prep, previous)


def equal_shares_capped(
    election: Election,
    caps: dict[str, Fraction],
    *,
    completion: str | None = None,
    deadline: float | None = None,
    exact_only: bool = False,
) -> Outcome:
    """MES with category caps and the given completion (module docstring). `deadline` (a
    `time.monotonic()` value): raise `mes.TooSlow` rather than start another run after it.
    `exact_only` (verification): every run is the exact reference run."""
    if completion not in COMPLETIONS:
        raise ValueError(f"Unknown MES completion {completion!r}")
    caps = {name: Fraction(amount) for name, amount in caps.items()}
    prep = Prepared(election)
    limits = CategoryCaps.for_prep(prep, caps)
    counters = {"rounds": 0}
    stage: _Stage | None
    if prep.n == 0:
        stage = None
    elif completion is None:
        stage = _Stage(prep, _run(prep, prep.budget / prep.n, limits, exact_only))
        counters["rounds"] = 1
    elif completion.startswith("add1"):
        base = prep.budget / prep.n
        stage = _iterate(
            prep, caps, limits, lambda k: base + k, None, prep.ids, deadline, counters, exact_only
        )
    else:
        step = prep.budget / 100
        last = int((prep.budget * (prep.n + 1) - prep.budget) / step)
        stage = _iterate(
            prep,
            caps,
            limits,
            lambda k: (prep.budget + k * step) / prep.n,
            last,
            prep.candidates,
            deadline,
            counters,
            exact_only,
        )
    if stage is None:
        stage = _Stage(prep, None, with_free=False)
    selected = list(stage.selected)
    added: list[str] = []
    if completion is not None and completion.endswith("-greedy"):
        added = _greedy_rest(prep, caps, selected)
        selected += added
    explanations = _explain(prep, stage, added)
    room = _Room(prep, caps, selected)
    for p, facts in explanations.items():
        if not facts["selected"] and facts["supporters"]:
            category = room.full_category(election.projects[p])
            if category is not None:
                facts["reason"] = "category_full"
                facts["category"] = category
                facts["category_left"] = float(room.caps[category])
    trace = stage.trace
    details = {
        "voter_budget": float(trace.voter_budget) if trace is not None else None,
        "rounds": counters["rounds"],
        "mes_selected": len(stage.selected),
        "greedy_added": len(added),
        "caps": {name: str(amount) for name, amount in caps.items()},
        "caps_left": {name: float(left) for name, left in room.caps.items()},
    }
    return Outcome(
        rule=COMPLETIONS[completion], selected=selected, explanations=explanations, details=details
    )


def _greedy_rest(prep: Prepared, caps: dict, selected: list[str]) -> list[str]:
    """The greedy completion within the budget and the caps, in `greedy.greedy`'s order."""
    election = prep.election
    totals = _totals(election)
    chosen = set(selected)
    candidates = sorted(p for p in prep.candidates if p not in chosen)
    candidates.sort(key=lambda p: -_density(totals[p], election.projects[p].cost))
    room = _Room(prep, caps, selected)
    added = []
    for p in candidates:
        project = election.projects[p]
        if room.fits(project):
            room.take(project)
            added.append(p)
    return added
