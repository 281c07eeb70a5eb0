"""LEXIMIN through the linear relaxation, certified by a decomposition into panels (ADR 0006).

Every feasible composition c (how many people of each type sit on the panel) lies in the polytope

    P = { x real : sum x = k, every quota min <= (x summed over its types) <= max,
          every household sums to at most 1, 0 <= x_t <= n_t },

so the expected composition of any distribution over panels lies in the integer hull
conv(P and integers), a subset of P. LEXIMIN over P (on the probabilities x_t / n_t, each type
counted n_t times) is a sequence of linear programs with one variable per type: a few
milliseconds even for 400 types. Its optimum x* is, lexicographically, at least as good as what
any distribution over panels can give. So when x* is a convex combination of feasible
compositions, that combination is a LEXIMIN distribution: the answer is exact, and the
combination is its certificate. When it is not (the relaxation is not tight, which the
generated and reference pools never showed), `leximin.leximin` falls back to column generation.
Nash welfare (the product of the probabilities) goes the same way: its optimum over P
(`relaxed_nash`, a few Newton steps) is certified by the same decomposition, else `nash.nash`
falls back to Frank-Wolfe over compositions.

Finding the combination, in two stages:

1. **Rounding steps.** With the rest y of x* (weight W left), find a feasible composition c
   with floor(y_t) <= c_t <= ceil(y_t) and every quota sum of c between the floor and the ceiling
   of y's (an integer program with almost every variable fixed: fast), give it the weight that
   moves y = (W y - lambda c) / (W - lambda) until a coordinate or a quota sum of y becomes whole,
   and repeat. Every step makes one more number whole, so there are at most (types + quotas)
   steps, and once y is whole it is itself a composition. Where no such c exists, quota sums
   may move anywhere within the quotas (the step then stops at a quota's bound).
2. **Column generation** on x* itself, seeded with every composition the steps found: an LP
   that maximises the smallest surplus of the combination over x*, with the pricing MIP of
   `solver.CompositionSolver`. The steps usually leave only a small rest (under 3 % of the
   weight on the measured pools) that their greedy order could not split, and the seeded LP
   closes it in a few solves. A surplus of zero certifies x*.
"""

from __future__ import annotations

import highspy
import numpy as np

from .data import Instance
from .solver import INF, CompositionSolver, Neighbours, _add_rows, _constraint_rows, _quiet

WHOLE = 1e-9  # a coordinate this close to a whole number is taken as whole
SUM_WHOLE = 1e-6  # the same for a quota's sum (many coordinates' rounding errors add up)
CERTIFY = 1e-7  # the decomposition may fall short of x by this many people per type (LP tolerance)
PRICE = 1e-9  # a composition enters the LP when it beats the current combination by this
NEIGHBOURS = 10


def _lp(mip: bool) -> highspy.Highs:
    h = highspy.Highs()
    _quiet(h, mip=mip)
    if not mip:
        # The relaxation's optimum is the answer, not a step of an iteration: hold it tightly.
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
    return h


def relaxed_leximin(inst: Instance) -> tuple[np.ndarray, int]:
    """(probability per type, levels) of LEXIMIN over the polytope P.

    Level by level: maximise z with x_t / n_t >= z for every type not yet fixed; a type whose row
    has a positive dual cannot get more than z in any optimum (complementary slackness) and is
    fixed at z; repeat until every type is fixed."""
    T = inst.n_types
    sizes = inst.sizes.astype(np.float64)
    h = _lp(mip=False)
    # Columns: x_0 .. x_{T-1}, then z.
    h.addCols(
        T + 1,
        np.concatenate([np.zeros(T), [1.0]]),
        np.concatenate([np.zeros(T), [-INF]]),
        np.concatenate([sizes, [INF]]),
        0,
        np.zeros(T + 1, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    _add_rows(h, _constraint_rows(inst))
    first = h.getNumRow()
    # Rows first + t: x_t / n_t - z >= 0.
    starts = np.arange(0, 2 * T, 2, dtype=np.int32)
    indices = np.empty(2 * T, dtype=np.int32)
    indices[0::2] = np.arange(T)
    indices[1::2] = T
    values = np.empty(2 * T)
    values[0::2] = 1.0 / sizes
    values[1::2] = -1.0
    h.addRows(T, np.zeros(T), np.full(T, INF), 2 * T, starts, indices, values)
    fixed = np.zeros(T, dtype=bool)
    p = np.zeros(T)
    levels = 0
    while not fixed.all():
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
        z = min(float(h.getInfo().objective_function_value), 1.0)
        duals = np.abs(np.asarray(h.getSolution().row_dual)[first : first + T])
        newly = ~fixed & (duals > 1e-7)
        if not newly.any():
            newly = ~fixed & (duals == duals[~fixed].max())
        for t in np.nonzero(newly)[0]:
            h.changeCoeff(first + int(t), T, 0.0)
            h.changeRowBounds(first + int(t), max(z - 1e-11, 0.0), INF)
        p[newly] = z
        fixed |= newly
        levels += 1
    return np.clip(p, 0.0, 1.0), levels


def relaxed_nash(inst: Instance, iterations: int = 100) -> tuple[np.ndarray, int]:
    """(probability per type, Newton steps) maximising sum_t n_t log(x_t / n_t) over P.

    Sequential quadratic programming on HiGHS: at x, the concave objective's second-order model
    (gradient n_t / x_t, curvature -n_t / x_t^2, separable) is maximised over P (a convex QP),
    then a backtracking line search along the step. It starts from the relaxed LEXIMIN point,
    where every type that can sit at all has x_t > 0; types that cannot stay at 0. Newton
    converges quadratically: 5-10 steps on the measured pools."""
    T = inst.n_types
    n = inst.sizes.astype(np.float64)
    start, _ = relaxed_leximin(inst)
    can = start > 1e-12
    x = start * n
    h = highspy.Highs()
    _quiet(h, mip=False)
    h.addCols(
        T,
        np.zeros(T),
        np.zeros(T),
        np.where(can, n, 0.0),
        0,
        np.zeros(T, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    _add_rows(h, _constraint_rows(inst))

    def objective(v: np.ndarray) -> float:
        return float(np.sum(n[can] * np.log(v[can])))

    steps = 0
    while steps < iterations:
        steps += 1
        safe = np.where(can, x, 1.0)
        gradient = np.where(can, n / safe, 0.0)
        curvature = np.where(can, n / safe**2, 1.0)
        # HiGHS minimises c.y + y'Qy/2: the model's negative, Q = diag(curvature).
        h.changeColsCost(T, np.arange(T, dtype=np.int32), -gradient - curvature * x)
        hessian = highspy.HighsHessian()
        hessian.dim_ = T
        hessian.format_ = highspy.HessianFormat.kTriangular
        hessian.start_ = np.arange(T + 1, dtype=np.int32)
        hessian.index_ = np.arange(T, dtype=np.int32)
        hessian.value_ = curvature
        h.passHessian(hessian)
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS QP: {h.modelStatusToString(h.getModelStatus())}")
        d = np.asarray(h.getSolution().col_value) - x
        slope = float(gradient @ d)
        if slope <= 1e-12 * n.sum():
            break
        a, now = 1.0, objective(x)
        while a > 1e-12:
            trial = x + a * d
            if np.all(trial[can] > 0) and objective(trial) >= now + 0.3 * a * slope:
                break
            a /= 2
        x = x + a * d
    return np.clip(x / n, 0.0, 1.0), steps


class _Rounder:
    """The rounding steps' integer program: compositions within per-type and per-quota bounds."""

    def __init__(self, inst: Instance):
        T = inst.n_types
        rows = _constraint_rows(inst)
        self.T, self.G = T, len(rows)
        self.A = np.zeros((len(rows), T))
        for g, (_, _, cols) in enumerate(rows):
            self.A[g, cols] = 1.0
        self.lo = np.array([r[0] for r in rows], dtype=np.float64)
        self.hi = np.array([r[1] for r in rows], dtype=np.float64)
        # The pricing MIP's model (types as integers, every panel constraint), objective 0.
        h = CompositionSolver(inst).h
        h.changeColsCost(T, np.arange(T, dtype=np.int32), np.zeros(T))
        self.h = h
        self.calls = 0

    def find(self, low, high, row_low, row_high) -> np.ndarray | None:
        T, G, h = self.T, self.G, self.h
        h.changeColsBounds(T, np.arange(T, dtype=np.int32), low, high)
        h.changeRowsBounds(G, np.arange(G, dtype=np.int32), row_low, row_high)
        h.run()
        self.calls += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        return np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)


def _whole(v: np.ndarray, tol: float) -> np.ndarray:
    r = np.rint(v)
    return np.where(np.abs(v - r) < tol, r, v)


def rounding_steps(inst: Instance, x: np.ndarray) -> tuple[list[np.ndarray], dict]:
    """Compositions whose weighted sum is x, as far as the steps get (see the module text)."""
    rounder = _Rounder(inst)
    A, lo, hi = rounder.A, rounder.lo, rounder.hi
    y, weight = x.astype(np.float64).copy(), 1.0
    found: list[np.ndarray] = []
    relaxed = 0
    for _ in range(4 * (rounder.T + rounder.G) + 10):
        y = _whole(y, WHOLE)
        if np.all(y == np.rint(y)):
            found.append(np.rint(y).astype(np.int64))
            return found, {"steps": rounder.calls, "relaxed": relaxed, "rest": 0.0}
        sums = np.clip(_whole(A @ y, SUM_WHOLE), lo, hi)
        c = rounder.find(
            np.floor(y), np.ceil(y), np.maximum(lo, np.floor(sums)), np.minimum(hi, np.ceil(sums))
        )
        strict = c is not None
        if c is None:
            # Quota sums anywhere within the quotas, except that one at a bound must stay there.
            c = rounder.find(
                np.floor(y),
                np.ceil(y),
                np.where(sums >= hi, hi, lo),
                np.where(sums <= lo, lo, hi),
            )
            relaxed += 1
            if c is None:
                break
        # Move y away from c: y + s (y - c), as far as the next whole coordinate (or quota sum).
        d, d_sums = y - c, sums - A @ c
        step = np.inf
        up, down = d > WHOLE, d < -WHOLE
        if up.any():
            step = min(step, float(np.min((np.floor(y[up]) + 1 - y[up]) / d[up])))
        if down.any():
            step = min(step, float(np.min((y[down] - np.ceil(y[down]) + 1) / -d[down])))
        ceiling = np.floor(sums) + 1 if strict else hi
        floor_ = np.ceil(sums) - 1 if strict else lo
        ceiling, floor_ = np.minimum(ceiling, hi), np.maximum(floor_, lo)
        up, down = d_sums > SUM_WHOLE, d_sums < -SUM_WHOLE
        if up.any():
            step = min(step, float(np.min((ceiling[up] - sums[up]) / d_sums[up])))
        if down.any():
            step = min(step, float(np.min((sums[down] - floor_[down]) / -d_sums[down])))
        if not np.isfinite(step) or step <= 1e-12:
            break
        weight_c = step * weight / (1 + step)
        found.append(c)
        y, weight = y + step * d, weight - weight_c
        if weight < 1e-12:
            break
    return found, {"steps": rounder.calls, "relaxed": relaxed, "rest": weight}


def certify(
    inst: Instance, x: np.ndarray, start: list[np.ndarray], solver: CompositionSolver | None = None
) -> tuple[list[np.ndarray], dict] | None:
    """Compositions whose convex hull holds x (column generation seeded with `start`), or None
    when x lies outside every combination of feasible compositions."""
    T = inst.n_types
    solver = solver or CompositionSolver(inst)
    columns: list[np.ndarray] = []
    seen: set[bytes] = set()
    h = highspy.Highs()
    _quiet(h, mip=False)
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    # Rows: sum_c mu_c c_t - s >= x_t (every type), sum mu = 1. Column 0: the surplus s.
    h.addRows(
        T + 1,
        np.concatenate([x, [1.0]]),
        np.concatenate([np.full(T, INF), [1.0]]),
        0,
        np.zeros(T + 1, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    h.addCol(1.0, -INF, INF, T, np.arange(T, dtype=np.int32), -np.ones(T))

    def add(c: np.ndarray) -> bool:
        key = c.tobytes()
        if key in seen:
            return False
        seen.add(key)
        columns.append(c)
        ts = np.nonzero(c)[0]
        h.addCol(
            0.0,
            0.0,
            INF,
            len(ts) + 1,
            np.append(ts, T).astype(np.int32),
            np.append(c[ts].astype(np.float64), 1.0),
        )
        return True

    for c in start:
        add(c.astype(np.int64))
    if not columns:
        found = solver.best(np.zeros(T))
        if found is None:
            return None
        add(found[1])
    neighbours = Neighbours(inst)
    solves = 0
    while True:
        h.run()
        solves += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
        surplus = float(h.getInfo().objective_function_value)
        if surplus >= -CERTIFY:
            break
        y = np.abs(np.asarray(h.getSolution().row_dual)[:T])
        # Every composition in the combination scores y . x + surplus; a better one helps.
        threshold = float(y @ x) + surplus
        value, c = solver.best(y)
        if value <= threshold + PRICE:
            return None  # no composition helps: x is outside the hull by -surplus people
        added = False
        for candidate in [c, *solver.improving, *neighbours.best(c, y, NEIGHBOURS)]:
            if float(candidate @ y) > threshold + PRICE and add(candidate.astype(np.int64)):
                added = True
        if not added:
            return None
    mu = np.asarray(h.getSolution().col_value)[1:]
    used = [c for c, m in zip(columns, mu, strict=True) if m > 1e-12]
    return used, {"certify_solves": solves, "certify_columns": len(columns)}
