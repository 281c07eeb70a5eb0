"""The integer programs, on HiGHS (highspy): the best composition for given weights, and the
smallest relaxation of quotas that cannot be met.

A composition c gives the number of people of each type on the panel. It is feasible when
sum(c) = k, every quota min <= (people with that value) <= max holds, 0 <= c_t <= size of t,
and every household has at most one member on the panel.
"""

from __future__ import annotations

import highspy
import numpy as np

from .data import Instance
from .errors import InfeasibleQuotas

INF = highspy.kHighsInf


def _quiet(h: highspy.Highs, *, mip: bool) -> None:
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("random_seed", 0)
    if mip:
        # Pricing must be exact: the default relative gap (1e-4) would stop column generation early.
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-12)
        h.setOptionValue("mip_feasibility_tolerance", 1e-9)
        h.setOptionValue("mip_improving_solution_save", True)
        h.setOptionValue("presolve", "off")  # measured: 45 ms instead of 72 ms a solve (2,000-pool)
    else:
        # Column generation re-solves after adding a row or column: start from the last basis.
        h.setOptionValue("presolve", "off")


def _constraint_rows(inst: Instance, first_col: int = 0):
    """(lower, upper, [columns]) of every constraint of a composition, columns = types."""
    rows: list[tuple[float, float, list[int]]] = [
        (inst.k, inst.k, list(range(first_col, first_col + inst.n_types)))
    ]
    for f, feature in enumerate(inst.pool.features):
        column = inst.type_profile[:, f]
        for v in range(len(feature.values)):
            types = (np.nonzero(column == v)[0] + first_col).tolist()
            rows.append((feature.mins[v], feature.maxs[v], types))
    for group in inst.type_households:
        rows.append((0, 1, [t + first_col for t in group]))
    return rows


def _add_rows(h: highspy.Highs, rows) -> None:
    starts, indices = [], []
    for _, _, cols in rows:
        starts.append(len(indices))
        indices.extend(cols)
    h.addRows(
        len(rows),
        np.array([r[0] for r in rows], dtype=np.float64),
        np.array([r[1] for r in rows], dtype=np.float64),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.ones(len(indices), dtype=np.float64),
    )


class CompositionSolver:
    """One HiGHS MIP per instance; `best(weights)` changes only the objective and re-solves."""

    def __init__(self, inst: Instance):
        self.inst = inst
        T = inst.n_types
        h = highspy.Highs()
        _quiet(h, mip=True)
        h.addCols(
            T,
            np.zeros(T),
            np.zeros(T),
            inst.sizes.astype(np.float64),
            0,
            np.zeros(T, dtype=np.int32),
            np.zeros(0, dtype=np.int32),
            np.zeros(0),
        )
        h.changeColsIntegrality(
            T,
            np.arange(T, dtype=np.int32),
            np.array([highspy.HighsVarType.kInteger] * T),
        )
        _add_rows(h, _constraint_rows(inst))
        h.changeObjectiveSense(highspy.ObjSense.kMaximize)
        self.h = h
        self.calls = 0
        self.improving: list[np.ndarray] = []

    def best(self, weights: np.ndarray) -> tuple[float, np.ndarray] | None:
        """The feasible composition maximising sum(weights * c), or None when there is none.

        `self.improving` then holds the other compositions the search passed on its way
        (HiGHS's improving solutions), for callers that can use more than one column."""
        T = self.inst.n_types
        self.h.changeColsCost(
            T, np.arange(T, dtype=np.int32), np.asarray(weights, dtype=np.float64)
        )
        self.h.run()
        self.calls += 1
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS stopped: {self.h.modelStatusToString(status)}")
        c = np.rint(np.asarray(self.h.getSolution().col_value)).astype(np.int64)
        self.improving = [
            np.rint(np.asarray(s.col_value)).astype(np.int64) for s in self.h.getSavedMipSolutions()
        ]
        return float(np.dot(weights, c)), c


def smallest_relaxation(inst: Instance) -> InfeasibleQuotas:
    """The quota changes of least total size that make a panel possible (MIP on HiGHS)."""
    T = inst.n_types
    quota_rows = [
        (f, v) for f, feature in enumerate(inst.pool.features) for v in range(len(feature.values))
    ]
    Q = len(quota_rows)
    h = highspy.Highs()
    _quiet(h, mip=True)
    # Columns: c (types), then per quota: down (lowers min), up (raises max).
    n_cols = T + 2 * Q
    costs = np.concatenate([np.zeros(T), np.ones(2 * Q)])
    upper = [*inst.sizes.astype(np.float64)]
    for f, v in quota_rows:  # a min cannot go below 0; a max needs to go no higher than k
        upper += [float(inst.pool.features[f].mins[v]), float(inst.k)]
    upper = np.array(upper)
    h.addCols(
        n_cols,
        costs,
        np.zeros(n_cols),
        upper,
        0,
        np.zeros(n_cols, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    h.changeColsIntegrality(
        n_cols,
        np.arange(n_cols, dtype=np.int32),
        np.array([highspy.HighsVarType.kInteger] * n_cols),
    )
    starts, indices, values, lower, upper_rows = [], [], [], [], []

    def row(lo, hi, cols, vals):
        starts.append(len(indices))
        indices.extend(cols)
        values.extend(vals)
        lower.append(lo)
        upper_rows.append(hi)

    row(inst.k, inst.k, list(range(T)), [1.0] * T)
    for q, (f, v) in enumerate(quota_rows):
        feature = inst.pool.features[f]
        types = np.nonzero(inst.type_profile[:, f] == v)[0].tolist()
        # min - down <= sum <= max + up
        row(feature.mins[v], INF, [*types, T + 2 * q], [1.0] * len(types) + [1.0])
        row(-INF, feature.maxs[v], [*types, T + 2 * q + 1], [1.0] * len(types) + [-1.0])
    for group in inst.type_households:
        row(0, 1, group, [1.0] * len(group))
    h.addRows(
        len(lower),
        np.array(lower, dtype=np.float64),
        np.array(upper_rows, dtype=np.float64),
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=np.float64),
    )
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return InfeasibleQuotas([], None)
    x = np.rint(np.asarray(h.getSolution().col_value)).astype(np.int64)
    moves = []
    for q, (f, v) in enumerate(quota_rows):
        down, up = int(x[T + 2 * q]), int(x[T + 2 * q + 1])
        if down or up:
            feature = inst.pool.features[f]
            moves.append(
                {
                    "feature": feature.name,
                    "value": feature.values[v],
                    "min": feature.mins[v],
                    "max": feature.maxs[v],
                    "new_min": feature.mins[v] - down,
                    "new_max": feature.maxs[v] + up,
                }
            )
    return InfeasibleQuotas(moves, int(x[T:].sum()))


def check_feasible(solver: CompositionSolver) -> np.ndarray:
    """A feasible composition, or raise InfeasibleQuotas with the smallest relaxation."""
    found = solver.best(np.zeros(solver.inst.n_types))
    if found is None:
        raise smallest_relaxation(solver.inst)
    return found[1]


class Neighbours:
    """Feasible compositions one swap away (one person of type a out, one of type b in): cheap
    extra columns around the MIP's answer, so one MIP call can add many columns."""

    def __init__(self, inst: Instance):
        self.inst = inst
        features = inst.pool.features
        self.offsets = np.cumsum([0] + [len(f.values) for f in features])
        self.cat = inst.type_profile + self.offsets[:-1]  # (types, F): global category index
        self.mins = np.concatenate([f.mins for f in features]).astype(np.int64)
        self.maxs = np.concatenate([f.maxs for f in features]).astype(np.int64)
        self.household_of = np.full(inst.n_types, -1, dtype=np.int64)
        for g, group in enumerate(inst.type_households):
            self.household_of[group] = g

    def best(self, c: np.ndarray, weights: np.ndarray, count: int) -> list[np.ndarray]:
        inst = self.inst
        counts = np.bincount(
            self.cat.ravel(), weights=np.repeat(c, self.cat.shape[1]), minlength=len(self.mins)
        ).astype(np.int64)
        out_types = np.nonzero(c > 0)[0]
        in_types = np.nonzero(c < inst.sizes)[0]
        if len(out_types) == 0 or len(in_types) == 0:
            return []
        cat_out, cat_in = self.cat[out_types], self.cat[in_types]  # (A, F), (B, F)
        can_lose = counts[cat_out] > self.mins[cat_out]  # (A, F)
        can_gain = counts[cat_in] < self.maxs[cat_in]  # (B, F)
        same = cat_out[:, None, :] == cat_in[None, :, :]  # (A, B, F)
        ok = np.all(same | (can_lose[:, None, :] & can_gain[None, :, :]), axis=2)
        ok &= out_types[:, None] != in_types[None, :]
        if len(inst.type_households):
            on = np.zeros(len(inst.type_households), dtype=np.int64)
            members = self.household_of[c > 0]
            np.add.at(on, members[members >= 0], 1)
            g_in = self.household_of[in_types]
            g_out = self.household_of[out_types]
            # b may join when its household has nobody on the panel, or only the one leaving (a).
            busy = (g_in >= 0) & (on[np.maximum(g_in, 0)] > 0)
            ok &= ~busy[None, :] | (
                (g_out[:, None] == g_in[None, :]) & (on[np.maximum(g_in, 0)] == 1)
            )
        gain = weights[in_types][None, :] - weights[out_types][:, None]
        gain = np.where(ok, gain, -np.inf)
        flat = np.argsort(gain, axis=None)[::-1][:count]
        result = []
        for index in flat:
            a, b = np.unravel_index(index, gain.shape)
            if not np.isfinite(gain[a, b]):
                break
            new = c.copy()
            new[out_types[a]] -= 1
            new[in_types[b]] += 1
            result.append(new)
        return result
