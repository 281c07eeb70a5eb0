"""Nash welfare: the distribution over panels maximising sum_i log(p_i), the product of the
selection probabilities (Flanigan et al.'s 'Nash'), on types: through the relaxation first (see
`relaxation`), else by fully corrective Frank-Wolfe as follows.

With types, the objective is F(mu) = sum_t n_t log(p_t), p_t = sum_c mu_c c_t / n_t, concave on
the simplex of distributions over compositions. Its gradient at composition c is
sum_t c_t / p_t, so the Frank-Wolfe vertex is the HiGHS MIP with weights 1 / p_t, and the
Frank-Wolfe gap max_c grad_c - N (N = pool size, the gradient's mean under mu) bounds F* - F.
Between MIP calls the distribution is optimised over the compositions found so far by pairwise
Frank-Wolfe steps (mass moves from the worst to the best composition, exact line search), which
converges linearly on a fixed set of vertices. No convex-programming package is needed: the
objective is separable and smooth where it matters (every p_t > 0 from the maximin start).
"""

from __future__ import annotations

import numpy as np

from . import relaxation
from .data import Instance
from .leximin import certified_distribution, leximin
from .solver import CompositionSolver, Neighbours

GAP_TOL = 1e-7  # relative to N: F* - F <= GAP_TOL * N at the end
INNER_ITERATIONS = 300
NEIGHBOURS = 10


def _line_search(p: np.ndarray, n: np.ndarray, d: np.ndarray, upper: float) -> float:
    """argmax over g in [0, upper] of sum n_t log(p_t + g d_t) (concave): bisection on the slope."""

    def slope(g: float) -> float:
        q = p + g * d
        if np.any(q <= 0):
            return -np.inf
        return float(np.sum(n * d / q))

    if slope(upper) >= 0:
        return upper
    lo, hi = 0.0, upper
    for _ in range(45):
        mid = (lo + hi) / 2
        if slope(mid) > 0:
            lo = mid
        else:
            hi = mid
    return lo


def nash(inst: Instance, *, progress=None, method: str = "auto"):
    """(compositions, weights, stats) of the Nash distribution. First through the relaxation
    (`relaxation.relaxed_nash`, certified by decomposition); where that is not tight, and with
    method="frank-wolfe", by Frank-Wolfe over compositions as below."""
    if method not in ("auto", "frank-wolfe"):
        raise ValueError(f"unknown method {method!r} (one of auto, frank-wolfe)")
    if method == "auto":
        p, newton = relaxation.relaxed_nash(inst)
        comps, mu, stats = certified_distribution(inst, CompositionSolver(inst), p, progress)
        if stats is not None:
            return comps, mu, {**stats, "newton_steps": newton}
    start, mu0, _ = leximin(inst, maximin_only=True)
    n = inst.sizes.astype(np.float64)
    N = float(n.sum())
    solver = CompositionSolver(inst)
    neighbours = Neighbours(inst)
    comps = [c.astype(np.float64) for c in start]
    mu = list(mu0)
    seen = {c.astype(np.int64).tobytes() for c in start}
    C = np.array(comps)  # (m, T) counts
    w = np.array(mu)
    p = (C / n).T @ w
    positive = p > 1e-12  # types no panel can include stay at 0 and out of the objective
    outer = 0
    while True:
        outer += 1
        # Optimise over the compositions found (pairwise Frank-Wolfe).
        for _ in range(INNER_ITERATIONS):
            grad = C[:, positive] @ (1.0 / p[positive])
            active = np.nonzero(w > 0)[0]
            best = int(np.argmax(grad))
            worst = int(active[np.argmin(grad[active])])
            if grad[best] - grad[worst] <= GAP_TOL * N / 10:
                break
            d = (C[best] - C[worst]) / n
            g = _line_search(p[positive], n[positive], d[positive], float(w[worst]))
            w[best] += g
            w[worst] -= g
            if w[worst] < 1e-15:
                w[worst] = 0.0
            p = (C / n).T @ w  # recomputed, not updated: no drift towards 0
        weights = np.where(positive, 1.0 / np.where(positive, p, 1.0), 0.0)
        found = solver.best(weights)
        assert found is not None
        value, c = found
        gap = value - float(C[:, positive].T.dot(w) @ (1.0 / p[positive]))
        if progress:
            progress(f"round {outer}: gap {gap:.3e}, {len(C)} compositions")
        key = c.astype(np.int64).tobytes()
        if gap <= GAP_TOL * N or key in seen:
            break
        # The MIP's answer, its other improving solutions and its best swap neighbours all enter.
        current = float(C[:, positive].T.dot(w) @ (1.0 / p[positive]))
        new = []
        for candidate in [c, *solver.improving, *neighbours.best(c, weights, NEIGHBOURS)]:
            k = candidate.astype(np.int64).tobytes()
            if k not in seen and float(candidate @ weights) > current + 1e-12:
                seen.add(k)
                new.append(candidate.astype(np.float64))
        C = np.vstack([C, *new])
        w = np.append(w, np.zeros(len(new)))
    keep = w > 1e-12
    comps_out = [C[i].astype(np.int64) for i in np.nonzero(keep)[0]]
    mu_out = w[keep] / w[keep].sum()
    return (
        comps_out,
        mu_out,
        {
            "method": "frank-wolfe",
            "rounds": outer,
            "compositions_found": len(C),
            "mip_calls": solver.calls,
        },
    )
