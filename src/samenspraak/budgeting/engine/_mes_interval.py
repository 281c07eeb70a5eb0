"""Proof that a run of MES keeps its outcome when every voter starts with up to `span` more.

Used by the iterated variants to pass over rounds. Given a run at per-voter budget b (decided
exactly, `Trace`), `same_outcome(prep, trace, span)` checks that for every t in [0, span] the run
from b + t selects the same projects in the same order. It does not require the same payments:
voters may switch between paying their share in full and paying what they have left.

The argument, with every budget b_i(t) of a run from b + t enclosed between affine functions
L_i(t) <= b_i(t) <= U_i(t) on [0, span] (at the start L = U = b + t):

- Price monotonicity: the price x of a project (smallest x with sum_i min(b_i, x s_i) = cost)
  falls when budgets grow. Along affine budgets the price is a convex function of t (its
  epigraph is a superlevel set of a jointly concave function). Hence with budgets between L and
  U: x(t) <= the chord of x_L between 0 and span, and x(t) >= the secant of x_U through -span
  and 0 (a secant left of 0 underestimates a convex function right of 0).
- The winner w stays the winner if it stays affordable (sum of L >= cost) and every other project
  q not yet selected stays dearer: sum_i min(b_i, x_w s_i) < cost_q. Its left side is at most
  sum_i min(U_i, X_hi s_i) <= the affine sum of the term picked per voter (checked at both ends).
  An exact tie at t = 0 that q loses by id stays one if every supporter of both projects pays in
  full under L at both ends or has nothing under U (then both prices keep their formula).
- After the step, b_i - min(b_i, x s_i) = max(0, b_i - x s_i) lies between max(0, L_i - X_hi s_i)
  (bounded below by either affine piece) and max(0, U_i - X_lo s_i) (convex: bounded above by
  its chord).
- At the end every project not selected stays unaffordable: sum of U < cost at both ends.

All checks are affine on [0, span] and are made at both ends with a relative float margin; at
t = 0 they restate decisions the exact run already took.
"""

from __future__ import annotations

import math

import numpy as np

from samenspraak.budgeting.engine._mes_exact import Trace
from samenspraak.budgeting.engine._mes_fast import REL, _walk
from samenspraak.budgeting.engine._mes_prep import Prepared

#: the lower price bound is the secant of x_U through -span / SECANT and 0: any secant left of 0
#: underestimates a convex function right of 0, and a short one is the closest (16 keeps the
#: float error of the slope far below the margins)
SECANT = 16


def _price(prep: Prepared, p: int, budgets: np.ndarray) -> float:
    idx = prep.sup[p]
    bb = budgets[idx]
    ww = prep.w_sup[p]
    if float(ww @ bb) < prep.cost_f[p] * (1 + REL):
        return math.inf
    return _walk(bb, prep.sat_f[p], ww, prep.cost_f[p], prep.ws_sup[p], prep.ws_total[p])[0]


def same_outcome(prep: Prepared, trace: Trace, span: float) -> bool:
    b = float(trace.voter_budget)
    D, P = prep.D, prep.P
    L0 = np.full(D, b)
    L1 = np.full(D, b + span)
    U0 = L0.copy()
    U1 = L1.copy()
    unselected = np.ones(P, dtype=bool)
    w_nz = prep.w_f[prep.nz_d]
    nz_p, nz_d, nz_s, nz_w = prep.nz_p, prep.nz_d, prep.nz_s, w_nz
    for step in trace.steps:
        p = step.project
        idx = prep.sup[p]
        s = prep.sat_f[p]
        x0 = _price(prep, p, L0)  # upper price bound, at 0 and at span
        x_hi1 = _price(prep, p, L1)
        x_lo0 = _price(prep, p, U0)  # lower price bound: secant through -span / 16 and 0
        x_um = _price(prep, p, U0 - (U1 - U0) / SECANT)
        if not (math.isfinite(x0) and math.isfinite(x_hi1) and math.isfinite(x_um)):
            return False
        x_lo1 = x_lo0 - (x_um - x_lo0) * SECANT
        # every other project not selected yet stays dearer
        unselected[p] = False
        keep = nz_p != p  # the (class, project) pairs of projects not selected yet
        nz_p, nz_d, nz_s, nz_w = nz_p[keep], nz_d[keep], nz_s[keep], nz_w[keep]
        if len(nz_p):
            sat = nz_s
            ws = nz_w
            u0 = U0[nz_d]
            u1 = U1[nz_d]
            pick_u = (u0 + u1) <= (x0 + x_hi1) * sat
            g0 = np.bincount(nz_p, weights=ws * np.where(pick_u, u0, x0 * sat), minlength=P)
            g1 = np.bincount(nz_p, weights=ws * np.where(pick_u, u1, x_hi1 * sat), minlength=P)
            limit = prep.cost_f * (1 - REL)
            bad = unselected & ((g0 >= limit) | (g1 >= limit))
            if bad.any():
                for q in np.flatnonzero(bad).tolist():
                    if not (
                        q > p and q in step.tied and _same_formula(prep, (p, q), x0, L0, L1, U0, U1)
                    ):
                        return False
        # budgets after the step
        U0[idx] = np.maximum(0.0, U0[idx] - x_lo0 * s)
        U1[idx] = np.maximum(0.0, U1[idx] - x_lo1 * s)
        g0 = L0[idx] - x0 * s
        g1 = L1[idx] - x_hi1 * s
        use = g0 > 0
        L0[idx] = np.where(use, g0, 0.0)
        L1[idx] = np.where(use, g1, 0.0)
    if unselected.any():
        h0 = np.bincount(nz_p, weights=nz_w * U0[nz_d], minlength=P)
        h1 = np.bincount(nz_p, weights=nz_w * U1[nz_d], minlength=P)
        limit = prep.cost_f * (1 - REL)
        if np.any(unselected & ((h0 >= limit) | (h1 >= limit))):
            return False
    return True


def _same_formula(prep: Prepared, projects, x: float, L0, L1, U0, U1) -> bool:
    """Every supporter of these projects pays its full share on [0, span] or has nothing at all.

    Then each price is cost / (satisfaction of the payers) for every t, a constant: an exact tie
    at t = 0 stays exact.
    """
    for q in projects:
        idx = prep.sup[q]
        need = x * prep.sat_f[q] * (1 + REL)
        pays = (L0[idx] >= need) & (L1[idx] >= need)
        empty = (U0[idx] == 0) & (U1[idx] == 0)
        if not np.all(pays | empty):
            return False
    return True


def extra_rounds(
    prep: Prepared, trace: Trace, unit, limit: int, hint: int = 1, worth: float = 0.0, calls=None
) -> int:
    """How many rounds after this one (each `unit` more per voter) provably share its outcome.

    Galloping from `hint` (the previous answer), then bisection to within 1/16, and only while
    half the open interval is more than `worth` rounds (what one proof costs, in runs): the answer
    is a number of rounds for which `same_outcome` holds, never more. `calls` (a one-item list)
    counts the proofs made.
    """
    unit = float(unit)
    hint = max(1, min(hint, limit))
    if limit < 1:
        return 0

    def holds(m: int) -> bool:
        if calls is not None:
            calls[0] += 1
        return same_outcome(prep, trace, m * unit)

    if holds(hint):
        good, bad = hint, None
        m = hint * 2
        while m <= limit:
            if not holds(m):
                bad = m
                break
            good = m
            m *= 2
        if bad is None:
            if good == limit:
                return good
            bad = limit + 1
    else:
        good, bad = 0, hint
    while bad - good > 1 and bad - good > good // 16 and (bad - good) / 2 > worth:
        mid = (good + bad) // 2
        if holds(mid):
            good = mid
        else:
            bad = mid
    return good
