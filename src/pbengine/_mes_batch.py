"""Many runs of MES at once, one per voter budget, for the rounds of the iterated variants.

Each row is a run of `_mes_fast.run_fast` from its own budget; the rows move step by step
together, so numpy works on a row per round instead of Python looping once per round. A row may
select other projects, in another order, than the next row: every decision is taken per row.

Only clear decisions are taken here, with the same float rules as `run_fast`: a project whose
supporters hold about its cost, two candidates whose prices are about equal, a supporter whose
budget is about its share, or a price the Newton walk does not settle, all give up on that row
(`None`), and the caller runs it alone with `run_fast`, which takes such decisions exactly.
A clear float decision is the exact one (the float errors are far below the margin `REL`), so a
row that is not given up selects what `run_fast` selects, in the same order.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from pbengine._mes_fast import _NEWTON, REL, _all_pay_in_full
from pbengine._mes_prep import Prepared


def _walk_rows(
    bb: np.ndarray,
    sats: np.ndarray,
    ww: np.ndarray,
    ws: np.ndarray,
    cost: float,
    total: float,
    start: np.ndarray,
):
    """`_mes_fast._walk` for each column of budgets `bb` (supporters x rows): (rho, err, settled).

    Newton's method from the left on f(x) = sum_i w_i min(b_i, x s_i), each column on its own;
    a column that has not settled after `_NEWTON` passes, or where every supporter would run
    out, is not settled (the caller gives that row up). Each column starts at its `start` (a lower
    bound of the price, as in `_walk`) if that is higher; a column where that turns out too high
    (a voter counted as unable to pay is able) is not settled either."""
    rows = bb.shape[1]
    everyone = cost / total
    rho = np.full(rows, everyone)
    err = np.full(rows, REL * everyone)
    settled = np.ones(rows, dtype=bool)
    ratio = bb / sats[:, None]
    hard = ratio.min(axis=0) < everyone  # some supporter cannot pay its full share
    if not hard.any():
        return rho, err, settled
    sub = np.flatnonzero(hard)
    r = ratio[:, sub] if len(sub) < rows else ratio
    wb = (bb[:, sub] if len(sub) < rows else bb) * ww[:, None]
    x0 = np.maximum(start[sub], everyone)
    poor = r < x0
    x = x0
    rest = np.full(len(sub), total)
    moving = np.ones(len(sub), dtype=bool)
    # columns still moving after _NEWTON passes have not settled; a column where every
    # supporter is poor (rest 0) is not settled either (its x is not used)
    for _ in range(_NEWTON):
        rest = ws @ ~poor
        some = rest > 0
        x = (cost - (poor * wb).sum(axis=0)) / np.where(some, rest, 1.0)
        new = ~poor & (r < x)
        moving = new.any(axis=0) & some
        if not moving.any():
            break
        poor |= new
    some = rest > 0
    rho[sub] = x
    err[sub] = REL * cost / np.where(some, rest, 1.0)
    high = (x0 > everyone) & (poor & (r >= x)).any(axis=0)
    settled[sub] = ~moving & some & ~high
    return rho, err, settled


def _exact_tie(prep: Prepared, budgets: np.ndarray, tol: float, projects: list[int]):
    """(exact price, winner) of near-equal candidates when every supporter with money of each
    clearly pays its full share (`_all_pay_in_full`: mostly projects with as many supporters),
    else None. A float budget is 0.0 exactly when the exact one is 0 (a payment within the
    tolerance of a budget gives the row up)."""
    prices = []
    for p in projects:
        bb = budgets[prep.sup[p]]
        price = _all_pay_in_full(prep, p, bb, bb > 0.0, tol)
        if price is None:
            return None
        prices.append((price, p))
    return min(prices)


def _binary_ties(prep, bud, budget_tol, evaluated, near, tie, best, best_err, winner) -> None:
    """`_exact_tie` for all rows in `tie` at once, with cost satisfaction: a project whose
    supporters with money (W voters) all clearly pay their full share costs exactly 1 / W per
    unit of satisfaction, so the most such voters wins, ties going to the lower index. A row
    where some near candidate is not like that gets winner -1 (the caller gives it up)."""
    R = len(tie)
    most = np.zeros(R, dtype=np.int64)  # the largest W so far per row
    chosen = np.full(R, -1, dtype=np.int64)
    ok = tie.copy()
    for e in sorted(range(len(evaluated)), key=lambda e: evaluated[e][0]):  # by index
        p = evaluated[e][0]
        rows = tie & near[:, e]
        if not rows.any():
            continue
        bb = bud.take(prep.sup[p], axis=0)
        has = bb > 0.0
        voters = (prep.w_sup[p] @ has).round().astype(np.int64)
        x = 1.0 / np.maximum(voters, 1)
        s = prep.sat_f[p][:, None]
        clear = np.where(has, bb - s * x > budget_tol + REL * s * x, True).all(axis=0)
        ok &= ~rows | (clear & (voters > 0))
        better = rows & (voters > most)  # strictly: an equal W keeps the lower index
        most[better] = voters[better]
        chosen[better] = p
    done = ok & (chosen >= 0)
    winner[tie] = -1
    winner[done] = chosen[done]
    best[done] = 1.0 / most[done]
    best_err[done] = 0.0


def run_batch(prep: Prepared, voter_budgets: list[Fraction]) -> list[list[int] | None]:
    """Per voter budget: the projects `run_fast` selects, in order, or None (run it alone)."""
    R, P, D = len(voter_budgets), prep.P, prep.D
    bf = np.array([float(Fraction(v)) for v in voter_budgets])
    # budgets as classes x rows: a project's supporters are a contiguous take of whole lines
    bud = np.repeat(bf[None, :], D, axis=0)
    alive = np.ones((R, P), dtype=bool)
    lower = np.repeat(prep.lower_f[None, :], R, axis=0)
    chosen: list[np.ndarray] = []  # per step: each row's winner, or -1
    given_up = np.zeros(R, dtype=bool)
    active = np.ones(R, dtype=bool)
    budget_tol = REL * bf
    cost_l = prep.cost_l
    sup, sat, w_sup, ws_sup, ws_total = prep.sup, prep.sat_f, prep.w_sup, prep.ws_sup, prep.ws_total

    while active.any():
        best = np.full(R, math.inf)
        best_err = np.zeros(R)
        winner = np.full(R, -1, dtype=np.int64)
        evaluated: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []  # (p, rows, rho, err)
        live = alive & active[:, None]
        low = np.where(live, lower, math.inf)
        batch_low = low.min(axis=0)
        for p in np.argsort(batch_low, kind="stable").tolist():
            floor = batch_low[p]
            bound = best + best_err
            if not math.isfinite(floor) or floor * (1 - REL) > float(bound[active].max()):
                break
            # rows where p is alive and could still beat their best
            consider = live[:, p] & (low[:, p] * (1 - REL) <= bound) & ~given_up
            if not consider.any():
                continue
            idx = sup[p]
            bb = bud.take(idx, axis=0)
            s, ww, ws = sat[p], w_sup[p], ws_sup[p]
            cost = cost_l[p]
            available = ww @ bb
            poor = consider & (available < cost * (1 - REL))
            if poor.any():
                alive[poor, p] = False
                live[poor, p] = False
            close = consider & ~poor & (available <= cost * (1 + REL))
            given_up |= close
            keep = consider & ~poor & ~close
            # Clearly dearer than the row's best so far: what the supporters would pay at that
            # price (a sum of positive terms, no cancellation) falls short of the cost. Its
            # price is then above the best's price plus its error bound: no walk needed. A
            # Newton step from there (f is concave) is a lower bound for the next steps.
            sx = s[:, None] * bound
            paid = ww @ np.minimum(bb, sx)
            dearer = keep & (paid < cost * (1 - REL))
            if dearer.any():
                d = np.flatnonzero(dearer)  # (their bound is finite: they are affordable)
                slope = ws @ (bb[:, d] > sx[:, d])
                step = 0.999 * (cost - paid[d]) / np.where(slope > 0, slope, 1.0)
                lower[d, p] = bound[d] + np.where(slope > 0, step, 0.0)
                keep &= ~dearer
            if not keep.any():
                continue
            rows = np.flatnonzero(keep)
            part = bb if len(rows) == R else bb[:, rows]
            rho, err, settled = _walk_rows(part, s, ww, ws, cost, ws_total[p], lower[rows, p])
            given_up[rows[~settled]] = True
            lower[rows, p] = rho
            evaluated.append((p, rows, rho, err))
            better = rho < best[rows]
            best[rows[better]] = rho[better]
            best_err[rows[better]] = err[better]
            winner[rows[better]] = p
        # near candidates: more than one within the error of the best is decided exactly
        near = np.zeros((R, len(evaluated)), dtype=bool)
        for e, (_, rows, rho, err) in enumerate(evaluated):
            near[rows, e] = rho - err <= best[rows] + best_err[rows]
        tie = (near.sum(axis=1) > 1) & ~given_up
        if prep.binary and tie.any():
            _binary_ties(prep, bud, budget_tol, evaluated, near, tie, best, best_err, winner)
            given_up |= tie & (winner < 0)
            tie[:] = False
        for row in np.flatnonzero(tie).tolist():
            tied = [evaluated[e][0] for e in np.flatnonzero(near[row]).tolist()]
            decided = _exact_tie(prep, bud[:, row], budget_tol[row], tied)
            if decided is None:
                given_up[row] = True
            else:
                best[row], best_err[row], winner[row] = float(decided[0]), 0.0, decided[1]
        active &= ~given_up & (winner >= 0)  # (no candidate left: the run has ended)
        step = np.full(R, -1, dtype=np.int64)
        for w in sorted(set(winner[active].tolist())):
            pay = active & (winner == w)
            idx = sup[w]
            bb = bud.take(idx, axis=0)
            s = sat[w]
            gap = bb - s[:, None] * best
            tol = budget_tol + s[:, None] * best_err
            ambiguous = pay & (np.abs(gap) <= tol).any(axis=0)
            if ambiguous.any():
                given_up |= ambiguous
                active &= ~ambiguous
                pay &= ~ambiguous
            bud[idx] = np.where(pay, np.maximum(gap, 0.0), bb)
            alive[pay, w] = False
            step[pay] = w
        chosen.append(step)
    if not chosen:
        return [None if given_up[r] else [] for r in range(R)]
    table = np.array(chosen).T  # rows x steps
    return [None if given_up[r] else table[r][table[r] >= 0].tolist() for r in range(R)]
