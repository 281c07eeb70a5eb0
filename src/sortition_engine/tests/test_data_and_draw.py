"""Reading the files (errors name line and column), the household rule, quotas that cannot be
met (smallest relaxation), and the seeded draw anyone can re-run."""

import hashlib

import numpy as np
import pytest

from sortition_engine import data, leximin, lottery, select
from sortition_engine.errors import DataError, InfeasibleQuotas

FEATURES = "feature,value,min,max\ngender,f,1,2\ngender,m,1,2\nage,young,1,3\nage,old,0,3\n"


def _write(tmp_path, features: str, people: str):
    f = tmp_path / "features.csv"
    p = tmp_path / "people.csv"
    f.write_text(features, encoding="utf-8")
    p.write_text(people, encoding="utf-8")
    return f, p


def test_unknown_value_names_line_and_column(tmp_path):
    f, p = _write(tmp_path, FEATURES, "id,gender,age\n1,f,young\n2,x,old\n")
    with pytest.raises(DataError) as error:
        data.load(f, p, 1)
    assert error.value.line == 3 and error.value.column == "gender"
    assert "line 3" in str(error.value) and "'x'" in str(error.value)


@pytest.mark.parametrize(
    ("features", "line", "column"),
    [
        ("feature,value,min,max\ngender,f,1,two\n", 2, "max"),
        ("feature,value,min,max\ngender,f,3,1\n", 2, "min"),
        ("feature,value,min,max\ngender,f,1,2\ngender,F,1,2\n", 3, "value"),
        ("feature,value,min\ngender,f,1\n", 1, ""),
    ],
)
def test_bad_features_file(tmp_path, features, line, column):
    f, p = _write(tmp_path, features, "id,gender\n1,f\n")
    with pytest.raises(DataError) as error:
        data.load(f, p, 1)
    assert error.value.line == line
    assert error.value.column == column


def test_duplicate_and_missing_ids_and_columns(tmp_path):
    f, p = _write(tmp_path, FEATURES, "id,gender,age\n1,f,young\n1,m,old\n")
    with pytest.raises(DataError, match="also on line 2"):
        data.load(f, p, 1)
    f, p = _write(tmp_path, FEATURES, "nr,gender,age\n1,f,young\n")
    with pytest.raises(DataError, match="no column 'id'"):
        data.load(f, p, 1)
    f, p = _write(tmp_path, FEATURES, "id,gender,age\n1,f,young\n")
    with pytest.raises(DataError, match="larger than the pool"):
        data.load(f, p, 2)


def test_values_match_case_insensitively_and_semicolons_work(tmp_path):
    f, p = _write(tmp_path, FEATURES, "id;Gender;AGE\n1;F;Young\n2;m;OLD\n")
    inst = data.load(f, p, 2)
    assert inst.pool.profile.tolist() == [[0, 0], [1, 1]]


def test_household_rule_holds_on_every_panel(tmp_path):
    # Six people, three couples sharing an address; a panel of 3 must take one of each couple.
    people = "id,gender,age,street\n" + "".join(
        f"{i},{'f' if i % 2 else 'm'},{'young' if i < 4 else 'old'},street {i // 2}\n"
        for i in range(6)
    )
    features = "feature,value,min,max\ngender,f,0,3\ngender,m,0,3\nage,young,0,3\nage,old,0,3\n"
    f, p = _write(tmp_path, features, people)
    inst = data.load(f, p, 3, household_columns=["street"])
    assert sorted(map(sorted, inst.pool.households)) == [[0, 1], [2, 3], [4, 5]]
    result = select.select(inst, "leximin")
    for panel in result.panels:
        assert select.check_panel(inst, panel) == []
        assert len({person // 2 for person in panel}) == 3
    assert np.abs(result.probabilities - 0.5).max() < 1e-6


def test_households_that_make_the_panel_impossible(tmp_path):
    people = "id,gender,age,street\n1,f,young,a\n2,m,old,a\n3,f,old,b\n"
    features = "feature,value,min,max\ngender,f,0,3\ngender,m,0,3\nage,young,0,3\nage,old,0,3\n"
    f, p = _write(tmp_path, features, people)
    inst = data.load(f, p, 3, household_columns=["street"])
    with pytest.raises(InfeasibleQuotas) as error:
        select.select(inst, "maximin")
    assert error.value.relaxation == []


def test_infeasible_quotas_report_the_smallest_relaxation(tmp_path):
    # 4 seats, but the minimums ask for 3 women and 3 men: the smallest fix lowers them by 2 in all.
    features = "feature,value,min,max\ngender,f,3,4\ngender,m,3,4\nage,young,0,4\nage,old,0,4\n"
    people = "id,gender,age\n" + "".join(
        f"{i},{'f' if i % 2 else 'm'},{'young' if i % 3 else 'old'}\n" for i in range(10)
    )
    f, p = _write(tmp_path, features, people)
    inst = data.load(f, p, 4)
    with pytest.raises(InfeasibleQuotas) as error:
        select.select(inst, "leximin")
    assert error.value.total == 2
    moved = {r["value"]: (r["new_min"], r["new_max"]) for r in error.value.relaxation}
    assert sum(3 - new_min for new_min, _ in moved.values()) == 2
    assert all(new_max == 4 for _, new_max in moved.values())
    # The relaxed quotas are indeed feasible.
    relaxed = features
    for value, (new_min, _) in moved.items():
        relaxed = relaxed.replace(f"gender,{value},3,4", f"gender,{value},{new_min},4")
    f, p = _write(tmp_path, relaxed, people)
    assert select.select(data.load(f, p, 4), "maximin").probabilities.sum() == pytest.approx(4)


def test_too_few_people_for_a_minimum(tmp_path):
    features = "feature,value,min,max\ngender,f,3,4\ngender,m,0,4\n"
    people = "id,gender\n1,f\n2,m\n3,m\n4,m\n5,m\n"
    f, p = _write(tmp_path, features, people)
    with pytest.raises(InfeasibleQuotas) as error:
        select.select(data.load(f, p, 4), "leximin")
    assert error.value.relaxation == [
        {"feature": "gender", "value": "f", "min": 3, "max": 4, "new_min": 1, "new_max": 4}
    ]


def test_seeded_draw_is_reproducible_and_follows_the_probabilities(pool150):
    comps, mu, _ = leximin.leximin(pool150, maximin_only=True)
    panels, probs = lottery.decompose(pool150, comps, mu)
    ids = pool150.pool.ids
    published = [
        {"panel": [ids[i] for i in panel], "probability": float(q)}
        for panel, q in zip(panels, probs, strict=True)
    ]
    seed = "burgerberaad-2026-12-05-zaal-open"
    commitment = lottery.commitment(seed)
    assert commitment == hashlib.sha256(seed.encode()).hexdigest()
    first = lottery.draw(published, seed)
    # Anyone re-runs it from the published lottery (in any order) and the revealed seed.
    again = lottery.draw(list(reversed(published)), seed)
    assert first == again
    assert first["commitment"] == commitment
    assert select.check_panel(pool150, [ids.index(i) for i in first["panel"]]) == []
    # Recompute by hand: u from sha256, walk the canonical order.
    u = int(hashlib.sha256(("panel-draw:" + seed).encode()).hexdigest(), 16) / 2**256
    rows = lottery.canonical(published)
    total = sum(r["probability"] for r in rows)
    cumulative = np.cumsum([r["probability"] for r in rows]) / total
    assert rows[int(np.searchsorted(cumulative, u, side="right"))]["panel"] == first["panel"]
    # Over many seeds the draws follow the lottery (each panel about as often as its weight).
    seen = [lottery.draw(published, f"seed-{i}")["index"] for i in range(3000)]
    freq = np.bincount(seen, minlength=len(rows)) / 3000
    weights = np.array([r["probability"] for r in rows]) / total
    assert np.abs(freq - weights).max() < 0.04
