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
iterated variants only need to know, of every round before the last, that it goes on: that its
outcome leaves room for one more project (so it neither overspends nor is exhaustive). So:

- a round is run in one compiled loop (`_mes_compiled.run_one`: floats, the same decisions as
  `run_fast`); a round with a close decision is run with `run_fast`;
- where it pays, `_mes_interval` proves that a span of rounds goes on, and those rounds are
  passed over (`_Skipper`).

The explanations always come from a full run of the round that produced the returned outcome
(that round is rerun if it was run compiled or passed over).
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

from pbengine import _mes_compiled, _mes_kernel
from pbengine._mes_compiled import run_one
from pbengine._mes_exact import Step, Trace, run_exact  # noqa: F401
from pbengine._mes_fast import run_fast
from pbengine._mes_interval import Spare, extra_rounds
from pbengine._mes_prep import Prepared
from pbengine.greedy import greedy
from pbengine.model import Election, Outcome

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


def _check_deadline(counters: dict) -> None:
    deadline = counters.get("deadline")
    if deadline is not None and time.monotonic() > deadline:
        raise TooSlow


def _run(prep: Prepared, voter_budget: Fraction, runner, counters: dict) -> Trace:
    """One full run (with its trace)."""
    _check_deadline(counters)
    counters["rounds"] += 1
    trace = runner(prep, voter_budget)
    counters["exact_fallbacks"] += trace.exact_fallbacks
    return trace


#: what one step of a proof is counted as, in steps of a round, where rounds are run one at a
#: time and where they are batched: measured with process_time on Toulouse 2022 and Amsterdam
#: 166, a proof step costs 2-7.5 steps of a full run, and a batched round 0.2-0.6 of a full run;
#: on the largest elections, where rounds run one at a time, about 9.5 (Budapest 2024) and 14
#: (Warszawa 2026) once BLAS runs on one thread (ADR 0005, 2026-12-06): 6 lies between
#: (benchmarks, not the engine, time things). Measured with numpy rounds; with compiled rounds
#: (session 9) halving or doubling both weights changed the ten slowest add-one files by 1-2%
#: in all (4.31 s as set, 4.34 doubled, 4.41 halved), so they stay.
PROOF_STEP_ROUNDS = 6
PROOF_STEP_BATCHED_ROUNDS = 8
#: after a proof fell short of a span, the hint stays below it until this many proofs in a row
#: held over all they tried
RETRY_AFTER = 4
#: the first proof of a loop of rounds run one at a time tries this many rounds: from 1, proofs
#: of 1, 2, 4 rounds held on Budapest 2024 without paying, and each set a doubling wait (250
#: rounds run one by one); batched loops start from 1 (their rounds are cheap; from 16, Toulouse
#: 2022 made 22 proofs instead of 13)
FIRST_HINT = 16


class _Skipper:
    """How many rounds to move on: 1, or more where `extra_rounds` proves the loop goes on.

    Moving on by one round is always right, and which rounds are passed over never changes the
    outcome (only proven ones are), so the proof is used where it pays. That is decided by
    counting work, not by timing it (the same code path on any machine): a proof costs
    PROOF_STEP_ROUNDS (batched: PROOF_STEP_BATCHED_ROUNDS) rounds per state step it followed,
    per step of a run (its winners); it pays
    if it passes over more rounds than that. Each proof tries `hint` rounds: twice the last span
    after a success, half after a failure, and after a failure not again as many until
    RETRY_AFTER proofs in a row held over all they tried. After a proof that did not pay, no
    proof is tried for at least four times as many rounds as it cost, and twice as many as the
    wait before (so such proofs cost at most a fifth of the work, and less and less); a proof
    that pays ends the wait.
    """

    def __init__(
        self,
        prep: Prepared,
        enabled: bool,
        counters: dict,
        spare: Spare,
        batched: bool,
    ) -> None:
        self.prep = prep
        self.batched = batched
        self.spare = spare
        self.enabled = enabled
        self.counters = counters
        self.hint = 1 if batched else FIRST_HINT
        self.ceiling = None  # the last span a proof fell short of, until one holds over it
        self.held = 0  # proofs in a row that held over all they tried, at this hint
        self.paid = False  # whether the last proof passed over more rounds than it cost
        self.wait = 0  # rounds
        self.resume = 0  # the round count at which proofs are tried again

    def jump(self, trace: Trace, unit, limit: int) -> int:
        counters = self.counters
        self.paid = False
        if not self.enabled or limit < 1 or counters["rounds"] < self.resume:
            return 1
        work = [0]
        extra = extra_rounds(self.prep, trace, unit, limit, self.spare, self.hint, work=work)
        counters["proofs"] += 1
        # in rounds: per step of a full run
        steps = len(trace.steps)
        weight = PROOF_STEP_BATCHED_ROUNDS if self.batched else PROOF_STEP_ROUNDS
        cost = weight * work[0] / max(1, steps)
        self.paid = extra > cost
        if self.paid:
            self.wait = 0
        else:
            self.wait = max(2 * self.wait, math.ceil(4 * cost))
            self.resume = counters["rounds"] + self.wait
        if extra == self.hint:
            if self.ceiling is not None and extra >= self.ceiling:
                self.ceiling = None  # it held where a proof once fell short
            self.held += 1
            if self.ceiling is None or 2 * extra < self.ceiling or self.held >= RETRY_AFTER:
                self.hint = 2 * extra
                self.held = 0
        else:
            self.ceiling = self.hint
            self.held = 0
            self.hint = max(1, self.hint // 2)
        return 1 + extra


#: In long loops (add-one where projects have few distinct supporters: "batched") rounds run in
#: batches between two questions to the `_Skipper`: one round, then FIRST_BATCH, then each
#: batch twice as large, up to BATCH rounds and BATCH_CELLS / classes. (They were numpy batches,
#: one row per round, sized to the processor's cache: ADR 0005, session 8. Since session 9 each
#: round is a compiled run, made only when the loop asks for it, so no round is run in vain;
#: the sizes now only set how often a proof is tried, and are kept as they were measured.)
BATCH = 256
FIRST_BATCH = 8
BATCH_CELLS = 1 << 18
#: batched loops (above) and the proofs' weights for them (`_Skipper`) where projects have at
#: most this many distinct ballots each on average; with more (Warsaw: about 1,000) proofs are
#: tried from the first round, as in budget-increase loops (it was where numpy batches stopped
#: paying: 0.2-0.6x the time per round up to about 330 distinct ballots per project, 1.1-2.1x
#: from about 960 on; Budapest 2024 add-one takes 2.8 s batched, 1.3 s not, compiled)
BATCH_MAX_SUPPORT = 500


def _iterate(
    prep: Prepared, budget_of, last, available, unit, empty: _Stage, runner, counters, skip
):
    """The outcome of an iterated variant: rounds k = 0, 1, ... (up to `last`) run from the voter
    budget `budget_of(k)` until one overspends (then the round before it is the outcome, or
    `empty` if there is none) or is exhaustive with respect to `available` (then it is the
    outcome); if no round stops the loop, the last round is the outcome.

    With the default runner, rounds are run compiled (`_selections`); after each batch of rounds
    `_Skipper` may pass over rounds that provably go on. Other runners (verification) run every
    round in full.
    """
    spare = Spare(prep, available)
    # Batches in long loops: add1 (hundreds to thousands of rounds). Budget increase stops within
    # about a hundred rounds, where the skipper is asked after every round.
    batched = runner is run_fast and last is None and len(prep.nz_p) <= BATCH_MAX_SUPPORT * prep.P
    most = max(1, min(BATCH, BATCH_CELLS // max(1, prep.D)))
    skipper = _Skipper(prep, skip, counters, spare, batched)
    previous = None  # (round, trace or None) of the last round that went on
    last_selected: list[int] = []  # what the last round run selected
    k = 0
    size = 1
    while last is None or k <= last:
        if skipper.paid:
            # the last proof paid: the next starts at round k before that round is run (a proof
            # covers its first round too), guided by the last order; k is run only if it fails
            guide = Trace(budget_of(k), [Step(p, 0.0) for p in last_selected])
            jump = skipper.jump(guide, unit, 10**12 if last is None else last - k)
            if jump > 1:
                previous = (k + jump - 1, None)
                k += jump
                continue
        rounds = list(range(k, k + size if last is None else min(k + size, last + 1)))
        runs = _selections(prep, [budget_of(j) for j in rounds], runner, counters)
        for j, (selected, trace) in zip(rounds, runs, strict=True):
            if spare(selected):
                previous = (j, trace)
                last_selected = selected
                continue
            if sum((prep.cost[p] for p in selected), Fraction(0)) <= prep.budget:
                # exhaustive: this round is the outcome
                return _Stage(prep, trace or _run(prep, budget_of(j), runner, counters))
            return _outcome(prep, previous, budget_of, runner, counters, empty)  # overspends
        j, trace = previous
        trace = trace or Trace(budget_of(j), [Step(p, 0.0) for p in last_selected])
        jump = skipper.jump(trace, unit, 10**12 if last is None else last - j)
        if jump > 1:
            previous = (j + jump - 1, None)
        k = j + jump
        # after a proof that paid (and a next one that did not hold), one run; else batches
        # grow (rounds run one at a time: the skipper is asked after each)
        size = 1 if skipper.paid or not batched else min(max(2 * size, FIRST_BATCH), most)
    return _outcome(prep, previous, budget_of, runner, counters, empty)


def _outcome(prep: Prepared, previous, budget_of, runner, counters: dict, empty: _Stage) -> _Stage:
    """The stage of the last round that went on, rerun if only its selection is known."""
    if previous is None:
        return empty
    j, trace = previous
    if trace is None:
        trace = _run(prep, budget_of(j), runner, counters)
    return _Stage(prep, trace)


def _selections(prep: Prepared, budgets: list[Fraction], runner, counters: dict):
    """Per voter budget, in order: (selected project indices, the run's trace or None), each run
    only when the caller asks for its result (the caller may stop before the end).

    With the default runner a round is run in one compiled loop (`_mes_compiled.run_one`,
    floats, only clear decisions); a round it gives up (a close decision: 21 of 555,422 rounds of
    add-one and budget increase over all of Pabulib) is run with `run_fast`, which takes it
    exactly. Choose-1 ballots (`Prepared.apart`) take `run_fast`'s closed form, which is faster
    still (Wroclaw 2015 up_to_150 budget increase 0.038 s against 0.059 compiled)."""
    for b in budgets:
        if runner is run_fast and not prep.apart:
            _check_deadline(counters)
            selected = run_one(prep, b)
            if selected is not None:
                counters["rounds"] += 1
                yield selected, None
                continue
        trace = _run(prep, b, runner, counters)
        yield trace.selected, trace


def _add1(prep: Prepared, runner, counters: dict, skip: bool) -> _Stage:
    base = prep.budget / prep.n
    return _iterate(
        prep,
        lambda k: base + k,
        None,
        prep.ids,
        1,
        _Stage(prep, None),
        runner,
        counters,
        skip,
    )


def _budget_increase(prep: Prepared, runner, counters: dict, skip: bool) -> _Stage:
    step = prep.budget / 100
    bound = prep.budget * (prep.n + 1)
    last = int((bound - prep.budget) / step)  # the last k with budget + k * step <= bound
    return _iterate(
        prep,
        lambda k: (prep.budget + k * step) / prep.n,
        last,
        prep.candidates,
        step / prep.n,
        _Stage(prep, None, with_free=False),
        runner,
        counters,
        skip,
    )


def warm_up() -> None:
    """Load the compiled loops of the rounds (`_mes_compiled`) and of the interval proofs
    (`_mes_kernel`) once per process, so that the first election measured or served does not
    pay it."""
    _mes_compiled.warm_up()
    _mes_kernel.warm_up()


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
    counters = {
        "rounds": 0,
        "exact_fallbacks": 0,
        "proofs": 0,
        "deadline": deadline,
    }
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
        completed = greedy(
            election,
            initial=selected,
            budget=prep.budget,
            projects=prep.candidates,
            totals=prep.totals,
        )
        added = completed.selected[len(selected) :]
        selected = completed.selected
    explanations = _explain(prep, stage, added)
    trace = stage.trace
    details = {
        "voter_budget": float(trace.voter_budget) if trace is not None else None,
        "rounds": counters["rounds"],
        "exact_fallbacks": counters["exact_fallbacks"],
        "proofs": counters["proofs"],
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
