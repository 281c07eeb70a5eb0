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

In practice HiGHS solves the restricted *primal* (new compositions enter as columns, primal
simplex from the last basis) and reads Y from its row duals. Two measures cut the MIP calls:
pricing at a smoothed dual point (Wentges), whose MIP value also bounds the level from above so
it ends when the bounds meet; and the swap neighbours of every MIP answer as extra columns
(`solver.Neighbours`). The master LP is one HiGHS model for all levels (fixing a type changes
its row), so every solve is warm. Measured on a 300-pool: 35 s -> 10 s.
"""

from __future__ import annotations

import time
from collections import Counter

import highspy
import numpy as np

from . import relaxation
from .data import Instance
from .solver import INF, CompositionSolver, Neighbours, _quiet, check_feasible

PRICE_TOL = 1e-9  # a composition enters when it beats the LP's yhat by more than this
FIX_TOL = 1e-6  # dual weights above this fix their type
GAP_TOL = 1e-10  # a level ends when its upper and lower bounds are this close
NEIGHBOURS = 10  # swap neighbours of each MIP answer tried as extra columns
SIMPLEX = 4  # HiGHS primal simplex (measured: the dual re-solves 3x slower here)
SMOOTHING = 0.7  # weight of the stability centre in the priced dual point
SLACK = 1e-8  # fixed probabilities may fall this much in later levels (numerical room)
TIMES: Counter = Counter()  # seconds in the LP and the MIP, LP solves (for the benchmarks)


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


class _Master:
    """The restricted primal, kept across levels so every solve starts from the last basis:
    maximise z over weights mu_c of the compositions found, with sum_c c_t / n_t mu_c >= z
    (unfixed types), >= p_t - slack (fixed types), sum mu = 1. New compositions enter as
    columns; fixing a type drops z from its row and sets its lower bound. The rows' duals are
    the Y of the dual program above."""

    def __init__(self, inst: Instance, columns: _Columns):
        self.inst = inst
        T = inst.n_types
        h = highspy.Highs()
        _quiet(h, mip=False)
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        h.setOptionValue("simplex_strategy", SIMPLEX)
        h.addRows(
            T + 1,
            np.concatenate([np.zeros(T), [1.0]]),
            np.concatenate([np.full(T, INF), [1.0]]),
            0,
            np.zeros(T + 1, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        rows = np.arange(T, dtype=np.int32)
        h.addCol(1.0, -INF, INF, T, rows, -np.ones(T))  # column 0: z
        self.h = h
        for c in columns.list:
            self.add(c)

    def add(self, c: np.ndarray) -> None:
        T = self.inst.n_types
        ts = np.nonzero(c)[0]
        self.h.addCol(
            0.0,
            0.0,
            INF,
            len(ts) + 1,
            np.append(ts, T).astype(np.int32),
            np.append(c[ts] / self.inst.sizes[ts], 1.0),
        )

    def fix(self, types: np.ndarray, p: float) -> None:
        for t in types:
            self.h.changeCoeff(int(t), 0, 0.0)
            self.h.changeRowBounds(int(t), p - SLACK, INF)


def _level(
    inst: Instance,
    solver: CompositionSolver,
    master: _Master,
    columns: _Columns,
    fixed: np.ndarray,
    fixed_p: np.ndarray,
) -> tuple[float, np.ndarray]:
    """One leximin level: (z, dual weight per type)."""
    T = inst.n_types
    unfixed = ~fixed
    h = master.h
    add_row = master.add
    # Stabilised pricing (Wentges smoothing): price at a point between the LP's dual weights and
    # the best weights seen so far (the stability centre), which damps the oscillation of the
    # duals; every priced point also gives an upper bound on the level (its MIP value minus the
    # fixed types' share), so the level ends when that bound meets the LP's value.
    fixed_cost = np.where(fixed, fixed_p - SLACK, 0.0)
    neighbours = Neighbours(inst)
    best_upper, centre = np.inf, None
    while True:
        started = time.perf_counter()
        h.run()
        TIMES["lp"] += time.perf_counter() - started
        TIMES["simplex_iterations"] += h.getInfo().simplex_iteration_count
        TIMES["iterations"] += 1
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            # A warm start can end in a wrong verdict on a nearly degenerate basis: solve afresh.
            TIMES["fresh"] += 1
            h.clearSolver()
            h.setOptionValue("simplex_strategy", 1)
            h.run()
            h.setOptionValue("simplex_strategy", SIMPLEX)
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
        lower = float(h.getInfo().objective_function_value)
        duals = np.asarray(h.getSolution().row_dual)[:T]
        if duals[unfixed].sum() < 0:  # HiGHS's sign convention for a maximisation
            duals = -duals
        Y = np.maximum(duals, 0.0)
        yhat = lower + float(fixed_cost @ Y)
        if centre is None:
            centre = Y
        alpha = SMOOTHING
        while True:
            point = alpha * centre + (1 - alpha) * Y
            started = time.perf_counter()
            found = solver.best(point / inst.sizes)
            TIMES["mip"] += time.perf_counter() - started
            assert found is not None
            value, c = found
            upper = value - float(fixed_cost @ point)
            if upper < best_upper:
                best_upper, centre = upper, point
            if best_upper - lower <= GAP_TOL:
                return lower, Y
            added = False
            lp_weights = Y / inst.sizes
            extra = neighbours.best(c, lp_weights, NEIGHBOURS)
            for candidate in [c, *solver.improving, *extra]:
                violation = float(candidate @ lp_weights) - yhat
                if violation > PRICE_TOL and columns.add(candidate):
                    add_row(candidate)
                    added = True
            if added:
                break
            if alpha == 0.0:
                return lower, Y  # nothing beats the LP at its own duals: the level is optimal
            alpha = 0.0  # mispricing at the smoothed point: price at the LP's duals


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


def certified_distribution(inst: Instance, solver: CompositionSolver, p: np.ndarray, progress=None):
    """A distribution over compositions whose marginals are the relaxation's optimum p (per
    type), certified by decomposition (`relaxation`): (compositions, weights, stats), or
    (compositions found, None, None) when p lies outside the integer hull."""
    x = p * inst.sizes
    steps, step_stats = relaxation.rounding_steps(inst, x)
    if progress:
        progress(
            f"relaxation: minimum {p.min():.6f}; {len(steps)} panels from "
            f"{step_stats['steps']} rounding steps, {step_stats['rest']:.4f} of the weight left"
        )
    certified = relaxation.certify(inst, x, steps, solver)
    if certified is None:
        return steps, None, None
    found, certify_stats = certified
    TIMES["iterations"] += certify_stats["certify_solves"]  # LP solves, as below
    columns = _Columns(inst)
    for c in found:
        columns.add(c)
    comps, mu = _distribution(inst, columns, p)
    marginals = (np.array(comps, dtype=np.float64) / inst.sizes).T @ mu
    if np.max(p - marginals) > 1e-6:  # a numerical failure of the certificate: do not trust it
        return found, None, None
    stats = {
        "method": "relaxation",
        "compositions_found": len(columns.list),
        "mip_calls": solver.calls + step_stats["steps"],
        **certify_stats,
    }
    return comps, mu, stats


METHODS = ("auto", "column generation")


def leximin(inst: Instance, *, maximin_only: bool = False, progress=None, method: str = "auto"):
    """(compositions, weights) of the leximin distribution (or maximin's with maximin_only).

    LEXIMIN first tries the relaxation (module `relaxation`: exact when it certifies, which is
    the rule on real pools); when that fails, and for maximin, column generation below.
    `method="column generation"` skips the relaxation (for comparisons and benchmarks)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r} (one of {', '.join(METHODS)})")
    solver = CompositionSolver(inst)
    columns = _Columns(inst)
    if not maximin_only and method == "auto":
        check_feasible(solver)
        p, levels = relaxation.relaxed_leximin(inst)
        comps, mu, stats = certified_distribution(inst, solver, p, progress)
        if stats is not None:
            return comps, mu, {**stats, "levels": levels}
        for c in comps:  # the relaxation's compositions are good columns to start from
            columns.add(c)
    _seed_columns(solver, columns)
    T = inst.n_types
    fixed = np.zeros(T, dtype=bool)
    fixed_p = np.zeros(T)
    levels = 0
    master = _Master(inst, columns)
    while not fixed.all():
        z, Y = _level(inst, solver, master, columns, fixed, fixed_p)
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
        fixed_p[newly] = min(z, 1.0)  # a probability; rounding above 1 would make the LP infeasible
        master.fix(np.nonzero(newly)[0], fixed_p[newly][0])
        fixed |= newly
    target = np.full(T, fixed_p.min()) if maximin_only else fixed_p
    comps, mu = _distribution(inst, columns, target)
    stats = {
        "method": "column generation",
        "levels": levels,
        "compositions_found": len(columns.list),
        "mip_calls": solver.calls,
    }
    return comps, mu, stats
