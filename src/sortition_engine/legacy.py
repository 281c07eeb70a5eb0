"""The legacy greedy algorithm (the Sortition Foundation's original method), for comparison.

One run: while seats are left, take the quota category in most urgent need, the largest
max(min - selected, 0) / remaining (the first such category in file order on a tie), and
pick a uniformly random remaining person from it; remove the
person's household; when a category reaches its max, remove everyone left in it. A run that
ends below a min, or runs out of people a min needs, is retried. It has no closed-form selection
probabilities: they are estimated by repeating it (`runs` times, from a seed), and its "lottery"
is the observed frequency of each panel.
"""

from __future__ import annotations

import numpy as np

from .data import Instance
from .errors import SortitionError


class _Failed(Exception):
    pass


def _run(
    inst: Instance, rng: np.random.Generator, household_of: list[list[int]]
) -> tuple[int, ...]:
    pool = inst.pool
    F = len(pool.features)
    offsets = np.cumsum([0] + [len(f.values) for f in pool.features])
    col = pool.profile + offsets[:-1]  # (people, F): global category index of each person
    mins = np.concatenate([f.mins for f in pool.features]).astype(np.int64)
    maxs = np.concatenate([f.maxs for f in pool.features]).astype(np.int64)
    alive = np.ones(inst.n, dtype=bool)
    remaining = np.bincount(col.ravel(), minlength=len(mins)).astype(np.int64)
    selected = np.zeros(len(mins), dtype=np.int64)
    feature_of = np.repeat(np.arange(F), np.diff(offsets))

    def remove(people: np.ndarray) -> None:
        people = people[alive[people]]
        alive[people] = False
        np.subtract.at(remaining, col[people].ravel(), 1)

    for cat in np.nonzero(maxs == 0)[0]:
        remove(np.nonzero((col == cat).any(axis=1))[0])
    chosen: list[int] = []
    for _ in range(inst.k):
        need = np.maximum(mins - selected, 0)  # a category at its min has ratio 0, not below
        if np.any(remaining < need):
            raise _Failed
        open_ = (remaining > 0) & (maxs > 0)
        if not open_.any():
            raise _Failed
        ratio = np.where(open_, need / np.maximum(remaining, 1), -np.inf)
        cat = int(np.argmax(ratio))
        candidates = np.nonzero(alive & (col[:, feature_of[cat]] == cat))[0]
        person = int(candidates[rng.integers(len(candidates))])
        chosen.append(person)
        np.add.at(selected, col[person], 1)
        remove(np.array([person, *household_of[person]], dtype=np.int64))
        for c in col[person]:
            if selected[c] == maxs[c]:
                remove(np.nonzero(alive & (col[:, feature_of[c]] == c))[0])
    if np.any(selected < mins) or np.any(selected > maxs):
        raise _Failed
    return tuple(sorted(chosen))


def legacy(inst: Instance, *, runs: int = 1000, seed: int = 0, max_attempts: int = 100):
    """(panels, probabilities, stats): the frequency of each panel over `runs` runs."""
    rng = np.random.default_rng(seed)
    household_of: list[list[int]] = [[] for _ in range(inst.n)]
    for group in inst.pool.households:
        for person in group:
            household_of[person] = [q for q in group if q != person]
    counts: dict[tuple[int, ...], int] = {}
    failures = 0
    for _ in range(runs):
        for _attempt in range(max_attempts):
            try:
                panel = _run(inst, rng, household_of)
                break
            except _Failed:
                failures += 1
        else:
            raise SortitionError(f"the legacy algorithm found no panel in {max_attempts} attempts")
        counts[panel] = counts.get(panel, 0) + 1
    panels = sorted(counts)
    probs = np.array([counts[p] for p in panels], dtype=np.float64) / runs
    return panels, probs, {"runs": runs, "failed_attempts": failures, "seed": seed}
