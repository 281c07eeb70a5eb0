"""One run of the Method of Equal Shares in floats, with exact fallbacks.

Same decisions as `_mes_exact.run_exact`, computed with numpy over distinct ballots:

- Budgets are floats. Every decision that is close in floats is taken again in exact rationals:
  a project whose supporters hold about its cost; two candidates whose prices rho are about equal
  (the exact tie goes to the smaller id); a supporter of the winner whose budget is about its
  share. The exact budgets are never kept: a class that still has money has paid exactly
  rho_i * sat for every earlier winner i it supports, so its exact budget follows from the exact
  prices, and an exact price follows from the earlier ones (`_Exact`). Both are computed only when
  a fallback needs them. Near-equal prices are mostly exact ties of projects whose supporters
  with money all clearly pay their full share: that price is cost / their satisfaction, exact
  without any budget (`_all_pay_in_full`).
- A price is found by Newton's method from below, without sorting (`_walk`).
- Projects are visited in order of their previous price (a price never falls as budgets shrink,
  so it is a lower bound); the visit stops once that bound is above the best price found. A
  project whose supporters would pay less than its cost at the best price found so far is
  dearer: it needs no walk (and a Newton step from there bounds its next price).
- For the capped completions: a hint of the likely winners (the previous round's order) is
  visited first.

`_mes_compiled` runs a round with the same float decisions in one compiled loop, and hands the
rounds with a close decision to `run_fast`; the iterated variants pass over rounds with
`_mes_interval`.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np

from pbengine._mes_exact import CategoryCaps, Step, Trace
from pbengine._mes_prep import Prepared

REL = 1e-9  # relative closeness below which a float decision is retaken exactly


def _walk(
    budgets: np.ndarray,
    sats: np.ndarray,
    weights: np.ndarray,
    cost: float,
    ws: np.ndarray | None = None,
    total: float | None = None,
    start: float = 0.0,
):
    """Float affordability: (rho, error bound) for supporters that together hold >= cost.

    Newton's method on the concave, piecewise linear f(x) = sum_i w_i min(b_i, x s_i) from the
    left: the tangent at x (the voters who cannot pay x s_i pay b_i, the others x s_i) lies above
    f, so its root is at most the price, and the set of voters who cannot pay only grows until it
    stops changing; then x is the price. It starts at `start` if that is a lower bound of the
    price (an earlier price of the project: prices only rise in a run) and above cost / total
    satisfaction; a start that turns out too high (float error) is caught when a voter counted
    as unable to pay turns out able, and the walk starts again from below. Usually a few
    passes, no sort; after many passes, or if every supporter would run out, the sorted walk
    (`_sorted_walk`) decides. `ws` and `total` are weights * sats and its sum, if known.
    """
    ratio = budgets / sats
    if total is None:
        total = float(weights @ sats)
    everyone = cost / total
    if ratio.min() >= everyone:  # every supporter pays its full share
        return everyone, REL * everyone
    if ws is None:
        ws = weights * sats
    wb = weights * budgets
    for x in (start, everyone) if start > everyone else (everyone,):
        poor = ratio < x
        for _ in range(_NEWTON):
            rich = ~poor
            rest = float(ws @ rich)
            if not rest > 0:  # (also when every supporter is poor)
                break
            rho = (cost - float(wb @ poor)) / rest
            new = rich & (ratio < rho)
            if not np.count_nonzero(new):
                if x == everyone or not np.count_nonzero(poor & (ratio >= rho)):
                    return rho, REL * cost / rest
                break  # started too high: again from cost / total satisfaction
            poor |= new
    return _sorted_walk(ratio, budgets, sats, weights, cost)


_NEWTON = 24


def _sorted_walk(ratio, budgets, sats, weights, cost):
    order = np.argsort(ratio, kind="stable")
    r = ratio[order]
    wb = (weights * budgets)[order]
    ws = (weights * sats)[order]
    before = np.cumsum(wb) - wb
    rest = np.cumsum(ws[::-1])[::-1]
    rhos = (cost - before) / rest
    ok = rhos <= r
    k = int(np.argmax(ok)) if ok.any() else len(r) - 1
    rho = float(rhos[k])
    return rho, REL * cost / float(rest[k])


class _Exact:
    """Exact prices and budgets of a float run, computed on demand."""

    def __init__(self, prep: Prepared, voter_budget: Fraction, steps: list[Step], zero, sel_step):
        self.prep = prep
        self.b = voter_budget
        self.steps = steps
        self.zero = zero
        self.sel_step = sel_step
        self.rich: list[np.ndarray] = []  # per step: rich mask over the winner's supporters
        self.cache: dict[int, tuple[int, Fraction]] = {}

    def budget_at(self, d: int, upto: int) -> Fraction:
        """Exact budget of a class that had money left at step `upto` (before it)."""
        start, value = self.cache.get(d, (0, self.b))
        if start > upto:
            start, value = 0, self.b
        for q, s in self.prep.ballot_sats[d]:
            i = self.sel_step[q]
            if start <= i < upto:
                value -= self.rho(i) * s
        if upto == len(self.steps):
            self.cache[d] = (upto, value)
        return value

    def budget(self, d: int) -> Fraction:
        if self.zero[d]:
            return Fraction(0)
        return self.budget_at(d, len(self.steps))

    def rho(self, j: int) -> Fraction:
        step = self.steps[j]
        if isinstance(step.rho, Fraction):
            return step.rho
        prep = self.prep
        p = step.project
        sup = prep.sup[p]
        rich = self.rich[j]
        zero_before = step.zero_before
        paid = Fraction(0)
        for k in np.flatnonzero(~rich & ~zero_before).tolist():
            d = int(sup[k])
            paid += int(prep.w[d]) * self.budget_at(d, j)
        if prep.binary:
            denominator = prep.cost[p] * int(prep.w[sup[rich]].sum())
        else:
            denominator = sum(
                int(prep.w[sup[k]]) * prep.sat[p][k] for k in np.flatnonzero(rich).tolist()
            )
        value = (prep.cost[p] - paid) / denominator
        step.rho = value
        return value

    def budgets_of(self, p: int) -> list[Fraction]:
        return [self.budget(d) for d in self.prep.sup[p].tolist()]

    def affordability(self, p: int) -> Fraction | None:
        from pbengine._mes_exact import affordability

        full = [Fraction(0)] * 0
        budgets = dict(zip(self.prep.sup[p].tolist(), self.budgets_of(p), strict=True))
        full = _SparseBudgets(budgets)
        return affordability(self.prep, full, p)


class _Left:
    """`Trace.left` of a float run, computed when first read (only the returned run's is)."""

    def __init__(self, prep: Prepared, bud: np.ndarray) -> None:
        self.prep = prep
        self.bud = bud
        self.values: list[float] | None = None

    def _get(self) -> list[float]:
        if self.values is None:
            prep, bud, w = self.prep, self.bud, self.prep.w_f
            self.values = [float(w[prep.sup[p]] @ bud[prep.sup[p]]) for p in range(prep.P)]
        return self.values

    def __getitem__(self, p):
        return self._get()[p]

    def __len__(self) -> int:
        return self.prep.P

    def __iter__(self):
        return iter(self._get())

    def __eq__(self, other) -> bool:
        return self._get() == list(other)


class _SparseBudgets:
    def __init__(self, values: dict[int, Fraction]) -> None:
        self.values = values

    def __getitem__(self, d: int) -> Fraction:
        return self.values[d]


def _all_pay_in_full(prep: Prepared, p: int, bb, has, tol: float) -> Fraction | None:
    """The exact price if every supporter with money clearly can pay its full share of it.

    `bb`: the supporters' float budgets; `has`: which of them have money (exactly more than 0).
    Supporters with nothing left pay nothing at any price, so the price is then
    cost / (satisfaction of the others), and it is the smallest price at which the supporters
    pay the cost. With cost satisfaction that is 1 / (how many others).
    """
    if not has.any():
        return None
    if has.all():
        price = Fraction(prep.cost[p]) / prep.total_sat[p]
    elif prep.binary:
        price = Fraction(1, int(prep.w_sup[p] @ has))
    else:
        sat = prep.sat[p]
        idx = prep.sup[p]
        total = sum(int(prep.w[idx[k]]) * sat[k] for k in np.flatnonzero(has).tolist())
        price = Fraction(prep.cost[p]) / total
    s = prep.sat_f[p][has]
    x = float(price)
    if np.all(bb[has] - x * s > tol + REL * x * s):
        return price
    return None


def _apart(prep: Prepared, b: Fraction) -> Trace:
    """A run where every ballot supports one project (`Prepared.apart`): what one project's
    supporters pay never touches another's, so each project whose supporters can pay its cost
    with `b` each (`supporters * b >= cost`; in floats where far from equal, else exactly) is
    funded, all of them paying in full at the price `1 / supporters` per unit of satisfaction
    (satisfaction = cost), in order of that price, ties to the lower index: the steps
    `run_exact` takes, without walking them."""
    trace = Trace(b)
    bf = float(b)
    supporters = np.array(prep.supporters, dtype=float)
    gap = supporters * bf - prep.cost_f
    able = (gap > REL * prep.cost_f).tolist()
    for p in np.flatnonzero(np.abs(gap) <= REL * prep.cost_f).tolist():
        trace.exact_fallbacks += 1
        able[p] = prep.supporters[p] * b >= prep.cost[p]
    order = sorted((p for p in range(prep.P) if able[p]), key=lambda p: (-prep.supporters[p], p))
    bud = np.full(prep.D, bf)
    for p in order:
        trace.steps.append(Step(p, Fraction(1, prep.supporters[p]), paid_full=prep.supporters[p]))
        bud[prep.sup[p]] = bf - prep.cost_l[p] / prep.supporters[p]
    trace.left = _Left(prep, bud)
    return trace


def run_fast(
    prep: Prepared,
    voter_budget: Fraction,
    hint: list[int] | None = None,
    caps: CategoryCaps | None = None,
) -> Trace:
    """One run from `voter_budget`. `hint`: a likely order of winners (the previous round's); the
    hinted project of each step is visited first, so that the best price is known early and the
    others are mostly dismissed as clearly dearer. It changes the work, never the outcome.

    `caps` (`CategoryCaps`): Equal Shares with category caps, as `_mes_exact.run_exact(...,
    caps=)`: a project that no longer fits in what is left of one of its categories drops out
    (room only shrinks, so it never comes back; compared exactly, in Fractions)."""
    b = Fraction(voter_budget)
    if prep.apart and caps is None:
        return _apart(prep, b)
    bf = float(b)
    P, D = prep.P, prep.D
    bud = np.full(D, bf)
    zero = np.zeros(D, dtype=bool)
    alive = np.ones(P, dtype=bool)
    lower = prep.lower_f.copy()
    sel_step = np.full(P, -1, dtype=np.int64)
    steps: list[Step] = []
    trace = Trace(b)
    exact = _Exact(prep, b, steps, zero, sel_step)
    budget_tol = REL * bf
    cost_l = prep.cost_l
    sup, sat, w_sup, ws_sup, ws_total = prep.sup, prep.sat_f, prep.w_sup, prep.ws_sup, prep.ws_total
    if caps is not None:
        category_room = dict(caps.budgets)
        for p in range(P):
            if not caps.fits(category_room, p, prep.cost[p]):
                alive[p] = False

    while True:
        candidates: list[tuple[float, float, int]] = []
        best_rho = math.inf
        best_err = 0.0
        live = np.flatnonzero(alive)
        order = live[np.argsort(lower[live], kind="stable")]
        visit = zip(order.tolist(), lower[order].tolist(), strict=True)
        guess = hint[len(steps)] if hint is not None and len(steps) < len(hint) else -1
        if guess >= 0 and alive[guess]:
            # (the rest is still visited in order of its lower bounds, so the stop holds)
            visit = itertools.chain([(guess, -math.inf)], visit)
        for p, low in visit:
            if low * (1 - REL) > best_rho + best_err:
                break
            if p == guess and low > -math.inf:
                continue  # visited first
            idx = sup[p]
            bb = bud[idx]
            ww = w_sup[p]
            cost = cost_l[p]
            available = float(ww @ bb)
            if available < cost * (1 - REL):
                alive[p] = False
                continue
            if available <= cost * (1 + REL):
                trace.exact_fallbacks += 1
                exact_available = sum(
                    (int(prep.w[d]) * exact.budget(d) for d in idx.tolist()), Fraction(0)
                )
                if exact_available < prep.cost[p]:
                    alive[p] = False
                    continue
            if best_rho < math.inf:
                # Clearly dearer than the best so far: what the supporters would pay at that
                # price (a sum of positive terms, no cancellation) falls short of the cost. Its
                # price is then above the best's price plus its error bound, so it can be
                # neither the winner nor tied with it: no walk. A Newton step from there (the
                # payment is concave in the price) is a lower bound for the next steps.
                x = best_rho + best_err
                sx = x * sat[p]
                paid = float(ww @ np.minimum(bb, sx))
                if paid < cost * (1 - REL):
                    slope = float(ws_sup[p] @ (bb > sx))
                    lower[p] = x + (0.999 * (cost - paid) / slope if slope > 0 else 0.0)
                    continue
            rho, err = _walk(bb, sat[p], ww, cost, ws_sup[p], ws_total[p], lower[p])
            lower[p] = rho
            candidates.append((rho, err, p))
            if rho < best_rho:
                best_rho, best_err = rho, err
        if not candidates:
            break
        near = [c for c in candidates if c[0] - c[1] <= best_rho + best_err]
        tied: set[int] = set()
        exact_rho = None
        if len(near) == 1:
            winner = near[0][2]
            rho = near[0][0]
            err = near[0][1]
        else:
            trace.exact_fallbacks += 1
            prices = [
                (
                    _all_pay_in_full(prep, p, bud[prep.sup[p]], ~zero[prep.sup[p]], budget_tol)
                    or exact.affordability(p),
                    p,
                )
                for _, _, p in near
            ]
            prices = [(r, p) for r, p in prices if r is not None]
            exact_rho, winner = min(prices)
            tied = {p for r, p in prices if r == exact_rho and p != winner}
            rho = float(exact_rho)
            err = 0.0

        idx = prep.sup[winner]
        s = prep.sat_f[winner]
        bb = bud[idx]
        ask = rho * s
        gap = bb - ask
        tol = budget_tol + err * s
        zero_before = zero[idx]  # a copy (fancy indexing)
        ambiguous = np.count_nonzero(np.abs(gap) <= tol) > 0
        if ambiguous:
            trace.exact_fallbacks += 1
            if exact_rho is None:
                exact_rho = exact.affordability(winner)
            eb = exact.budgets_of(winner)
            sat_exact = prep.sat[winner]
            rich = np.array([exact_rho * v <= e for e, v in zip(eb, sat_exact, strict=True)])
            new = [
                e - exact_rho * v if r else Fraction(0)
                for e, v, r in zip(eb, sat_exact, rich, strict=True)
            ]
            rho = float(exact_rho)
            new_zero = np.array([v == 0 for v in new])
            new_f = np.array([float(v) for v in new])
        else:
            rich = gap >= 0
            new_zero = ~rich
            new_f = np.where(rich, gap, 0.0)
        step = Step(winner, exact_rho if exact_rho is not None else rho)
        step.zero_before = zero_before
        step.tied = frozenset(tied)
        # integer weights as floats: the dot products are exact
        wf = prep.w_sup[winner]
        step.paid_full = int(wf @ rich)
        step.paid_nothing = int(wf @ (zero_before & ~rich))
        step.paid_rest = prep.supporters[winner] - step.paid_full - step.paid_nothing

        bud[idx] = new_f
        zero[idx] = new_zero
        exact.rich.append(rich)
        sel_step[winner] = len(steps)
        steps.append(step)
        alive[winner] = False
        if caps is not None and caps.of_project[winner]:
            for category in caps.of_project[winner]:
                category_room[category] -= prep.cost[winner]
            for p in np.flatnonzero(alive).tolist():
                if not caps.fits(category_room, p, prep.cost[p]):
                    alive[p] = False

    trace.steps = steps
    trace.left = _Left(prep, bud)
    return trace
