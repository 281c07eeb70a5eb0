"""Proof that runs of MES from every voter budget in [b, b + span] all go on: none is exhaustive.

Used by the iterated variants to pass over rounds: a round whose outcome leaves room for one
more project neither overspends nor ends the loop, so only the rounds where the loop stops need
their outcome. `goes_on(prep, trace, span, spare)` follows every run from b + t, t in [0, span],
at once, without requiring the runs to select in the same order or even the same projects:

- A state stands for runs that selected the same set of projects (in any order), with every
  budget b_i(t) enclosed between affine functions L_i(t) <= b_i(t) <= U_i(t) on [0, span]
  (at the start L = U = b + t). States that reach the same set are merged (elementwise min of
  L and max of U at both ends: the chords of a concave lower and a convex upper envelope).
- Price monotonicity: the price x of a project (smallest x with sum_i min(b_i, x s_i) = cost)
  falls when budgets grow. Along affine budgets the price is a convex function of t (its
  epigraph is a superlevel set of a jointly concave function). Hence with budgets between L and
  U: x(t) <= the chord of x_L between 0 and span, and x(t) >= the secant of x_U through -span
  and 0 (a secant left of 0 underestimates a convex function right of 0), or >= cost / total
  satisfaction (every supporter paying in full) when x_U is not finite there.
- A step: some project w0 affordable throughout (sum of L >= cost at both ends) caps the next
  winner's price by its upper bound X(t). The next winner is then among the open projects q with
  sum_i min(U_i, X s_i) >= cost_q at an end (the sum is at most the affine sum of the term
  picked per voter), and each of them gives a child state (its price at most X, or its own upper
  bound). Without such a w0, runs end where every open project is unaffordable, and may select
  any project that might be affordable, at a price below max_i U_i / s_i (convex in t).
- After the step, b_i - min(b_i, x s_i) = max(0, b_i - x s_i) lies between max(0, L_i - X_hi s_i)
  (bounded below by either affine piece) and max(0, U_i - X_lo s_i) (convex: bounded above by
  its chord).
- Where runs end (every open project unaffordable: sum of U < cost at both ends), the set must
  leave room for one more project (`Spare`).

All checks are affine on [0, span] and are made at both ends with a relative float margin. The
proof gives up (False) when a decision cannot be bounded or more than `MAX_STATES` sets remain.

The per-project sums over supporters (prices, certificates, holdings, paying) are compiled loops
(`_mes_kernel`, Numba): one pass each instead of numpy's gather and several passes.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from pbengine import _mes_kernel as _kernel
from pbengine._mes_exact import Trace
from pbengine._mes_fast import REL, _walk
from pbengine._mes_prep import Prepared

#: the lower price bound is the secant of x_U through -span / SECANT and 0: any secant left of 0
#: underestimates a convex function right of 0, and a short one is the closest (16 keeps the
#: float error of the slope far below the margins)
SECANT = 16


def _price(prep: Prepared, p: int, A: np.ndarray, B: np.ndarray | None = None, r=0.0) -> float:
    """p's price if the classes hold A - (B - A) * r (inf if its supporters cannot pay)."""
    B = A if B is None else B
    cost = prep.cost_f[p]
    x = _kernel.price(prep.ptr, prep.nz_d, prep.nz_s, prep.nz_w, A, B, r, p, cost, REL)
    if math.isnan(x):  # Newton's method did not settle: the sorted walk decides
        idx = prep.sup[p]
        bb = A[idx] - (B[idx] - A[idx]) * r
        ww = prep.w_sup[p]
        x = _walk(bb, prep.sat_f[p], ww, cost, prep.ws_sup[p], prep.ws_total[p])[0]
    return float(x)


class Spare:
    """Whether a selection leaves room for one more of the `available` projects (not exhaustive).

    That is all an iterated variant needs of a round it passes over: such a round neither
    overspends nor ends the loop. Free projects are always selected, so they never count.
    """

    def __init__(self, prep: Prepared, available) -> None:
        index = {p: i for i, p in enumerate(prep.ids)}
        free = set(prep.free)
        costs = prep.election.projects
        # costs as integers (times a common denominator): a sum per round stays cheap
        scale = math.lcm(1, *(Fraction(costs[p].cost).denominator for p in costs))
        self.cost = [int(c * scale) for c in prep.cost]
        self.budget = prep.budget * scale
        #: (cost, MES index or -1) of every available project that is not free, cheapest first
        self.order = sorted(
            (int(Fraction(costs[p].cost) * scale), index.get(p, -1))
            for p in available
            if p not in free
        )

    def __call__(self, selected) -> bool:
        selected = set(selected)
        spent = sum(self.cost[p] for p in selected)
        for cost, p in self.order:
            if p not in selected:
                return spent + cost <= self.budget
        return False


class _State:
    """Budget bounds L(t) <= b(t) <= U(t), affine on [0, span] (values at 0 and at span), of runs
    that selected the projects `chosen` (in an order this state does not record). `cert0`,
    `cert1`: per project, an affine price level (at 0 and at span) it is known to be dearer than
    under these U (and so under any smaller U, as in every later state). `ancestors`: the
    certificates of the states this one came from, first the start (U only shrinks from a state
    to its children, so they hold here too). `short`: projects whose supporters hold less than
    their cost under L at an end (L only shrinks, in children and merges: that stays so).
    `first`: every project before this position of the preference is closed or short."""

    __slots__ = ("L0", "L1", "U0", "U1", "open", "short", "first", "cert0", "cert1", "ancestors")

    def merge(self, other: _State) -> None:
        # min of affine lower bounds is concave, so its chord (the min at both ends) lies below
        # it; likewise the max of upper bounds lies below the chord of its values at both ends
        np.minimum(self.L0, other.L0, out=self.L0)
        np.minimum(self.L1, other.L1, out=self.L1)
        np.maximum(self.U0, other.U0, out=self.U0)
        np.maximum(self.U1, other.U1, out=self.U1)
        self.short |= other.short
        self.first = max(self.first, other.first)
        # U grew, but stays below the U of every common ancestor: the closest one's
        # certificates still hold
        k = 0
        mine, theirs = self.ancestors, other.ancestors
        while k < min(len(mine), len(theirs)) and mine[k][0] is theirs[k][0]:
            k += 1
        self.ancestors = mine[:k]
        self.cert0 = mine[k - 1][0].copy()
        self.cert1 = mine[k - 1][1].copy()


#: a project found dearer than the winner's price bound X is checked at X * (1 + HEADROOM)
#: first, so that the finding still holds at later steps, where prices are higher
HEADROOM = 0.25


class _Shared:
    """Certificates (as `_State`'s) under U0, U1: the elementwise largest U of the states of one
    step of the proof. Every later state's U is below it, so they hold for all of them, and a
    project is checked once for all the states of a step, not once per state."""

    __slots__ = ("U0", "U1", "cert0", "cert1")

    def __init__(self, floor: np.ndarray) -> None:
        self.cert0 = floor.copy()
        self.cert1 = floor.copy()

    def cover(self, states: list[_State]) -> None:
        if len(states) == 1:
            self.U0, self.U1 = states[0].U0, states[0].U1
        else:
            self.U0 = np.maximum.reduce([st.U0 for st in states])
            self.U1 = np.maximum.reduce([st.U1 for st in states])


def _dearer_than(prep: Prepared, st: _State, shared: _Shared, x0: float, x1: float) -> np.ndarray:
    """Projects still open that might cost at most (x0 .. x1) per satisfaction: a superset of
    those that could be cheaper than a project whose price is at most that affine bound.
    Checked under the shared U first (`_Shared`), then under the state's own U."""
    need = st.open & ((x0 > st.cert0) | (x1 > st.cert1))
    need &= (x0 > shared.cert0) | (x1 > shared.cert1)
    need = _certify(prep, shared.U0, shared.U1, shared.cert0, shared.cert1, need, x0, x1)
    if shared.U0 is not st.U0 and need.any():
        need = _certify(prep, st.U0, st.U1, st.cert0, st.cert1, need, x0, x1)
    return need


def _certify(prep: Prepared, U0, U1, cert0, cert1, need, x0: float, x1: float) -> np.ndarray:
    """Of the projects in `need`, those not found dearer than (x0 .. x1) under U0, U1; what is
    found is kept in cert0, cert1.

    A project q is dearer if its supporters would pay less than its cost at that price:
    sum_i min(U_i, X s_i) < cost at both ends. The sum is at most the affine sum of the term
    picked per voter, U_i or X s_i (one pick for both ends: then it is affine in t); with the
    picks fixed, that sum is paid + X * slope at each end (slope: the w_i s_i of the voters
    where X s_i is picked), so it stays below the cost for every X up to where that line
    reaches it (`_mes_kernel._reach`) at each end:
    the tangent at the level where the picks were made (a Newton step). That pair of levels is
    kept as the certificate for q (it holds under any smaller U, as in every later state). The
    picks are made at X * (1 + HEADROOM) first, then at X (one pass, compiled: `_mes_kernel`)."""
    projects = np.flatnonzero(need)
    if len(projects):
        _kernel.certify(
            prep.ptr,
            prep.nz_d,
            prep.nz_s,
            prep.nz_w,
            U0,
            U1,
            projects,
            prep.cost_f * (1 - REL),
            HEADROOM,
            x0,
            x1,
            cert0,
            cert1,
            need,
        )
    return need


def _affordable(prep: Prepared, st: _State, p: int) -> bool:
    """Whether p's supporters hold its cost under L at both ends (so throughout)."""
    if st.short[p]:
        return False
    need = prep.cost_f[p] * (1 + REL)
    held0, held1 = _kernel.held(prep.ptr, prep.nz_d, prep.nz_w, st.L0, st.L1, p)
    if held0 >= need and held1 >= need:
        return True
    st.short[p] = True
    return False


def _step(prep: Prepared, st: _State, shared: _Shared, preference: list[int], span_ratio: float):
    """How runs in this state can go on: a list of (project selected next, child state), with
    (None, None) for runs that end here, or None if that cannot be told."""
    w0 = None
    while st.first < len(preference):
        p = preference[st.first]
        if st.open[p] and _affordable(prep, st, p):
            w0 = p
            break
        st.first += 1
    if w0 is None:
        # No project is affordable throughout. The run ends where every open project is
        # unaffordable; elsewhere any project that may be affordable may be next, at a price
        # below the one at which every supporter pays all it has. A project certified dearer
        # at any price (its supporters hold less than its cost under U at both ends) is out.
        out: list = [(None, 0.0, 0.0)]
        maybe = st.open & ~(np.isinf(st.cert0) & np.isinf(st.cert1))
        maybe &= ~(np.isinf(shared.cert0) & np.isinf(shared.cert1))
        for q in np.flatnonzero(maybe).tolist():
            limit = prep.cost_f[q] * (1 - REL)
            held0, held1 = _kernel.held(prep.ptr, prep.nz_d, prep.nz_w, st.U0, st.U1, q)
            if held0 < limit and held1 < limit:
                st.cert0[q] = st.cert1[q] = math.inf
                continue
            idx = prep.sup[q]
            s = prep.sat_f[q]
            # max_i U_i(t) / s_i is convex in t: below its chord
            hi0 = float((st.U0[idx] / s).max())
            hi1 = float((st.U1[idx] / s).max())
            out.append((q, hi0, hi1))
        return _children(prep, st, out, span_ratio)
    upper = {w0: (_price(prep, w0, st.L0), _price(prep, w0, st.L1))}
    x0, x1 = upper[w0]
    if not (math.isfinite(x0) and math.isfinite(x1)):
        return None
    # the winner costs at most what w0 costs, so at most (x0 .. x1)
    possible = _dearer_than(prep, st, shared, x0, x1)
    possible[w0] = True
    winners = np.flatnonzero(possible).tolist()
    fixed: dict[int, Fraction] = {}
    if len(winners) > 1:
        # the one with the lowest upper bound bounds the winner's price better
        for q in winners:
            if q not in upper and _affordable(prep, st, q):
                upper[q] = (_price(prep, q, st.L0), _price(prep, q, st.L1))
        best = min(upper, key=lambda q: upper[q][0] + upper[q][1])
        if best != w0:
            x0, x1 = upper[best]
            again = _dearer_than(prep, st, shared, x0, x1)
            again[best] = True
            winners = [q for q in winners if again[q]]
    if len(winners) > 1:
        # Prices that are the same for every run here are compared exactly, ties by index (as
        # the runs decide them): of those, only the cheapest can win.
        for q in winners:
            price = _fixed_price(prep, st, q)
            if price is not None:
                fixed[q] = price
        if fixed:
            first = min(fixed, key=lambda q: (fixed[q], q))
            winners = [q for q in winners if q == first or q not in fixed]
    out = []
    for w in winners:
        if w in fixed:
            hi0 = hi1 = float(fixed[w]) * (1 + REL)
        else:
            # an upper bound of its price: its own (if affordable throughout) or the winner's
            hi0, hi1 = upper.get(w, (x0, x1))
            if hi0 + hi1 > x0 + x1:
                hi0, hi1 = x0, x1
        out.append((w, hi0, hi1))
    return _children(prep, st, out, span_ratio)


def _children(prep: Prepared, st: _State, nexts: list, span_ratio: float) -> list:
    """(w, child state) per (w, hi0, hi1) (`_child`); (None, None) for w None. The last child
    takes over st's budget arrays (st is not used after its step)."""
    out = []
    for i, (w, hi0, hi1) in enumerate(nexts):
        if w is None:
            out.append((None, None))
        else:
            out.append((w, _child(prep, st, w, hi0, hi1, span_ratio, i == len(nexts) - 1)))
    return out


def _fixed_price(prep: Prepared, st: _State, q: int) -> Fraction | None:
    """q's exact price if it is the same in every run of this state: each supporter has nothing
    (U = 0 throughout) or clearly pays its full share (L above it throughout). The price is then
    cost / (satisfaction of those with money)."""
    idx = prep.sup[q]
    has = (st.U0[idx] > 0) | (st.U1[idx] > 0)
    if not has.any():
        return None
    if prep.binary:
        price = Fraction(1, int(prep.w_sup[q] @ has))
    else:
        sat = prep.sat[q]
        total = sum(int(prep.w[idx[k]]) * sat[k] for k in np.flatnonzero(has).tolist())
        price = Fraction(prep.cost[q]) / total
    need = float(price) * prep.sat_f[q][has] * (1 + 4 * REL)
    if np.all(st.L0[idx][has] >= need) and np.all(st.L1[idx][has] >= need):
        return price
    return None


def _child(
    prep: Prepared, st: _State, w: int, hi0: float, hi1: float, span_ratio: float, own: bool
):
    """The state after selecting w at a price at most (hi0 .. hi1); `own`: it takes over st's
    budget arrays instead of copying them."""
    # a lower bound of the price: the secant of the price at U through -span / SECANT and 0,
    # or else the price if every supporter paid its full share
    lo0 = _price(prep, w, st.U0)
    x_um = _price(prep, w, st.U0, st.U1, span_ratio)
    if math.isfinite(lo0) and math.isfinite(x_um):
        lo1 = lo0 - (x_um - lo0) / span_ratio
    else:
        lo0 = lo1 = float(prep.lower_f[w])
    child = _State()
    if own:
        child.U0, child.U1, child.L0, child.L1 = st.U0, st.U1, st.L0, st.L1
    else:
        child.U0 = st.U0.copy()
        child.U1 = st.U1.copy()
        child.L0 = st.L0.copy()
        child.L1 = st.L1.copy()
    # after paying: max(0, U - x_lo s) is convex (below its chord); max(0, L - x_hi s) is
    # bounded below by either affine piece (L - x_hi s where it is positive at 0, else 0)
    _kernel.pay(
        prep.ptr,
        prep.nz_d,
        prep.nz_s,
        w,
        child.U0,
        child.U1,
        child.L0,
        child.L1,
        lo0,
        lo1,
        hi0,
        hi1,
    )
    child.cert0 = st.cert0.copy()
    child.cert1 = st.cert1.copy()
    child.ancestors = (*st.ancestors, (st.cert0, st.cert1))
    child.open = st.open.copy()
    child.short = st.short.copy()
    child.first = st.first
    child.open[w] = False
    return child


#: at most this many different selected sets are followed at once
MAX_STATES = 8


def goes_on(prep: Prepared, trace: Trace, span: float, spare: Spare, work=None) -> bool:
    """True if for every t in [0, span] the run from the trace's budget + t ends with a selection
    that is not exhaustive (`spare`), whatever order it selects in. `work` (a one-item list)
    counts the steps of states the proof followed (a run of a round makes one per winner)."""
    b = float(trace.voter_budget)
    D, P = prep.D, prep.P
    start = _State()
    start.L0 = np.full(D, b)
    start.L1 = np.full(D, b + span)
    start.U0 = start.L0.copy()
    start.U1 = start.L1.copy()
    start.open = np.ones(P, dtype=bool)
    start.short = np.zeros(P, dtype=bool)
    start.first = 0
    # any project's price is at least cost / total satisfaction (everyone paying in full)
    floor = prep.lower_f * (1 - REL)
    start.cert0 = floor.copy()
    start.cert1 = floor.copy()
    start.ancestors = ()
    # try projects in the order this run selected them, then the rest by their lowest price
    chosen = [s.project for s in trace.steps]
    rest = set(range(P)) - set(chosen)
    preference = chosen + sorted(rest, key=lambda p: prep.lower_f[p])
    frontier: dict[frozenset, _State] = {frozenset(): start}
    shared = _Shared(floor)
    while frontier:
        following: dict[frozenset, _State] = {}
        shared.cover(list(frontier.values()))
        for chosen_set, st in frontier.items():
            if work is not None:
                work[0] += 1
            result = _step(prep, st, shared, preference, 1 / SECANT)
            if result is None:
                return False
            for w, child in result:
                if w is None:  # runs that end here
                    if not spare(chosen_set):
                        return False
                    continue
                key = chosen_set | {w}
                if key in following:
                    following[key].merge(child)
                else:
                    following[key] = child
            if len(following) > MAX_STATES:
                return False
        frontier = following
    return True


def extra_rounds(
    prep: Prepared,
    trace: Trace,
    unit,
    limit: int,
    spare: Spare,
    hint: int = 1,
    calls=None,
    work=None,
) -> int:
    """How many rounds after this one (each `unit` more per voter) provably go on (`goes_on`):
    `hint` (capped at `limit`) if that holds, else a quarter of it if that holds, else 0. At most
    two proofs, so the effort stays bounded; the caller grows or shrinks `hint` from the answer.
    `calls` (a one-item list) counts the proofs made, `work` their steps (`goes_on`)."""
    unit = float(unit)
    for m in (min(hint, limit), min(hint, limit) // 4):
        if m < 1:
            break
        if calls is not None:
            calls[0] += 1
        if goes_on(prep, trace, m * unit, spare, work):
            return m
    return 0
