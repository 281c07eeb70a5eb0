"""One entry point for every algorithm: `select(instance, algorithm)` -> `Result`.

The result's probabilities are the marginals of its lottery (computed from it, so they are equal
by construction); `check_lottery` verifies a lottery against the quotas and the household rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .data import Instance
from .legacy import legacy
from .leximin import leximin
from .lottery import decompose, marginals
from .nash import nash
from .solver import CompositionSolver, check_feasible

ALGORITHMS = ("leximin", "maximin", "nash", "legacy")


@dataclass
class Result:
    algorithm: str
    ids: list[str]
    panels: list[tuple[int, ...]]  # person indices, sorted
    panel_probabilities: np.ndarray
    probabilities: np.ndarray  # per person (pool order)
    seconds: float
    stats: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        ids = self.ids
        return {
            "algorithm": self.algorithm,
            "probabilities": {ids[i]: float(p) for i, p in enumerate(self.probabilities)},
            "lottery": [
                {"panel": [ids[i] for i in panel], "probability": float(q)}
                for panel, q in zip(self.panels, self.panel_probabilities, strict=True)
            ],
            "seconds": round(self.seconds, 3),
        }


def select(
    inst: Instance,
    algorithm: str = "leximin",
    *,
    legacy_runs: int = 1000,
    legacy_seed: int = 0,
    progress=None,
) -> Result:
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r} (one of {', '.join(ALGORITHMS)})")
    started = time.perf_counter()
    check_feasible(CompositionSolver(inst))  # InfeasibleQuotas with the smallest relaxation
    if algorithm == "legacy":
        panels, probs, stats = legacy(inst, runs=legacy_runs, seed=legacy_seed)
    else:
        if algorithm == "nash":
            comps, mu, stats = nash(inst, progress=progress)
        else:
            comps, mu, stats = leximin(inst, maximin_only=algorithm == "maximin", progress=progress)
        stats["compositions"] = len(comps)
        panels, probs = decompose(inst, comps, mu)
    seconds = time.perf_counter() - started
    return Result(
        algorithm=algorithm,
        ids=list(inst.pool.ids),
        panels=panels,
        panel_probabilities=probs,
        probabilities=marginals(inst.n, panels, probs),
        seconds=seconds,
        stats=stats,
    )


def check_panel(inst: Instance, panel: tuple[int, ...] | list[int]) -> list[str]:
    """What is wrong with a panel (empty when it meets size, quotas and households)."""
    problems = []
    people = np.asarray(panel, dtype=np.int64)
    if len(set(panel)) != len(panel):
        problems.append("someone is on the panel twice")
    if len(people) != inst.k:
        problems.append(f"{len(people)} seats instead of {inst.k}")
    for f, feature in enumerate(inst.pool.features):
        counts = np.bincount(inst.pool.profile[people, f], minlength=len(feature.values))
        for v, value in enumerate(feature.values):
            if not feature.mins[v] <= counts[v] <= feature.maxs[v]:
                problems.append(
                    f"{feature.name}={value}: {counts[v]} "
                    f"not in {feature.mins[v]}-{feature.maxs[v]}"
                )
    members = set(panel)
    for group in inst.pool.households:
        if len(members.intersection(group)) > 1:
            problems.append("two people of one household")
    return problems
