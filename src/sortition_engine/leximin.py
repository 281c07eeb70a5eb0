"""LEXIMIN and maximin by column generation (Flanigan, Goelz, Gupta, Hennig, Procaccia, Nature
596, 2021), on types and with HiGHS for both the linear and the integer programs.

Columns are feasible compositions (how many people of each type sit on the panel). People of one
type are interchangeable, so the leximin distribution (unique in its selection probabilities)
gives them equal probabilities, and the programs below work with one dual weight per type.

For a level, the restricted dual LP over the compositions found so far is
    minimise  yhat - sum_{t fixed} (p_t - slack) * Y_t
    s.t.      sum_t c_t / n_t * Y_t <= yhat   for every composition c found
              sum_{t not fixed} Y_t = 1,  Y >= 0,
whose value is the largest probability z that every unfixed person can get while every fixed
type keeps its probability. Pricing asks the MIP for the composition maximising
sum_t c_t / n_t * Y_t; while it beats yhat, it is added and the LP solved again. At the optimum,
every unfixed type with positive dual weight cannot get more than z in any optimal distribution
(complementary slackness): they are fixed at z and the next level starts. Maximin is the first
level alone.
"""

from __future__ import annotations

import highspy
import numpy as np

from .data import Instance
from .solver import INF, CompositionSolver, _quiet, check_feasible

PRICE_TOL = 1e-9  # a composition enters when it beats the LP's yhat by more than this
FIX_TOL = 1e-7  # dual weights above this fix their type
SLACK = 1e-8  # fixed probabilities may fall this much in later levels (numerical room)


class _Columns:
    """The compositions found so far (each once)."""

    def __init__(self, inst: Instance):
        self.inst = inst
        self.list: list[np.ndarray] = []
        self.seen: set[bytes] = set()

    def add(self, c: np.ndarray) -> bool:
        key = c.astype(np.int64).tobytes()
        if key in self.seen:
            return False
        self.seen.add(key)
        self.list.append(c.astype(np.int64))
        return True

    def matrix(self) -> np.ndarray:
        """(compositions, types): the probability each composition gives a person of each type."""
        return np.array(self.list, dtype=np.float64) / self.inst.sizes


def _seed_columns(solver: CompositionSolver, columns: _Columns) -> None:
    """A feasible composition, and for every type one that includes it when any does."""
    inst = solver.inst
    columns.add(check_feasible(solver))
    covered = np.zeros(inst.n_types, dtype=bool)
    for c in columns.list:
        covered |= c > 0
    # Favour the types not yet on any panel until every type that can sit is on one.
    while not covered.all():
        weights = np.where(covered, 0.0, 1.0)
        found = solver.best(weights)
        assert found is not None
        value, c = found
        if value < 0.5:
            break  # the remaining types cannot be on any panel (their probability is 0)
        columns.add(c)
        covered |= c > 0


def _level(
    inst: Instance,
    solver: CompositionSolver,
    columns: _Columns,
    fixed: np.ndarray,
    fixed_p: np.ndarray,
) -> tuple[float, np.ndarray]:
    """One leximin level: (z, dual weight per type)."""
    T = inst.n_types
    unfixed = ~fixed
    h = highspy.Highs()
    _quiet(h, mip=False)
    # Columns: Y_0..Y_{T-1}, yhat.
    costs = np.concatenate([np.where(fixed, -(fixed_p - SLACK), 0.0), [1.0]])
    h.addCols(
        T + 1,
        costs,
        np.concatenate([np.zeros(T), [-INF]]),
        np.full(T + 1, INF),
        0,
        np.zeros(T + 1, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    sel = np.nonzero(unfixed)[0]
    h.addRow(1.0, 1.0, len(sel), sel.astype(np.int32), np.ones(len(sel)))

    def add_row(c: np.ndarray) -> None:
        # sum_t c_t / n_t * Y_t - yhat <= 0
        ts = np.nonzero(c)[0]
        h.addRow(
            -INF,
            0.0,
            len(ts) + 1,
            np.append(ts, T).astype(np.int32),
            np.append(c[ts] / inst.sizes[ts], -1.0),
        )

    for c in columns.list:
        add_row(c)
    while True:
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
        x = np.asarray(h.getSolution().col_value)
        Y, yhat = np.maximum(x[:T], 0.0), x[T]
        weights = Y / inst.sizes
        found = solver.best(weights)
        assert found is not None
        value, c = found
        if value <= yhat + PRICE_TOL or not columns.add(c):
            return float(h.getInfo().objective_function_value), Y
        add_row(c)
        for other in solver.improving:  # the MIP's other improving panels are columns too
            if np.dot(weights, other) > yhat + PRICE_TOL and columns.add(other):
                add_row(other)


def _distribution(
    inst: Instance, columns: _Columns, target: np.ndarray
) -> tuple[list[np.ndarray], np.ndarray]:
    """Weights over the compositions found that give every type at least target - slack
    (maximising the smallest surplus over target: marginals as close as the LP allows)."""
    A = columns.matrix()  # (m, T)
    m, T = A.shape
    h = highspy.Highs()
    _quiet(h, mip=False)
    # Columns: mu_0..mu_{m-1}, s (common surplus); maximise s.
    h.addCols(
        m + 1,
        np.concatenate([np.zeros(m), [-1.0]]),
        np.concatenate([np.zeros(m), [-INF]]),
        np.concatenate([np.full(m, INF), [INF]]),
        0,
        np.zeros(m + 1, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    indices, values, starts = [], [], []
    for t in range(T):
        starts.append(len(indices))
        rs = np.nonzero(A[:, t])[0]
        indices.extend(rs.tolist())
        values.extend(A[rs, t].tolist())
        indices.append(m)
        values.append(-1.0)
    starts.append(len(indices))
    indices.extend(range(m))
    values.extend([1.0] * m)
    lower = np.concatenate([target - 4 * SLACK * (T + 1), [1.0]])
    upper = np.concatenate([np.full(T, INF), [1.0]])
    h.addRows(
        T + 1,
        lower,
        upper,
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=np.float64),
    )
    # The surplus is bounded: no type can exceed its target by more than 1.
    h.changeColBounds(m, -1.0, 1.0)
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
    mu = np.maximum(np.asarray(h.getSolution().col_value)[:m], 0.0)
    keep = mu > 1e-12
    mu = mu[keep] / mu[keep].sum()
    return [c for c, k in zip(columns.list, keep, strict=True) if k], mu


def leximin(inst: Instance, *, maximin_only: bool = False, progress=None):
    """(compositions, weights) of the leximin distribution (or maximin's with maximin_only)."""
    solver = CompositionSolver(inst)
    columns = _Columns(inst)
    _seed_columns(solver, columns)
    T = inst.n_types
    fixed = np.zeros(T, dtype=bool)
    fixed_p = np.zeros(T)
    levels = 0
    while not fixed.all():
        z, Y = _level(inst, solver, columns, fixed, fixed_p)
        levels += 1
        if progress:
            progress(
                f"level {levels}: z={z:.6f}, fixed {int(fixed.sum())}/{T} types, "
                f"{len(columns.list)} compositions, {solver.calls} MIPs"
            )
        if maximin_only:
            fixed_p[:] = z
            fixed[:] = True
            break
        newly = ~fixed & (Y > FIX_TOL)
        if not newly.any():
            newly = ~fixed & (Y[~fixed].max() == Y)
        fixed_p[newly] = z
        fixed |= newly
    target = np.full(T, fixed_p.min()) if maximin_only else fixed_p
    comps, mu = _distribution(inst, columns, target)
    stats = {"levels": levels, "compositions_found": len(columns.list), "mip_calls": solver.calls}
    return comps, mu, stats
