"""A run of MES for one voter budget in one compiled loop (Numba): the rounds of the iterated
variants.

A run is `_mes_fast.run_fast` in floats, in one compiled loop (`_run`), that takes only clear
decisions, with the same float rules as `run_fast`: a project whose supporters hold about its
cost, two candidates whose prices are about equal (unless the exact tie is clear, below), a
supporter whose budget is about its share, or a price the Newton walk does not settle, all give
the run up (`None`), and the caller runs it with `run_fast`, which takes such decisions exactly.
A clear float decision is the exact one (the float errors are far below the margin `REL`), so a
run that is not given up selects what `run_fast` selects, in the same order.

Near-equal prices are mostly exact ties of projects whose supporters with money all clearly pay
their full share (`_mes_fast._all_pay_in_full`). With cost satisfaction such a project costs
exactly 1 / W per unit of satisfaction, W its supporters with money, so the loop decides that
tie itself (most W wins, then the lower index); with other satisfactions the loop stops at the
tie, `_all_pay_in_full` prices it exactly here, and the loop goes on from there.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from numba import njit

from pbengine._mes_fast import _NEWTON, REL, _all_pay_in_full
from pbengine._mes_prep import Prepared

#: what `_run` returns: the run ended, it was given up, or it stopped at a tie (see there)
_ENDED, _GIVEN_UP, _TIE = 0, 1, 2


@njit(cache=True)
def _walk(ptr, nz_d, nz_s, nz_w, bud, q, cost, total, start, poor):
    """`_mes_fast._walk` from `start` (a lower bound of the price, if above cost / total
    satisfaction): (price, error bound, settled). Newton's method from the left on f(x) =
    sum_i w_i min(b_i, x s_i); not settled after `_NEWTON` passes, where every supporter would
    run out, or where `start` turns out too high (a voter counted as unable to pay is able):
    the caller gives the run up. `poor`: room for a flag per supporter."""
    lo = ptr[q]
    n = ptr[q + 1] - lo
    everyone = cost / total
    low = np.inf
    for i in range(n):
        r = bud[nz_d[lo + i]] / nz_s[lo + i]
        if r < low:
            low = r
    if low >= everyone:  # every supporter pays its full share
        return everyone, REL * everyone, True
    x0 = max(start, everyone)
    for i in range(n):
        poor[i] = bud[nz_d[lo + i]] / nz_s[lo + i] < x0
    x = x0
    rest = total
    for _ in range(_NEWTON):
        rest = 0.0
        paid = 0.0
        for i in range(n):
            if poor[i]:
                paid += nz_w[lo + i] * bud[nz_d[lo + i]]
            else:
                rest += nz_w[lo + i] * nz_s[lo + i]
        if not rest > 0:
            return x, 0.0, False
        x = (cost - paid) / rest
        moving = False
        for i in range(n):
            if not poor[i] and bud[nz_d[lo + i]] / nz_s[lo + i] < x:
                poor[i] = True
                moving = True
        if not moving:
            if x0 > everyone:
                for i in range(n):
                    if poor[i] and bud[nz_d[lo + i]] / nz_s[lo + i] >= x:
                        return x, 0.0, False  # started too high
            return x, REL * cost / rest, True
    return x, 0.0, False


@njit(cache=True)
def _binary_tie(ptr, nz_d, nz_s, nz_w, bud, budget_tol, near, n_near):
    """With cost satisfaction, the exact winner of the near candidates (`near[:n_near]`, by
    index) and its price 1 / W, if every one's supporters with money (W voters) all clearly pay
    their full share; else (-1, 0)."""
    most = 0.0
    chosen = -1
    for e in range(n_near):
        q = near[e]
        voters = 0.0  # (a sum of whole weights: exact)
        for k in range(ptr[q], ptr[q + 1]):
            if bud[nz_d[k]] > 0.0:
                voters += nz_w[k]
        if voters == 0.0:
            return -1, 0.0
        x = 1.0 / voters
        for k in range(ptr[q], ptr[q + 1]):
            b = bud[nz_d[k]]
            s = nz_s[k]
            if b > 0.0 and not b - s * x > budget_tol + REL * s * x:
                return -1, 0.0
        if voters > most:  # strictly: an equal W keeps the lower index
            most = voters
            chosen = q
    return chosen, 1.0 / most


@njit(cache=True)
def _pay(ptr, nz_d, nz_s, bud, budget_tol, q, rho, err):
    """q's supporters pay min(budget, rho s); False (nothing paid) if one's budget is about its
    share."""
    for k in range(ptr[q], ptr[q + 1]):
        s = nz_s[k]
        if abs(bud[nz_d[k]] - s * rho) <= budget_tol + s * err:
            return False
    for k in range(ptr[q], ptr[q + 1]):
        d = nz_d[k]
        bud[d] = max(bud[d] - nz_s[k] * rho, 0.0)
    return True


@njit(cache=True)
def _run(ptr, nz_d, nz_s, nz_w, cost, total, binary, bf, bud, alive, lower, steps, n_steps, near):
    """The run from its state (budgets `bud`, `alive` projects, price bounds `lower`, the first
    `n_steps` winners in `steps`) on: (_ENDED or _GIVEN_UP, steps) or (_TIE, steps, with the near
    candidates in `near`, how many in the third value) for the caller to decide and pay."""
    P = cost.shape[0]
    budget_tol = REL * bf
    poor = np.empty(nz_d.shape[0], np.bool_)
    rho_of = np.empty(P)
    err_of = np.empty(P)
    seen = np.empty(P, np.int64)
    while True:
        best = np.inf
        best_err = 0.0
        winner = -1
        n_seen = 0
        live = np.flatnonzero(alive)
        for p in live[np.argsort(lower[live], kind="mergesort")]:
            bound = best + best_err
            if lower[p] * (1 - REL) > bound:
                break
            c = cost[p]
            available = 0.0
            for k in range(ptr[p], ptr[p + 1]):
                available += nz_w[k] * bud[nz_d[k]]
            if available < c * (1 - REL):
                alive[p] = False
                continue
            if available <= c * (1 + REL):
                return _GIVEN_UP, n_steps, 0
            if bound < np.inf:
                # Clearly dearer than the best so far: what the supporters would pay at that
                # price (a sum of positive terms, no cancellation) falls short of the cost, so
                # its price is above the best's plus its error bound: no walk. A Newton step
                # from there (f is concave) is a lower bound for the next steps.
                paid = 0.0
                slope = 0.0
                for k in range(ptr[p], ptr[p + 1]):
                    b = bud[nz_d[k]]
                    sx = nz_s[k] * bound
                    if b > sx:
                        paid += nz_w[k] * sx
                        slope += nz_w[k] * nz_s[k]
                    else:
                        paid += nz_w[k] * b
                if paid < c * (1 - REL):
                    lower[p] = bound + (0.999 * (c - paid) / slope if slope > 0 else 0.0)
                    continue
            rho, err, settled = _walk(ptr, nz_d, nz_s, nz_w, bud, p, c, total[p], lower[p], poor)
            if not settled:
                return _GIVEN_UP, n_steps, 0
            lower[p] = rho
            seen[n_seen] = p
            rho_of[p] = rho
            err_of[p] = err
            n_seen += 1
            if rho < best:
                best = rho
                best_err = err
                winner = p
        if winner < 0:
            return _ENDED, n_steps, 0
        # more than one candidate within the error of the best: decided exactly
        n_near = 0
        for e in range(n_seen):
            p = seen[e]
            if rho_of[p] - err_of[p] <= best + best_err:
                near[n_near] = p
                n_near += 1
        if n_near > 1:
            near[:n_near].sort()
            if not binary:
                return _TIE, n_steps, n_near
            winner, best = _binary_tie(ptr, nz_d, nz_s, nz_w, bud, budget_tol, near, n_near)
            best_err = 0.0
            if winner < 0:
                return _GIVEN_UP, n_steps, 0
        if not _pay(ptr, nz_d, nz_s, bud, budget_tol, winner, best, best_err):
            return _GIVEN_UP, n_steps, 0
        alive[winner] = False
        steps[n_steps] = winner
        n_steps += 1


def _exact_tie(prep: Prepared, bud: np.ndarray, tol: float, projects: list[int]):
    """(exact price, winner) of near-equal candidates when every supporter with money of each
    clearly pays its full share (`_all_pay_in_full`: mostly projects with as many supporters),
    else None. A float budget is 0.0 exactly when the exact one is 0 (a payment within the
    tolerance of a budget gives the run up)."""
    prices = []
    for p in projects:
        bb = bud[prep.sup[p]]
        price = _all_pay_in_full(prep, p, bb, bb > 0.0, tol)
        if price is None:
            return None
        prices.append((price, p))
    return min(prices)


def run_one(prep: Prepared, voter_budget: Fraction) -> list[int] | None:
    """The projects `run_fast` selects from `voter_budget`, in order, or None (run it alone)."""
    args = (prep.ptr, prep.nz_d, prep.nz_s, prep.nz_w, prep.cost_f, prep.ws_total_f, prep.binary)
    bf = float(Fraction(voter_budget))
    bud = np.full(prep.D, bf)
    alive = np.ones(prep.P, dtype=bool)
    lower = prep.lower_f.copy()
    steps = np.empty(prep.P, dtype=np.int64)
    near = np.empty(prep.P, dtype=np.int64)
    n_steps = 0
    while True:
        status, n_steps, n_near = _run(*args, bf, bud, alive, lower, steps, n_steps, near)
        if status == _ENDED:
            return steps[:n_steps].tolist()
        if status == _GIVEN_UP:
            return None
        decided = _exact_tie(prep, bud, REL * bf, near[:n_near].tolist())
        if decided is None:
            return None
        price, winner = decided
        if not _pay(prep.ptr, prep.nz_d, prep.nz_s, bud, REL * bf, winner, float(price), 0.0):
            return None
        alive[winner] = False
        steps[n_steps] = winner
        n_steps += 1


def warm_up() -> None:
    """Load the compiled loop (or compile it, the first time after an install)."""
    from pbengine.model import APPROVAL, Ballot, Election, Project

    projects = {p: Project(p, Fraction(cost)) for p, cost in (("a", 6), ("b", 4))}
    election = Election(Fraction(9), APPROVAL, projects, [Ballot(("a", "b")), Ballot(("b",))])
    prep = Prepared(election)
    run_one(prep, Fraction(5))
    _pay(prep.ptr, prep.nz_d, prep.nz_s, np.zeros(prep.D), 0.0, 0, 0.0, 0.0)  # (a tie's payment)
