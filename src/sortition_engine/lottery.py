"""From a distribution over compositions to a lottery over panels of people, and the seeded draw.

People of one type are interchangeable, so any panels that fill composition c with some c_t
people of each type t, weighted so that each person's chance equals the type's, realise the same
distribution. `decompose` finds such panels by column generation on a HiGHS LP:
    minimise  sum |marginal_i - p_i|
    over      lambda_P >= 0, with sum_{P fills c} lambda_P = mu_c for every composition c,
and prices, for each composition, the panel taking in every type the c_t people of largest dual
weight. The LP's optimum is 0 (filling every composition uniformly at random attains it), so at
the end the lottery's marginals are the probabilities, to LP precision; a basic solution has at
most (people + compositions) panels.

The draw: the lottery's panels are put in a canonical order (sorted ids), and a number u in
[0, 1) is derived from SHA-256 of the seed; the panel whose cumulative probability interval holds
u is drawn. Publishing sha256(seed) before and the seed after lets anyone re-run the draw.
"""

from __future__ import annotations

import hashlib
from fractions import Fraction

import highspy
import numpy as np

from .data import Instance
from .solver import INF, _quiet

DECOMPOSE_TOL = 1e-10
WINDOW_PANELS = 4000  # initial window panels over all compositions together


def _window_panel(inst: Instance, c: np.ndarray, offsets: np.ndarray) -> tuple[int, ...]:
    """The next c_t people of each type after its offset (cyclically); advances the offsets."""
    people: list[int] = []
    for t in np.nonzero(c)[0]:
        members = inst.members[t]
        n = len(members)
        start = offsets[t]
        people.extend(members[(start + j) % n] for j in range(int(c[t])))
        offsets[t] = (start + c[t]) % n
    return tuple(sorted(people))


def decompose(
    inst: Instance, comps: list[np.ndarray], mu: np.ndarray
) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """Panels (sorted person indices) and their probabilities; marginals = type probabilities."""
    type_p = (np.array(comps, dtype=np.float64) / inst.sizes).T @ mu
    target = type_p[inst.type_of]
    N, m = inst.n, len(comps)
    h = highspy.Highs()
    _quiet(h, mip=False)
    # Columns first: slacks s+_i, s-_i (cost 1); panels are added as columns later.
    h.addCols(
        2 * N,
        np.ones(2 * N),
        np.zeros(2 * N),
        np.full(2 * N, INF),
        0,
        np.zeros(2 * N, dtype=np.int32),
        np.zeros(0, dtype=np.int32),
        np.zeros(0),
    )
    # Rows 0..N-1: marginal of person i (+ s+_i - s-_i) = target_i; rows N..: composition mass.
    lower = np.concatenate([target, mu])
    starts, indices, values = [], [], []
    for i in range(N):
        starts.append(len(indices))
        indices += [i, N + i]
        values += [1.0, -1.0]
    for _ in range(m):
        starts.append(len(indices))
    # addRows takes rows; slacks are columns i (s+) and N+i (s-).
    h.addRows(
        N + m,
        lower,
        lower,
        len(indices),
        np.array(starts, dtype=np.int32),
        np.array(indices, dtype=np.int32),
        np.array(values, dtype=np.float64),
    )
    panels: list[tuple[int, ...]] = []
    panel_comp: list[int] = []
    seen: set[tuple[int, ...]] = set()

    def add(panel: tuple[int, ...], j: int) -> bool:
        if panel in seen:
            return False
        seen.add(panel)
        panels.append(panel)
        panel_comp.append(j)
        rows = np.array([*panel, N + j], dtype=np.int32)
        h.addCol(0.0, 0.0, INF, len(rows), rows, np.ones(len(rows)))
        return True

    # Start from rotating windows: for each composition, panels taking the next c_t people of
    # each type in turn, as many turns as it takes the slowest type to come round (capped), so
    # the LP usually needs few pricing rounds (measured on the paper's 200-pool: 2-7 s -> 0.03 s).
    cap = max(1, WINDOW_PANELS // max(1, m))
    for j, c in enumerate(comps):
        offsets = np.zeros(inst.n_types, dtype=np.int64)
        used = c > 0
        turns = inst.sizes[used] // np.gcd(inst.sizes[used], c[used]) if used.any() else [1]
        for _ in range(int(min(cap, max(turns)))):
            add(_window_panel(inst, c, offsets), j)
    order_cache = [np.asarray(m_, dtype=np.int64) for m_ in inst.members]
    while True:
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"HiGHS LP: {h.modelStatusToString(h.getModelStatus())}")
        if h.getInfo().objective_function_value <= DECOMPOSE_TOL:
            break
        duals = np.asarray(h.getSolution().row_dual)
        w, wc = duals[:N], duals[N:]
        added = 0
        for j, c in enumerate(comps):
            people: list[int] = []
            gain = wc[j]
            for t in np.nonzero(c)[0]:
                members = order_cache[t]
                ct = int(c[t])
                if ct == len(members):
                    chosen = members
                else:
                    chosen = members[np.argpartition(-w[members], ct - 1)[:ct]]
                people.extend(chosen.tolist())
                gain += w[chosen].sum()
            if gain > DECOMPOSE_TOL and add(tuple(sorted(people)), j):
                added += 1
        if not added:
            break
    lam = np.maximum(np.asarray(h.getSolution().col_value)[2 * N :], 0.0)
    keep = lam > 1e-12
    kept = [p for p, k in zip(panels, keep, strict=True) if k]
    lam = lam[keep]
    return kept, lam / lam.sum()


def marginals(n: int, panels: list[tuple[int, ...]], probs: np.ndarray) -> np.ndarray:
    out = np.zeros(n)
    for panel, p in zip(panels, probs, strict=True):
        out[list(panel)] += p
    return out


def commitment(seed: str) -> str:
    """What to publish before the draw: sha256 of the seed (hex)."""
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def canonical(lottery: list[dict]) -> list[dict]:
    """The lottery's panels with sorted ids, in sorted order (the order the draw walks)."""
    rows = [
        {"panel": sorted(entry["panel"]), "probability": entry["probability"]} for entry in lottery
    ]
    return sorted(rows, key=lambda e: e["panel"])


def draw(lottery: list[dict], seed: str) -> dict:
    """The panel the seed draws from the lottery; anyone with lottery and seed gets the same.

    u = int(sha256("panel-draw:" + seed)) / 2**256, exactly (fractions); the probabilities, as
    published (decimal strings or floats), are summed exactly and the draw is the first panel whose
    cumulative share of the total exceeds u.
    """
    rows = canonical(lottery)
    digest = hashlib.sha256(("panel-draw:" + seed).encode("utf-8")).hexdigest()
    u = Fraction(int(digest, 16), 2**256)
    total = sum(Fraction(str(e["probability"])) for e in rows)
    running = Fraction(0)
    for index, entry in enumerate(rows):
        running += Fraction(str(entry["probability"]))
        if u * total < running:
            return {
                "index": index,
                "panel": entry["panel"],
                "u": float(u),
                "seed": seed,
                "commitment": commitment(seed),
            }
    raise ValueError("empty lottery")
