"""Against sortition-algorithms (GPL-3.0, dev dependency only) on seeded random small pools:
maximin's minimum equal, LEXIMIN's minimum equal to maximin's and its sorted probability vector
never worse, Nash's product never worse, legacy's frequencies alike."""

from pathlib import Path

import numpy as np
import pytest

from sortition_engine import data, generate, select

from . import oracle

POOLS = [(40, 8, 11), (60, 10, 12), (80, 12, 13)]


@pytest.fixture(scope="module", params=POOLS, ids=lambda p: f"pool{p[0]}-k{p[1]}-s{p[2]}")
def pool(request, tmp_path_factory):
    n, k, seed = request.param
    folder = Path(tmp_path_factory.mktemp("pools"))
    f, p = generate.write(folder, n, k, seed, household_share=0.2, tolerance=0.3)
    ours = data.load(f, p, k, household_columns=["adres"])
    theirs = oracle.load(f, p, id_column="id", household_columns=["adres"])
    return ours, theirs, k


def _vector(result) -> dict[str, float]:
    return dict(zip(result.ids, result.probabilities.tolist(), strict=True))


def test_maximin_and_leximin_against_the_library(pool):
    ours, theirs, k = pool
    reference = oracle.distribution("maximin", theirs, k)
    maximin = select.select(ours, "maximin")
    leximin = select.select(ours, "leximin")
    assert abs(maximin.probabilities.min() - min(reference.values())) < 1e-4
    assert abs(leximin.probabilities.min() - min(reference.values())) < 1e-4
    # Leximin's sorted vector is never worse than (lexicographically at least) maximin's.
    ours_sorted = np.sort(leximin.probabilities)
    theirs_sorted = np.sort(np.array(list(reference.values())))
    difference = ours_sorted - theirs_sorted
    first = np.nonzero(np.abs(difference) > 1e-6)[0]
    assert len(first) == 0 or difference[first[0]] > 0
    for result in (maximin, leximin):
        assert all(select.check_panel(ours, panel) == [] for panel in result.panels)


def test_nash_against_the_library(pool):
    ours, theirs, k = pool
    reference = np.array(list(oracle.distribution("nash", theirs, k).values()))
    result = select.select(ours, "nash")
    ours_log = np.log(result.probabilities).sum()
    theirs_log = np.log(reference).sum()
    assert ours_log >= theirs_log - 1e-3 * len(reference)
    assert abs(ours_log - theirs_log) < 1e-2 * len(reference)


def test_legacy_against_the_library(pool):
    ours, theirs, k = pool
    runs = 400
    reference = oracle.legacy_frequencies(theirs, k, runs)
    result = _vector(select.select(ours, "legacy", legacy_runs=runs, legacy_seed=5))
    # Two estimates of the same probabilities from 400 runs each: 4 standard errors apart at most.
    worst = max(abs(result[i] - reference[i]) for i in reference)
    assert worst < 4 * np.sqrt(2 * 0.25 / runs)
