"""LEXIMIN through the relaxation (module `relaxation`): the same probabilities as column
generation, only feasible compositions in the certificate, and the fall-back to column generation
where the relaxation is not tight."""

import numpy as np
import pytest

from sortition_engine import data, generate, leximin, relaxation, select
from sortition_engine.solver import _constraint_rows


def _probabilities(inst, comps, mu):
    return (np.array(comps, dtype=float) / inst.sizes).T @ mu


def _feasible(inst, c) -> bool:
    if (c < 0).any() or (c > inst.sizes).any():
        return False
    return all(lo <= c[cols].sum() <= hi for lo, hi, cols in _constraint_rows(inst))


@pytest.mark.parametrize(
    "n,k,seed,households", [(120, 12, 3, 0.1), (300, 30, 1, 0.1), (200, 20, 5, 0.0)]
)
def test_relaxation_equals_column_generation(tmp_path, n, k, seed, households):
    f, p = generate.write(tmp_path, n, k, seed, household_share=households)
    inst = data.load(f, p, k, household_columns=["adres"] if households else [])
    comps, mu, stats = leximin.leximin(inst)
    assert stats["method"] == "relaxation"
    assert all(_feasible(inst, np.asarray(c)) for c in comps)
    assert abs(mu.sum() - 1) < 1e-9 and (mu > 0).all()
    ours = _probabilities(inst, comps, mu)
    slow_comps, slow_mu, slow_stats = leximin.leximin(inst, method="column generation")
    assert slow_stats["method"] == "column generation"
    slow = _probabilities(inst, slow_comps, slow_mu)
    # Column generation fixes its levels with a slack of 1e-8 per level; both are the unique
    # leximin probabilities up to that.
    assert np.abs(ours - slow).max() < 1e-5
    # The relaxation is an upper bound, and the certificate reaches it.
    bound, _ = relaxation.relaxed_leximin(inst)
    assert np.max(bound - ours) < 1e-6


def test_rounding_steps_give_feasible_compositions(tmp_path):
    f, p = generate.write(tmp_path, 300, 30, 2, household_share=0.1)
    inst = data.load(f, p, 30, household_columns=["adres"])
    bound, _ = relaxation.relaxed_leximin(inst)
    steps, stats = relaxation.rounding_steps(inst, bound * inst.sizes)
    assert len(steps) > 0.5 * inst.n_types
    assert all(_feasible(inst, c) for c in steps)
    assert 0.0 <= stats["rest"] < 1.0


# Three yes/no features, two seats, exactly one "y" per feature: only {all-y, all-n} is a panel,
# but the relaxation can give every one of the five people a third.
ODD_FEATURES = "feature,value,min,max\n" + "".join(f"{f},y,1,1\n{f},n,1,1\n" for f in "abc")
ODD_PEOPLE = "id,a,b,c\nall,y,y,y\nnone,n,n,n\nab,y,y,n\nbc,n,y,y\nac,y,n,y\n"


def test_a_relaxation_that_is_not_tight_falls_back(tmp_path):
    f = tmp_path / "features.csv"
    p = tmp_path / "people.csv"
    f.write_text(ODD_FEATURES, encoding="utf-8")
    p.write_text(ODD_PEOPLE, encoding="utf-8")
    inst = data.load(f, p, 2)
    bound, _ = relaxation.relaxed_leximin(inst)
    assert bound.min() > 0.3  # the relaxation promises everyone a third
    comps, mu, stats = leximin.leximin(inst)
    assert stats["method"] == "column generation"
    result = select.select(inst, "leximin")
    by_id = dict(zip(result.ids, result.probabilities, strict=True))
    assert by_id["all"] == pytest.approx(1) and by_id["none"] == pytest.approx(1)
    assert by_id["ab"] == pytest.approx(0, abs=1e-9)
    assert by_id["bc"] == pytest.approx(0, abs=1e-9)
    assert by_id["ac"] == pytest.approx(0, abs=1e-9)


def test_unknown_method_is_refused(tmp_path):
    f, p = generate.write(tmp_path, 40, 6, 1)
    inst = data.load(f, p, 6)
    with pytest.raises(ValueError, match="unknown method"):
        leximin.leximin(inst, method="simplex")


def test_nash_through_the_relaxation_equals_frank_wolfe(tmp_path):
    from sortition_engine import nash

    f, p = generate.write(tmp_path, 120, 12, 3, household_share=0.1)
    inst = data.load(f, p, 12, household_columns=["adres"])
    comps, mu, stats = nash.nash(inst)
    assert stats["method"] == "relaxation"
    assert all(_feasible(inst, np.asarray(c)) for c in comps)
    ours = _probabilities(inst, comps, mu)
    slow_comps, slow_mu, slow_stats = nash.nash(inst, method="frank-wolfe")
    assert slow_stats["method"] == "frank-wolfe"
    slow = _probabilities(inst, slow_comps, slow_mu)
    n = inst.sizes
    # The relaxation's product is never below Frank-Wolfe's (it is the optimum), and both agree.
    assert (n * np.log(ours)).sum() >= (n * np.log(slow)).sum() - 1e-6
    assert np.abs(ours - slow).max() < 1e-4


def test_nash_falls_back_where_the_relaxation_is_not_tight(tmp_path):
    from sortition_engine import nash

    f = tmp_path / "features.csv"
    p = tmp_path / "people.csv"
    f.write_text(ODD_FEATURES, encoding="utf-8")
    p.write_text(ODD_PEOPLE, encoding="utf-8")
    inst = data.load(f, p, 2)
    comps, mu, stats = nash.nash(inst)
    assert stats["method"] == "frank-wolfe"
    assert _probabilities(inst, comps, mu).max() == pytest.approx(1)
