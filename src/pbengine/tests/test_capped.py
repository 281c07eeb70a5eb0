"""Equal Shares with category caps and its completions (`capped`), through `rules.run(...,
caps=)` and a Pabulib file's META (`budget_per_category`): hand-made elections where a cap
binds, caps that cannot bind give `mes.equal_shares`' outcome, and on seeded random elections
no outcome passes a cap or the budget and the greedy rest leaves nothing that still fits."""

from __future__ import annotations

import dataclasses
import random
from fractions import Fraction

import pytest

from pbengine import pabulib, rules
from pbengine.mes import COMPLETIONS, TooSlow
from pbengine.model import Election
from pbengine.tests.test_mes_caps import _election
from pbengine.tests.test_rules import _random_election

MES_RULES = [name for name in rules.RULES if name.startswith("mes")]


@pytest.fixture
def parks():
    """€130 for 13 voters (€10 each). Nine back A and B (Groen, €45 each), four back C (Sport,
    €40). Plain Equal Shares funds A (€5 each from the nine) and C (€10 each from the four); B
    needs €45 and the nine have €45 left, so B is funded too."""
    return _election(
        130,
        {"A": (45, ("Groen",)), "B": (45, ("Groen",)), "C": (40, ("Sport",))},
        [(9, ("A", "B")), (4, ("C",))],
    )


@pytest.mark.parametrize("rule", MES_RULES)
def test_a_binding_cap_leaves_out_the_project_that_no_longer_fits(parks, rule):
    assert sorted(rules.run(parks, rule).selected) == ["A", "B", "C"]
    capped = rules.run(parks, rule, caps={"Groen": Fraction(60)})
    assert sorted(capped.selected) == ["A", "C"]
    assert capped.rule == rule
    facts = capped.explanations["B"]
    assert facts["reason"] == "category_full"
    assert facts["category"] == "Groen"
    assert facts["category_left"] == 15.0
    assert capped.details["caps_left"] == {"Groen": 15.0}


def test_a_cap_met_exactly_still_funds_both(parks):
    assert sorted(rules.run(parks, "mes", caps={"Groen": Fraction(90)}).selected) == [
        "A",
        "B",
        "C",
    ]


def test_the_greedy_rest_respects_the_caps():
    """€100 for 4 voters (€25 each). Three back D (Groen, €90), one backs E (Groen, €10) and F
    (Sport, €10). Equal Shares funds E and F; D costs more than its three supporters hold
    (€75), and the add-one completion overspends before it funds D (the voters would need €30
    each: €90 + €10 + €10 > €100). The greedy rest would take nothing either (D does not fit in
    the €80 left). With Groen capped at €15, E fills Groen: D can never come in, and F still
    does."""
    election = _election(
        100,
        {"D": (90, ("Groen",)), "E": (10, ("Groen",)), "F": (10, ("Sport",))},
        [(3, ("D",)), (1, ("E", "F"))],
    )
    for rule in ("mes-add1-greedy", "mes-budget-increase-greedy"):
        plain = rules.run(election, rule)
        capped = rules.run(election, rule, caps={"Groen": Fraction(15)})
        assert sorted(plain.selected) == ["E", "F"]
        assert sorted(capped.selected) == ["E", "F"]
        assert capped.explanations["D"]["reason"] == "category_full"
    # a greedy rest that would fund D without the cap, but not with it
    election = dataclasses.replace(election, budget=Fraction(130))
    assert "D" in rules.run(election, "mes-add1-greedy").selected
    capped = rules.run(election, "mes-add1-greedy", caps={"Groen": Fraction(15)})
    assert "D" not in capped.selected


def _with_categories(generator: random.Random, election: Election) -> Election:
    names = ["Groen", "Sport", "Cultuur"]
    projects = {
        p: dataclasses.replace(
            project, categories=tuple(generator.sample(names, generator.randint(0, 2)))
        )
        for p, project in election.projects.items()
    }
    return dataclasses.replace(election, projects=projects)


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "ordinal"])
def test_caps_that_cannot_bind_give_the_uncapped_outcome(vote_type):
    generator = random.Random(f"caps-free-{vote_type}-20261206")
    for _ in range(25):
        election = _with_categories(generator, _random_election(generator, vote_type))
        # a cap of the budget could bind in a round of a completion that would overspend
        everything = sum((project.cost for project in election.projects.values()), Fraction(0))
        caps = {"Groen": everything, "Sport": everything * 2}
        for rule in MES_RULES:
            expected = rules.run(election, rule)
            capped = rules.run(election, rule, caps=caps)
            assert capped.selected == expected.selected, (rule, election)


@pytest.mark.parametrize("vote_type", ["approval", "cumulative"])
def test_no_outcome_passes_a_cap_and_the_greedy_rest_leaves_nothing_that_fits(vote_type):
    generator = random.Random(f"caps-bind-{vote_type}-20261206")
    bound = 0
    for _ in range(25):
        election = _with_categories(generator, _random_election(generator, vote_type))
        caps = {"Groen": election.budget / 4, "Sport": election.budget / 3}
        for rule in MES_RULES:
            outcome = rules.run(election, rule, caps=caps)
            spent = {name: Fraction(0) for name in caps}
            for p in outcome.selected:
                for category in election.projects[p].categories:
                    if category in spent:
                        spent[category] += election.projects[p].cost
            assert all(spent[name] <= caps[name] for name in caps), (rule, election)
            total = sum((election.projects[p].cost for p in outcome.selected), Fraction(0))
            assert total <= election.budget
            if rule.endswith("-greedy"):
                for p, project in election.projects.items():
                    if p in outcome.selected or not any(
                        p in ballot.projects for ballot in election.ballots
                    ):
                        continue
                    fits = total + project.cost <= election.budget and all(
                        spent[c] + project.cost <= caps[c] for c in project.categories if c in caps
                    )
                    assert not fits, (rule, p, election)
            bound += any(f.get("reason") == "category_full" for f in outcome.explanations.values())
    assert bound > 10  # the caps really bind on many of these elections


def test_a_file_with_budget_per_category_is_replayed_with_the_caps(parks):
    meta = {
        **parks.meta,
        "rule": "equalshares/add1",
        "budget": "130",
        "categories": "Groen,Sport",
        "budget_per_category": "60,130",
    }
    text = pabulib.write(dataclasses.replace(parks, meta=meta))
    assert "budget_per_category;60,130" in text
    read_back = pabulib.parse(text)
    assert read_back.projects["A"].categories == ("Groen",)
    outcome = rules.from_meta(read_back)
    assert sorted(outcome.selected) == ["A", "C"]
    assert outcome.details["meta_rule"] == "equalshares/add1"


def test_budget_per_neighbourhood_with_equal_shares_is_refused(parks):
    meta = {
        **parks.meta,
        "rule": "equalshares",
        "neighborhoods": "Noord",
        "budget_per_neighborhood": "60",
    }
    with pytest.raises(rules.RuleError):
        rules.from_meta(dataclasses.replace(parks, meta=meta))


@pytest.mark.parametrize("rule", ["greedy", "ees", "ees-add-opt"])
def test_other_rules_refuse_caps_rather_than_ignore_them(parks, rule):
    with pytest.raises(rules.RuleError) as caught:
        rules.run(parks, rule, caps={"Groen": Fraction(60)})
    assert caught.value.code == "caps_unsupported"


def test_a_past_deadline_stops_the_completion(parks):
    from pbengine.capped import equal_shares_capped

    with pytest.raises(TooSlow):
        equal_shares_capped(parks, {"Groen": 60}, completion="add1", deadline=0.0)


@pytest.mark.parametrize("name", sorted(rules.PABULIB_EES))
def test_an_exact_equal_shares_file_is_replayed_with_its_rule(parks, name):
    meta = {**parks.meta, "rule": rules.PABULIB_EES[name], "budget": "130"}
    read_back = pabulib.parse(pabulib.write(dataclasses.replace(parks, meta=meta)))
    outcome = rules.from_meta(read_back)
    assert outcome.selected == rules.run(parks, name).selected


@pytest.mark.parametrize("vote_type", ["approval", "cumulative", "ordinal"])
def test_the_fast_capped_runs_give_the_exact_outcome(vote_type):
    """Every capped run is `run_fast(..., caps=)`: on seeded random elections with caps from
    loose to tight (a project may be in two capped categories), every completion selects the
    same projects in the same order, after the same number of rounds, with the same reasons,
    as exact reference runs with the caps throughout."""
    from pbengine.capped import equal_shares_capped

    generator = random.Random(f"caps-fast-{vote_type}-20261206")
    for _ in range(30):
        election = _with_categories(generator, _random_election(generator, vote_type))
        for share in (Fraction(1, 3), Fraction(1, 8)):
            caps = {"Groen": election.budget * share, "Sport": election.budget * share * 2}
            for completion in COMPLETIONS:
                fast = equal_shares_capped(election, caps, completion=completion)
                exact = equal_shares_capped(election, caps, completion=completion, exact_only=True)
                assert fast.selected == exact.selected, (completion, caps, election)
                assert fast.details["rounds"] == exact.details["rounds"]
                assert {p: f["reason"] for p, f in fast.explanations.items()} == {
                    p: f["reason"] for p, f in exact.explanations.items()
                }
