"""The rules by name against pabutools 1.2.3, and `from_meta` against the cities' official outcomes.

- every fixture, every rule: the same projects in the same order as pabutools' recorded outcome;
- greedy live against pabutools on fixtures and on seeded random elections of every vote type;
- `from_meta` reproduces the `selected` column of every file that has one and a rule we know;
- the full development set (../shared) when present, every rule pabutools finished (about 20 s).

No database: the engine is pure Python.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction
from pathlib import Path

import pytest

from pbengine import pabulib, rules
from pbengine._mes_prep import Prepared
from pbengine.model import VOTE_TYPES, Ballot, Election, Project

FIXTURES = Path(__file__).parent / "fixtures" / "pabulib"
SHARED = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "pabulib"

#: Our rule name -> the key in pabutools_reference.json.
REFERENCE_KEY = {
    "greedy": "greedy",
    "mes": "mes_plain",
    "mes-add1": "mes_add1",
    "mes-add1-greedy": "mes_add1_greedy",
    "mes-budget-increase": "mes_budgetinc",
    "mes-budget-increase-greedy": "mes_budgetinc_greedy",
}

#: Files with a `selected` column whose official outcome the file cannot determine, and why.
UNDETERMINED = {
    "Hungary_Budapest_2022_VIII_Jozsefvaros.pb": (
        "META rule 'unknown'; the file holds the online votes only, about half of the votes were "
        "on paper (META comment #2), and per-neighbourhood ballot limits applied"
    ),
}


def _reference(folder: Path) -> dict[str, dict]:
    data = json.loads((folder / "pabutools_reference.json").read_text(encoding="utf-8"))
    return {item["file"]: item for item in data["instances"]}


FIXTURE_REFERENCE = _reference(FIXTURES)
SHARED_REFERENCE = _reference(SHARED) if (SHARED / "pabutools_reference.json").is_file() else {}


def _cases(reference: dict[str, dict]):
    for file, item in sorted(reference.items()):
        for rule, key in REFERENCE_KEY.items():
            recorded = item["rules"].get(key, {})
            if recorded.get("status") != "ok":
                continue
            yield pytest.param(file, rule, recorded["selected_order"], id=f"{file[:-3]}-{rule}")


@pytest.mark.parametrize(("file", "rule", "expected"), list(_cases(FIXTURE_REFERENCE)))
def test_every_rule_on_every_fixture_equals_pabutools(file, rule, expected):
    election = pabulib.read(FIXTURES / file)
    assert rules.run(election, rule).selected == expected


@pytest.mark.skipif(not SHARED_REFERENCE, reason=f"development set absent: {SHARED}")
@pytest.mark.parametrize(
    ("file", "rule", "expected"),
    list(_cases(SHARED_REFERENCE)),
)
def test_every_rule_on_the_development_set_equals_pabutools(file, rule, expected):
    election = pabulib.read(SHARED / file)
    assert rules.run(election, rule).selected == expected


# --- greedy live against pabutools ------------------------------------------------------------


def _pabutools_greedy(election: Election) -> list[str]:
    from pabutools.election import Additive_Borda_Sat, Additive_Cardinal_Sat, Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.rules import greedy_utilitarian_welfare

    instance, profile = parse_pabulib_from_string(pabulib.write(election))
    if election.vote_type in ("approval", "choose-1"):
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    elif election.vote_type == "ordinal":
        outcome = greedy_utilitarian_welfare(
            instance, profile, sat_class=Additive_Borda_Sat, is_sat_additive=True
        )
    else:
        outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Additive_Cardinal_Sat)
    return [project.name for project in outcome]


@pytest.mark.parametrize(
    "file",
    [
        "Netherlands_Amsterdam_166.pb",
        "Poland_Czestochowa_2020_Grabowka.pb",
        "US_Stanford_Dataset_Merced_Peoples_Budget_Ballot_2019_vote_rankings.pb",
    ],
)
def test_greedy_equals_live_pabutools_on_fixtures(file):
    election = pabulib.read(FIXTURES / file)
    assert rules.run(election, "greedy").selected == _pabutools_greedy(election)


def _random_election(generator: random.Random, vote_type: str) -> Election:
    count = generator.randint(1, 9)
    # Ids such as "10" and "9" make string order differ from numeric order, as in real files;
    # few distinct costs and small ballots make exact ties in the greedy key common.
    ids = [str(i) for i in generator.sample(range(1, 15), count)]
    projects = {
        p: Project(id=p, cost=Fraction(generator.choice([1, 2, 3, 5, 10]) * 100)) for p in ids
    }
    ballots = []
    for voter in range(generator.randint(0, 25)):
        # pabutools cannot read an empty cumulative or scoring ballot (it parses "" as points).
        least = 1 if vote_type in ("cumulative", "scoring") else 0
        size = 1 if vote_type == "choose-1" else generator.randint(least, len(ids))
        chosen = tuple(generator.sample(ids, size))
        points = None
        if vote_type in ("cumulative", "scoring"):
            points = tuple(generator.randint(0 if vote_type == "scoring" else 1, 5) for _ in chosen)
        ballots.append(Ballot(projects=chosen, points=points, voter_id=str(voter + 1)))
    budget = Fraction(generator.choice([100, 300, 500, 1000, 1700]))
    meta = {"description": "random", "country": "Netherlands", "unit": "Test", "instance": "1"}
    return Election(
        budget=budget, vote_type=vote_type, projects=projects, ballots=ballots, meta=meta
    )


@pytest.mark.parametrize("vote_type", VOTE_TYPES)
def test_greedy_equals_live_pabutools_on_random_elections(vote_type):
    generator = random.Random(f"greedy-{vote_type}-20261128")
    for _ in range(40):
        election = _random_election(generator, vote_type)
        assert rules.run(election, "greedy").selected == _pabutools_greedy(election), election


# --- the rules cities apply (from_meta) -------------------------------------------------------


def _official_files(folder: Path):
    for path in sorted(folder.glob("*.pb")):
        election = pabulib.read(path)
        if rules.official(election) is not None:
            yield pytest.param(path, id=path.stem)


@pytest.mark.parametrize("path", list(_official_files(FIXTURES)))
def test_from_meta_reproduces_the_official_outcome_of_every_fixture(path):
    election = pabulib.read(path)
    assert set(rules.from_meta(election).selected) == rules.official(election)


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"development set absent: {SHARED}")
@pytest.mark.parametrize(
    "path", list(_official_files(SHARED)) if SHARED.is_dir() else [pytest.param(None)]
)
def test_from_meta_reproduces_the_official_outcome_of_every_development_file(path):
    election = pabulib.read(path)
    if path.name in UNDETERMINED:  # the file cannot say; from_meta must refuse, not guess
        with pytest.raises(rules.RuleError):
            rules.from_meta(election)
        return
    assert set(rules.from_meta(election).selected) == rules.official(election)


def test_lodz_nr_33_needs_the_threshold_that_pabutools_lacks():
    """The reference matched no pabutools rule here: W068NR (21 votes, threshold 50) is left out."""
    election = pabulib.read(FIXTURES / "Poland_Lodz_2020_Nr_33.pb")
    outcome = rules.from_meta(election)
    assert set(outcome.selected) == rules.official(election)
    assert set(rules.run(election, "greedy").selected) != rules.official(election)
    assert outcome.explanations["W068NR"]["reason"] == "below_threshold"


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"development set absent: {SHARED}")
def test_katowice_threshold_counts_points_not_voters():
    """L20/06/XII: 84 points from 45 voters, threshold 50, and the city funded it."""
    election = pabulib.read(SHARED / "Poland_Katowice_2025_Zarzecze.pb")
    outcome = rules.from_meta(election)
    assert "L20/06/XII" in outcome.selected
    assert election.projects["L20/06/XII"].extra["selected"] == "1"


def test_swiecie_is_reproduced_by_mes_add1_with_or_without_completion():
    election = pabulib.read(FIXTURES / "Poland_Swiecie_2023.pb")
    official = rules.official(election)
    for rule in (
        "mes-add1",
        "mes-add1-greedy",
        "mes-budget-increase",
        "mes-budget-increase-greedy",
    ):
        assert set(rules.run(election, rule).selected) == official, rule
    assert set(rules.run(election, "mes").selected) != official
    assert rules.from_meta(election).details["meta_rule"] == "equalshares/add1"


def _small(rule="greedy", **meta) -> Election:
    """Five projects a..e with votes 5,4,3,2,1 and costs as given by the test."""
    costs = {"a": 50, "b": 40, "c": 30, "d": 20, "e": 10}
    categories = {"a": "Groen", "b": "Groen", "c": "Sport", "d": "Groen", "e": "Sport"}
    projects = {
        p: Project(id=p, cost=Fraction(c), categories=(categories[p],)) for p, c in costs.items()
    }
    ballots = [
        Ballot(projects=tuple(p for i, p in enumerate("abcde") if i < 5 - v), voter_id=str(v))
        for v in range(5)
    ]
    return Election(
        budget=Fraction(100),
        vote_type="approval",
        projects=projects,
        ballots=ballots,
        meta={"rule": rule, **meta},
    )


def test_greedy_skips_what_does_not_fit_and_no_skip_stops_there():
    election = _small()
    assert rules.run(election, "greedy").selected == ["a", "b", "e"]
    assert rules.run(election, "greedy-no-skip").selected == ["a", "b"]
    outcome = rules.from_meta(_small("greedy-no-skip"))
    assert outcome.selected == ["a", "b"]
    assert outcome.explanations["c"]["reason"] == "does_not_fit"
    assert outcome.explanations["d"]["reason"] == "stopped"


def test_threshold_counts_the_score_and_is_inclusive():
    election = _small("greedy-threshold", min_project_score_threshold="4")
    assert rules.from_meta(election).selected == ["a", "b"]
    assert rules.run(election, "greedy-threshold", threshold=3).selected == ["a", "b"]
    assert rules.run(election, "greedy-threshold", threshold=1).selected == ["a", "b", "e"]
    with pytest.raises(rules.RuleError):
        rules.run(_small(), "greedy-threshold")


def test_withdrawn_project_with_sentinel_cost_does_not_stop_no_skip():
    election = _small("greedy-no-skip")
    election.projects["a"] = Project(id="a", cost=Fraction(rules.SENTINEL_COST))
    outcome = rules.from_meta(election)
    assert outcome.selected == ["b", "c", "d", "e"]
    assert outcome.explanations["a"]["reason"] == "withdrawn"


def test_cumulative_city_greedy_ranks_by_points_not_points_per_cost():
    election = Election(
        budget=Fraction(100),
        vote_type="cumulative",
        projects={"x": Project(id="x", cost=Fraction(100)), "y": Project(id="y", cost=Fraction(1))},
        ballots=[Ballot(projects=("x", "y"), points=(3, 2), voter_id="1")],
        meta={"rule": "greedy"},
    )
    assert rules.from_meta(election).selected == ["x"]
    assert rules.run(election, "greedy").selected == ["y"]


def test_ordinal_score_is_length_minus_position():
    election = Election(
        budget=Fraction(10),
        vote_type="ordinal",
        projects={p: Project(id=p, cost=Fraction(1)) for p in "xyz"},
        ballots=[
            Ballot(projects=("x", "y", "z"), voter_id="1"),
            Ballot(projects=("z",), voter_id="2"),
        ],
    )
    assert rules.scores(election) == {"x": 3, "y": 2, "z": 2}


def test_budget_per_category_caps_each_category_then_leftover_fills_by_score():
    meta = {"categories": "Groen,Sport", "budget_per_category": "60,40"}
    capped = rules.from_meta(_small(**meta))
    # Groen: a (50) fits in 60, b (40) does not; d (20) does not either (10 left).
    # Sport: c (30) and e (10) fit in 40.
    assert capped.selected == ["a", "c", "e"]
    assert capped.explanations["b"]["reason"] == "group_full"
    filled = rules.from_meta(_small(leftover_budget=rules.LEFTOVER_FIT, **meta))
    # 10 left of the total: b (40) and d (20) do not fit.
    assert filled.selected == ["a", "c", "e"]
    roomy = _small(leftover_budget=rules.LEFTOVER_FIT, **meta)
    roomy.budget = Fraction(130)
    # 130 - 90 = 40 left: b (40) fits after the caps, by score first.
    assert rules.from_meta(roomy).selected == ["a", "c", "e", "b"]
    assert rules.from_meta(roomy).explanations["b"]["reason"] == "fits_leftover"


def test_budget_per_neighbourhood_uses_the_neighbourhood_column():
    election = _small(neighborhoods="Noord,Zuid", budget_per_neighborhood="50,50")
    for p, n in zip("abcde", ["Noord", "Zuid", "Noord", "Zuid", "Zuid"], strict=True):
        project = election.projects[p]
        election.projects[p] = Project(id=p, cost=project.cost, extra={"neighborhood": n})
    assert rules.from_meta(election).selected == ["a", "b", "e"]


def test_partial_funding_is_reported_apart_from_the_selected_set():
    election = _small(leftover_budget=rules.LEFTOVER_PARTIAL)
    election.budget = Fraction(95)  # a and b fit, 5 left: c (30), d (20), e (10) do not
    outcome = rules.from_meta(election)
    assert outcome.selected == ["a", "b"]
    assert outcome.details["partially_funded"] == {"project": "c", "amount": "5"}
    assert outcome.explanations["c"]["reason"] == "partially_funded"
    assert (
        rules.from_meta(_small(leftover_budget=rules.LEFTOVER_PARTIAL)).details.get(
            "partially_funded"
        )
        is None
    )  # nothing left over


def test_poznan_funds_the_first_misfit_from_reserve_when_80_percent_is_there():
    election = _small("greedy-custom", unit="Poznań")
    election.budget = Fraction(114)  # a+b = 90, 24 left, c costs 30: 24 >= 0.8 * 30
    outcome = rules.from_meta(election)
    assert outcome.selected == ["a", "b", "c"]
    assert outcome.explanations["c"]["reason"] == "reserve"
    assert outcome.explanations["d"]["reason"] == "stopped"
    election.budget = Fraction(113)
    assert rules.from_meta(election).selected == ["a", "b"]
    with pytest.raises(rules.RuleError):
        rules.from_meta(_small("greedy-custom", unit="Elders"))


def test_unknown_rules_raise_a_rule_error_with_a_code():
    with pytest.raises(rules.RuleError) as error:
        rules.from_meta(_small("unknown"))
    assert error.value.code == "unsupported_rule"
    with pytest.raises(rules.RuleError) as error:
        rules.run(_small(), "lottery")
    assert error.value.code == "unknown_rule"


def test_equalshares_comparison_takes_greedy_when_more_voters_prefer_it():
    election = _small("equalshares-comparison")
    outcome = rules.from_meta(election)
    counts = outcome.details["comparison"]
    expected = rules.run(
        election, "greedy" if counts["prefer_greedy"] > counts["prefer_mes"] else "mes"
    )
    assert outcome.selected == expected.selected


@pytest.mark.parametrize("vote_type", VOTE_TYPES)
def test_greedy_fast_totals_equal_the_satisfaction_sums_even_with_a_repeated_project(vote_type):
    from pbengine.greedy import _totals
    from pbengine.satisfaction import total_satisfaction

    generator = random.Random(f"totals-{vote_type}")
    for _ in range(20):
        election = _random_election(generator, vote_type)
        assert _totals(election) == total_satisfaction(election)
    election = _random_election(generator, "approval")
    election.ballots.append(Ballot(projects=(next(iter(election.projects)),) * 2, voter_id="x"))
    assert _totals(election) == total_satisfaction(election)


@pytest.mark.parametrize("vote_type", VOTE_TYPES)
def test_satisfaction_sums_over_ballot_kinds_equal_the_sum_over_every_ballot(vote_type):
    """`total_satisfaction` sums each kind of ballot once, times its voters (`ballot_kinds`):
    the same totals as every ballot one by one, with rankings that differ only in their last
    project and ballots that name a project twice (last in a ranking too)."""
    from pbengine.satisfaction import ballot_utilities, total_satisfaction

    generator = random.Random(f"kinds-{vote_type}")
    for _ in range(20):
        election = _random_election(generator, vote_type)
        for ballot in list(election.ballots[:5]):
            if ballot.projects and ballot.points is None:
                twice = (*ballot.projects, ballot.projects[0])
                election.ballots.append(Ballot(projects=twice, voter_id="t"))
                election.ballots.append(Ballot(projects=ballot.projects[::-1], voter_id="r"))
        plain = dict.fromkeys(election.projects, 0)
        for ballot in election.ballots:
            for project, value in ballot_utilities(election, ballot).items():
                plain[project] += value
        assert total_satisfaction(election) == plain
        # what MES's preparation keeps for a greedy completion: the same, per candidate
        candidates = sorted(election.projects)[1:]
        totals = total_satisfaction(election)
        assert Prepared(election).totals == totals
        assert Prepared(election, projects=candidates).totals == {p: totals[p] for p in candidates}


# --- Equal Shares in Pabulib META (the completion that was used) ------------------------------


def _with_rule_meta(election: Election, name: str) -> Election:
    """The election written as a Pabulib file whose META names `name` (`PABULIB_MES`), and read
    back from that text."""
    meta_rule, leftover = rules.PABULIB_MES[name]
    meta = {**election.meta, "rule": meta_rule, "budget": str(election.budget)}
    if leftover:
        meta["leftover_budget"] = leftover
    written = Election(
        budget=election.budget,
        vote_type=election.vote_type,
        projects=election.projects,
        ballots=election.ballots,
        meta=meta,
    )
    return pabulib.parse(pabulib.write(written))


def test_every_equal_shares_rule_has_its_own_pabulib_meta():
    names = {name: rules.PABULIB_MES[name] for name in rules.RULES if name.startswith("mes")}
    assert len(set(names.values())) == len(names) == 5
    assert names["mes-add1"] == ("equalshares/add1", None)
    assert names["mes-budget-increase-greedy"] == (
        "equalshares/budget-increase",
        rules.LEFTOVER_MES_GREEDY,
    )
    assert set(rules.PABULIB_COMMENTS) == {
        "equalshares/budget-increase",
        *rules.PABULIB_EES.values(),
    }


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "ordinal"])
def test_an_equal_shares_file_read_back_applies_the_completion_it_names(vote_type):
    """Written with each variant's META and read back, `from_meta` gives that variant's outcome;
    the seeded elections tell the completions apart, so a META that named the wrong completion
    (budget increase as `equalshares/add1`, or leaving out the greedy rest) fails."""
    generator = random.Random(f"mes-meta-{vote_type}-20261205")
    told_apart = set()
    for _ in range(60):
        election = _random_election(generator, vote_type)
        if not election.ballots:
            continue
        outcomes = {}
        for name in rules.PABULIB_MES:
            expected = rules.run(election, name).selected
            read_back = rules.from_meta(_with_rule_meta(election, name))
            assert sorted(read_back.selected) == sorted(expected), (name, election)
            outcomes[name] = frozenset(expected)
        told_apart |= {
            pair
            for pair in (
                ("mes-add1", "mes-add1-greedy"),
                ("mes-add1", "mes-budget-increase"),
                ("mes-budget-increase", "mes-budget-increase-greedy"),
            )
            if outcomes[pair[0]] != outcomes[pair[1]]
        }
    assert len(told_apart) >= 2
    if vote_type == "approval":  # with these seeds only approval ballots part add1 and increase
        assert len(told_apart) == 3


def test_equal_shares_with_an_unknown_leftover_rule_is_refused():
    election = _small("equalshares/add1", leftover_budget=rules.LEFTOVER_FIT)
    with pytest.raises(rules.RuleError) as error:
        rules.from_meta(election)
    assert error.value.code == "unsupported_rule"
    election = _small("equalshares/budget-increase")
    assert rules.from_meta(election).selected == rules.run(election, "mes-budget-increase").selected
