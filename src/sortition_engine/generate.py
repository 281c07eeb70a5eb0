"""Deterministic synthetic pools, skewed the way volunteer pools are (older, more highly educated,
some areas over-represented), with quotas set from the *population* shares: the benchmarks' and
the tests' larger instances. Same seed, same pool.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np

# feature -> (values, population shares, relative response propensity in the volunteer pool)
FEATURES: dict[str, tuple[list[str], list[float], list[float]]] = {
    "geslacht": (["vrouw", "man", "anders"], [0.495, 0.495, 0.01], [1.0, 1.1, 1.0]),
    "leeftijd": (
        ["16-24", "25-34", "35-49", "50-64", "65+"],
        [0.13, 0.16, 0.24, 0.25, 0.22],
        [0.35, 0.6, 0.9, 1.5, 1.9],
    ),
    "opleiding": (["laag", "midden", "hoog"], [0.30, 0.40, 0.30], [0.45, 0.9, 2.2]),
    "wijk": (
        ["Centrum", "Noord", "Oost", "Zuid", "West", "Haven", "Dorp", "Buitengebied"],
        [0.14, 0.16, 0.15, 0.15, 0.14, 0.10, 0.09, 0.07],
        [1.8, 0.7, 1.0, 1.4, 0.8, 0.5, 1.1, 0.9],
    ),
    "woonsituatie": (["huur", "koop"], [0.45, 0.55], [0.7, 1.3]),
}


def quotas(k: int, tolerance: float = 0.1) -> list[tuple[str, str, int, int]]:
    """(feature, value, min, max): the population share of k, give or take `tolerance` of it
    (at least one seat either way)."""
    rows = []
    for feature, (values, shares, _) in FEATURES.items():
        for value, share in zip(values, shares, strict=True):
            ideal = share * k
            slack = max(1.0, tolerance * ideal)
            rows.append(
                (feature, value, max(0, math.floor(ideal - slack)), math.ceil(ideal + slack))
            )
    return rows


def pool(n: int, seed: int, *, household_share: float = 0.0) -> list[dict[str, str]]:
    """n volunteers drawn with the skewed propensities; `household_share` of them share an
    address with another volunteer (households of two)."""
    rng = np.random.default_rng(seed)
    people: list[dict[str, str]] = []
    for i in range(n):
        person = {"id": f"p{i + 1:05d}"}
        for feature, (values, shares, propensity) in FEATURES.items():
            weights = np.array(shares) * np.array(propensity)
            person[feature] = values[int(rng.choice(len(values), p=weights / weights.sum()))]
        people.append(person)
    pairs = int(n * household_share / 2)
    chosen = rng.permutation(n)
    for i in range(n):
        person = people[i]
        person["adres"] = f"Straat {i + 1}"
    for j in range(pairs):
        a, b = int(chosen[2 * j]), int(chosen[2 * j + 1])
        people[b]["adres"] = people[a]["adres"]
    return people


def write(
    directory: Path,
    n: int,
    k: int,
    seed: int,
    *,
    household_share: float = 0.0,
    tolerance: float = 0.1,
) -> tuple[Path, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    features_path = directory / f"features-{n}-{k}-{seed}.csv"
    people_path = directory / f"people-{n}-{k}-{seed}.csv"
    with features_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["feature", "value", "min", "max"])
        writer.writerows(quotas(k, tolerance))
    rows = pool(n, seed, household_share=household_share)
    with people_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return features_path, people_path
