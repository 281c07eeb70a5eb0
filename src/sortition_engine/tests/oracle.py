"""sortition-algorithms (GPL-3.0, a dev dependency only) as the oracle: the same CSV files, its
own reader and its maximin, Nash and legacy (LEXIMIN there needs Gurobi)."""

from __future__ import annotations

import csv
from pathlib import Path

from sortition_algorithms import Settings, read_in_features, read_in_people
from sortition_algorithms.committee_generation import (
    find_distribution_maximin,
    find_distribution_nash,
)
from sortition_algorithms.committee_generation.legacy import find_random_sample_legacy
from sortition_algorithms.utils import set_random_provider


def _table(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


def load(features: Path, people: Path, *, id_column: str, household_columns=()):
    head, rows = _table(Path(features))
    fc, _, _ = read_in_features(head, rows)
    settings = Settings(
        id_column=id_column,
        columns_to_keep=[],
        check_same_address=bool(household_columns),
        check_same_address_columns=list(household_columns),
    )
    phead, prows = _table(Path(people))
    pool, _ = read_in_people(phead, prows, fc, settings)
    return fc, pool, list(household_columns)


def distribution(algorithm: str, loaded, k: int) -> dict[str, float]:
    """Selection probability per person id."""
    fc, pool, households = loaded
    run = {"maximin": find_distribution_maximin, "nash": find_distribution_nash}[algorithm]
    committees, probabilities, _ = run(fc, pool, k, households, "highspy")
    marginals = dict.fromkeys(pool, 0.0)
    for committee, p in zip(committees, probabilities, strict=True):
        for person in committee:
            marginals[person] += p
    return marginals


def legacy_frequencies(loaded, k: int, runs: int, seed: int = 1) -> dict[str, float]:
    fc, pool, households = loaded
    set_random_provider(seed)  # the library's own seeded provider (random.seed)
    counts = dict.fromkeys(pool, 0)
    for _ in range(runs):
        committees, _ = find_random_sample_legacy(pool, fc, k, households, max_attempts=100)
        for person in committees[0]:
            counts[person] += 1
    set_random_provider(None)
    return {person: c / runs for person, c in counts.items()}
