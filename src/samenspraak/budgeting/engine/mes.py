"""The Method of Equal Shares (MES) and its completions, exactly as pabutools 1.2.3 computes them.

- `completion=None`: `method_of_equal_shares` (cost satisfaction for approval ballots, points for
  cumulative, Borda for ordinal; see `satisfaction`). Every voter gets budget / voters.
- `"add1"`: pabutools' `voter_budget_increment=1`: rerun with one currency unit more per voter
  until the outcome is exhaustive (w.r.t. the projects MES can fund) or would overspend the real
  budget, in which case the previous outcome is kept.
- `"budget-increase"`: `exhaustion_by_budget_increase` with its default step of 1% of the budget.
- `"...-greedy"`: `completion_by_rule_combination` with the additive greedy rule afterwards, run
  only if the first stage is not exhaustive w.r.t. all projects.

One run is `_mes_fast.run_fast` (floats, every close decision retaken in exact fractions). The
iterated variants do not rerun every round: after a run, `_mes_interval` proves for how many more
rounds every run leaves room for one more project (it neither overspends nor is exhaustive, so
the loop would go on), and those rounds are passed over. The explanations always come from the
run that produced the returned outcome (that round is rerun if it was passed over).
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

from samenspraak.budgeting.engine._mes_exact import Trace, run_exact  # noqa: F401
from samenspraak.budgeting.engine._mes_fast import run_fast
from samenspraak.budgeting.engine._mes_interval import Spare, extra_rounds
from samenspraak.budgeting.engine._mes_prep import Prepared
from samenspraak.budgeting.engine.greedy import greedy
from samenspraak.budgeting.engine.model import Election, Outcome

COMPLETIONS = {
    None: "mes",
    "add1": "mes-add1",
    "add1-greedy": "mes-add1-greedy",
    "budget-increase": "mes-budget-increase",
    "budget-increase-greedy": "mes-budget-increase-greedy",
}


class _Stage:
    """The outcome of the MES stage with the run that produced it."""

    def __init__(self, prep: Prepared, trace: Trace | None, with_free: bool = True) -> None:
        self.trace = trace
        self.free = list(prep.free) if with_free else []
        self.selected = self.free + (
            [prep.ids[p] for p in trace.selected] if trace is not None else []
        )
        self.cost = sum((prep.election.projects[p].cost for p in self.selected), Fraction(0))


def _exhaustive(prep: Prepared, stage: _Stage, available) -> bool:
    chosen = set(stage.selected)
    for p in available:
        if p not in chosen and prep.election.projects[p].cost + stage.cost <= prep.budget:
            return False
    return True


class TooSlow(Exception):
    """Raised by `equal_shares(..., deadline=...)` when a round would start after the deadline."""


def _run(prep: Prepared, voter_budget: Fraction, runner, counters: dict) -> Trace:
    deadline = counters.get("deadline")
    if deadline is not None and time.monotonic() > deadline:
        raise TooSlow
    counters["rounds"] += 1
    start = time.process_time()
    trace = runner(prep, voter_budget)
    counters["run_seconds"] += time.process_time() - start
    counters["exact_fallbacks"] += trace.exact_fallbacks
    return trace


class _Skipper:
    """How many rounds to move on: 1, or more where `extra_rounds` proves the loop goes on.

    Moving on by one round is always right, and which rounds are passed over never changes the
    outcome (only proven ones are), so the proof is used where it pays: it is timed against the
    runs (CPU seconds), and after a proof that saved less time than it took, the next one waits
    twice as many rounds as the last (at most 32), and at least twice as many rounds as that
    proof took runs' time (so such proofs cost at most about half the runs' time); a proof that
    pays resets the wait.
    """

    def __init__(self, prep: Prepared, enabled: bool, counters: dict, available) -> None:
        self.prep = prep
        self.spare = Spare(prep, available)
        self.enabled = enabled
        self.counters = counters
        self.hint = 1
        self.period = 1
        self.wait = 0
        self.proof_seconds = 0.0
        self.proofs = 0

    def jump(self, trace: Trace, unit, limit: int) -> int:
        if not self.enabled or limit < 1:
            return 1
        if self.wait > 0:
            self.wait -= 1
            return 1
        run_time = self.counters["run_seconds"] / max(1, self.counters["rounds"])
        worth = 0.0
        if self.proofs and run_time > 0:
            worth = self.proof_seconds / self.proofs / run_time
        calls = [0]
        start = time.process_time()
        extra = extra_rounds(self.prep, trace, unit, limit, self.spare, self.hint, worth, calls)
        spent = time.process_time() - start
        self.proof_seconds += spent
        self.proofs += calls[0]
        if extra * run_time > spent:
            self.period, self.wait = 1, 0
        else:
            self.period = min(2 * self.period, 32)
            # and at least as many rounds as the proof took runs' time, twice over
            self.wait = max(self.period, math.ceil(2 * spent / max(run_time, 1e-9))) - 1
        self.hint = max(1, extra)
        return 1 + extra


def _add1(prep: Prepared, runner, counters: dict, skip: bool) -> _Stage:
    base = prep.budget / prep.n
    previous = _Stage(prep, None)
    previous_round = None
    k = 0
    skipper = _Skipper(prep, skip, counters, prep.ids)
    while True:
        trace = _run(prep, base + k, runner, counters)
        stage = _Stage(prep, trace)
        if stage.cost > prep.budget:
            if previous_round is not None and previous.trace.voter_budget != base + previous_round:
                # The previous outcome was reached by skipping: rerun its own round so that the
                # explanations show that run's numbers.
                previous = _Stage(prep, _run(prep, base + previous_round, runner, counters))
            return previous
        if _exhaustive(prep, stage, prep.ids):
            return stage
        # Rounds k+1 .. k+jump-1 have the same outcome as round k (same decisions).
        jump = skipper.jump(trace, 1, 10**12)
        previous, previous_round = stage, k + jump - 1
        k += jump


def _budget_increase(prep: Prepared, runner, counters: dict, skip: bool) -> _Stage:
    step = prep.budget / 100
    bound = prep.budget * (prep.n + 1)
    last = int((bound - prep.budget) / step)  # the last k with budget + k * step <= bound
    previous = _Stage(prep, None, with_free=False)
    previous_k = None
    k = 0
    skipper = _Skipper(prep, skip, counters, prep.candidates)
    while prep.budget + k * step <= bound:
        voter_budget = (prep.budget + k * step) / prep.n
        trace = _run(prep, voter_budget, runner, counters)
        stage = _Stage(prep, trace)
        if stage.cost > prep.budget:
            break
        if _exhaustive(prep, stage, prep.candidates):
            return stage
        jump = skipper.jump(trace, step / prep.n, last - k)
        previous, previous_k = stage, k + jump - 1
        k += jump
    if previous_k is not None:
        previous_k = min(previous_k, last)
        wanted = (prep.budget + previous_k * step) / prep.n
        if previous.trace.voter_budget != wanted:
            previous = _Stage(prep, _run(prep, wanted, runner, counters))
    return previous


def equal_shares(
    election: Election,
    *,
    completion: str | None = None,
    budget: Fraction | None = None,
    projects: list[str] | None = None,
    deadline: float | None = None,
    runner=None,
    skip: bool = True,
) -> Outcome:
    """MES with the given completion. `deadline` (a `time.monotonic()` value): raise `TooSlow`
    rather than start another run after it, so a page can give up cooperatively (no thread).
    `runner`/`skip` are for verification only."""
    if completion not in COMPLETIONS:
        raise ValueError(f"Unknown MES completion {completion!r}")
    runner = runner or run_fast
    prep = Prepared(election, budget, projects)
    counters = {"rounds": 0, "exact_fallbacks": 0, "run_seconds": 0.0, "deadline": deadline}
    if prep.n == 0:
        stage = _Stage(prep, None, with_free=False)
    elif completion is None:
        stage = _Stage(prep, _run(prep, prep.budget / prep.n, runner, counters))
    elif completion.startswith("add1"):
        stage = _add1(prep, runner, counters, skip)
    else:
        stage = _budget_increase(prep, runner, counters, skip)

    selected = list(stage.selected)
    added: list[str] = []
    greedy_stage = completion is not None and completion.endswith("-greedy")
    if greedy_stage and not _exhaustive(prep, stage, prep.candidates):
        completed = greedy(election, initial=selected, budget=prep.budget, projects=prep.candidates)
        added = completed.selected[len(selected) :]
        selected = completed.selected
    explanations = _explain(prep, stage, added)
    trace = stage.trace
    details = {
        "voter_budget": float(trace.voter_budget) if trace is not None else None,
        "rounds": counters["rounds"],
        "exact_fallbacks": counters["exact_fallbacks"],
        "mes_selected": len(stage.selected),
        "greedy_added": len(added),
    }
    return Outcome(
        rule=COMPLETIONS[completion], selected=selected, explanations=explanations, details=details
    )


def _explain(prep: Prepared, stage: _Stage, added: list[str]) -> dict[str, dict]:
    election = prep.election
    candidates = set(prep.candidates)
    out: dict[str, dict] = {}
    position = {p: i for i, p in enumerate(stage.selected + added, start=1)}
    steps = {}
    if stage.trace is not None:
        steps = {prep.ids[s.project]: s for s in stage.trace.steps}
    index = {p: i for i, p in enumerate(prep.ids)}
    for p, project in election.projects.items():
        facts = {
            "selected": p in position,
            "round": position.get(p),
            "supporters": prep.support_count.get(p, 0),
            "share": None,
            "paid_in_full": 0,
            "paid_rest": 0,
            "reason": "not_reached",
            "completion": None,
        }
        if p in steps:
            step = steps[p]
            price = step.rho
            facts["share"] = float(price * project.cost) if prep.binary else None
            facts["price_per_satisfaction"] = float(price)
            facts["paid_in_full"] = step.paid_full
            facts["paid_rest"] = step.paid_rest
            facts["paid_nothing"] = step.paid_nothing
            facts["reason"] = "funded"
        elif p in position:
            # free projects (funded before MES starts) and greedy completion
            facts["reason"] = "funded"
            if p in added:
                facts["completion"] = "greedy"
            else:
                facts["share"] = 0.0
        elif p in candidates and stage.trace is not None:
            left = stage.trace.left[index[p]] if p in index else 0.0
            facts["money_left"] = left
            facts["reason"] = "too_expensive"
        out[p] = facts
    return out
