"""Exact Equal Shares as a budget's rule, what every offered rule spends (computed with the
result, shown to staff), and Equal Shares with a budget per category."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pbengine import pabulib, rules
from samenspraak.budgeting import results
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.models import BallotType, OutcomeRule
from samenspraak.budgeting.results import pb_io
from samenspraak.budgeting.tests.test_results import abc, cast, ended, fresh, project  # noqa: F401

pytestmark = pytest.mark.django_db


# --- Exact Equal Shares ---------------------------------------------------------------------


def test_exact_equal_shares_funds_a_and_explains_why_c_is_not(abc, budget):  # noqa: F811
    """€10 per voter: A's six supporters pay €8,33 each; C's four would need €12,50 each."""
    a, b, c = abc
    budget.rule = OutcomeRule.EES
    budget.save()
    result = results.result_compute(fresh(budget))
    assert result.selected == [a.pk]
    rows = {r.project.pk: r.sentence for r in results.result_rows(result, [a, b, c])}
    assert rows[a.pk] == (
        "6 stemmers steunden dit project. Zij betaalden elk precies € 8,33 van hun gelijke deel."
    )
    assert rows[c.pk].startswith("Niet gekozen: er waren niet genoeg voorstanders")
    assert "€ 50" in rows[c.pk]


@pytest.mark.parametrize("rule", [OutcomeRule.EES_ADD_OPT, OutcomeRule.EES_ADD_OPT_SKIP])
def test_the_completions_raise_the_share_until_c_is_funded(abc, budget, rule):  # noqa: F811
    """At €12,50 per voter C's four supporters can pay it; B would need €16,67 (overspends)."""
    a, b, c = abc
    budget.rule = rule
    budget.save()
    result = results.result_compute(fresh(budget))
    assert result.selected == [a.pk, c.pk]
    assert result.tally["details"]["voter_budget"] == 12.5
    assert result.tally["spent"] == "100.00"


def test_the_public_page_says_what_the_rule_does(abc, budget, manager, client):  # noqa: F811
    budget.rule = OutcomeRule.EES_ADD_OPT_SKIP
    budget.save()
    result = results.result_compute(fresh(budget))
    results.result_publish(result, actor=manager)
    page = client.get(reverse("budgeting:results", args=[budget.pk])).content.decode()
    assert "Exact gelijke delen, snel aangevuld (ADD-OPT-SKIP)" in page
    assert "het deel gaat alleen omhoog tot waar er een project bij kan" in page
    assert "Zij betaalden elk precies € 12,50 van hun gelijke deel." in page


def test_a_knapsack_budget_under_ees_partly_paid_explains_who_paid(budget, ended):  # noqa: F811
    """€50 for five voters (€10 each). Four back X (€30), one of them also Y (€10), and a fifth
    backs Y only. X first (four payers at €7,50). Y then has two supporters, with €2,50 and
    €10 left: two cannot each pay €5, so its one payer pays all €10 and the other nothing."""
    budget.amount = Decimal("50")
    budget.ballot_type = BallotType.KNAPSACK
    budget.rule = OutcomeRule.EES
    budget.save()
    x = project(budget, "30", "X")
    y = project(budget, "10", "Y")
    for _ in range(3):
        cast(budget, {x: 1})
    cast(budget, {x: 1, y: 1})
    cast(budget, {y: 1})
    result = results.result_compute(fresh(budget))
    assert result.selected == [x.pk, y.pk]
    rows = {r.project.pk: r.sentence for r in results.result_rows(result, [x, y])}
    assert rows[y.pk] == (
        "2 stemmers steunden dit project. 1 van hen betaalde € 10 van zijn of haar gelijke "
        "deel; de anderen hadden minder dan € 10 over en betaalden niets."
    )


def test_ees_on_points_cannot_be_saved(process, manager):
    with pytest.raises(ValidationError) as caught:
        budget_services.budget_save(
            actor=manager,
            process=process,
            title="Punten",
            amount=Decimal("1000"),
            ballot_type=BallotType.CUMULATIVE,
            points=10,
            rule=OutcomeRule.EES,
        )
    assert "alleen met de stembiljetten" in str(caught.value.message_dict["rule"])


def test_ees_with_a_budget_per_category_cannot_be_saved(process, manager):
    with pytest.raises(ValidationError) as caught:
        budget_services.budget_save(
            actor=manager,
            process=process,
            title="Thema's",
            amount=Decimal("1000"),
            ballot_type=BallotType.APPROVAL,
            rule=OutcomeRule.EES_ADD_OPT,
            category_budgets={"Groen": "500.00"},
        )
    assert "budget per categorie" in str(caught.value.message_dict["rule"])


def test_bad_rule_choice_comes_back_with_what_was_typed(process, staff_client):
    url = reverse("budgeting:manage_budget_new", args=[process.slug])
    response = staff_client.post(
        url,
        {
            "title": "Punten voor parken",
            "amount": "12.500",
            "support_threshold": "0",
            "ballot_type": BallotType.CUMULATIVE,
            "points": "10",
            "rule": OutcomeRule.EES,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Exact gelijke delen werkt alleen met de stembiljetten" in page
    assert 'value="Punten voor parken"' in page
    assert 'value="12.500"' in page
    assert "Wat doet elke regel?" in page


def test_an_ees_result_is_exported_with_its_own_rule_name(abc, budget, manager):  # noqa: F811
    a, _b, c = abc
    budget.rule = OutcomeRule.EES_ADD_OPT
    budget.save()
    results.result_publish(results.result_compute(fresh(budget)), actor=manager)
    text = pb_io.export_text(fresh(budget))
    election = pabulib.parse(text)
    assert election.meta["rule"] == "exact-equalshares/add-opt"
    assert "ADD-OPT" in election.meta["comment"]
    assert sorted(rules.from_meta(election).selected) == sorted([str(a.pk), str(c.pk)])


def test_api_rule_choices_include_the_exact_rules():
    from samenspraak.budgeting.api.serializers import BudgetSerializer

    choices = BudgetSerializer().fields["rule"].choices
    assert {"ees", "ees-add-opt", "ees-add-opt-skip"} <= set(choices)


# --- what each rule spends ------------------------------------------------------------------


def test_the_computation_stores_what_every_rule_spends(abc, budget):  # noqa: F811
    result = results.result_compute(fresh(budget))
    spend = {row["rule"]: row for row in result.rule_spend}
    assert list(spend) == list(OutcomeRule.values)
    assert spend["greedy"] == {
        "rule": "greedy",
        "funded": 2,
        "spent": "100.00",
        "satisfied": 6,
        "problem": "",
    }
    assert spend["mes"]["funded"] == 1 and spend["mes"]["spent"] == "50.00"
    assert spend["ees-add-opt"]["satisfied"] == 10
    assert "minimum aantal stemmen" in spend["greedy-threshold"]["problem"]
    rows = {row.rule: row for row in results.spend_rows(budget, result)}
    assert rows["greedy"].share == 100 and rows["mes"].share == 50
    assert rows["mes-add1-greedy"].own
    assert rows["mes"].satisfied_share == 60


def test_a_rule_that_cannot_be_applied_is_shown_with_why(budget, ended, staff_client):  # noqa: F811
    """Points ballots: the exact rules raise a RuleError; the page says why, no error page."""
    budget.amount = Decimal("100")
    budget.ballot_type = BallotType.CUMULATIVE
    budget.points = 5
    budget.rule = OutcomeRule.GREEDY
    budget.save()
    a = project(budget, "60", "A")
    b = project(budget, "40", "B")
    cast(budget, {a: 3, b: 2})
    cast(budget, {b: 5})
    result = results.result_compute(fresh(budget))
    spend = {row["rule"]: row for row in result.rule_spend}
    assert spend["ees"]["funded"] == 0
    assert "alleen met de stembiljetten" in spend["ees"]["problem"]
    page = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Wat elke regel uitgeeft" in text
    assert "Niet te berekenen: Deze regel werkt alleen met de stembiljetten" in text
    assert "100 % van het budget" in text


def test_the_manage_page_shows_the_share_of_the_budget(abc, budget, staff_client):  # noqa: F811
    url = reverse("budgeting:result_manage", args=[budget.pk])
    before = staff_client.get(url).content.decode()
    assert "Na het berekenen van de uitslag ziet u hier per regel" in before
    results.result_compute(fresh(budget))
    page = staff_client.get(url).content.decode()
    assert "(de regel van dit budget)" in page
    assert "50 % van het budget" in page  # plain Equal Shares: A only
    assert "6 (60 %)" in page


def test_during_the_vote_the_spend_is_not_yet_available(budget, process, staff_client):
    from samenspraak.budgeting.tests.conftest import VOTE, phase_of

    phase_of(process, VOTE, "during")
    page = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert "Dit is nog niet beschikbaar" in page.content.decode()


def test_an_older_result_without_the_table_asks_to_compute_again(abc, budget, staff_client):  # noqa: F811
    result = results.result_compute(fresh(budget))
    type(result).objects.filter(pk=result.pk).update(rule_spend=[])
    page = staff_client.get(reverse("budgeting:result_manage", args=[budget.pk]))
    assert "Bereken de uitslag opnieuw om per regel te zien" in page.content.decode()


# --- Equal Shares with a budget per category --------------------------------------------------


def test_equal_shares_respects_a_category_cap(abc, budget):  # noqa: F811
    """A, B and C all Groen, capped at €50: Equal Shares funds A; C (which add-one funds
    without the cap) no longer fits in Groen, and the greedy rest adds nothing."""
    a, b, c = abc
    uncapped = results.result_compute(fresh(budget))
    assert set(uncapped.selected) == {a.pk, c.pk}
    for item in (a, b, c):
        item.category = "Groen"
        item.save()
    budget.category_budgets = {"Groen": "50.00"}
    budget.save()
    result = results.result_compute(fresh(budget))
    assert result.selected == [a.pk]
    facts = result.explanations[str(c.pk)]
    assert facts["reason"] == "category_full"
    rows = {r.project.pk: r.sentence for r in results.result_rows(result, [a, b, c])}
    assert rows[c.pk] == (
        "Niet gekozen: het budget voor de categorie ‘Groen’ had nog € 0 over, het project kost "
        "€ 50."
    )
    spend = {row["rule"]: row for row in result.rule_spend}
    assert "budget per categorie" in spend["ees"]["problem"]
    assert spend["greedy"]["funded"] == 1  # the greedy rules respect the cap too


def test_a_capped_export_carries_the_caps_and_replays_to_the_same_outcome(abc, budget, manager):  # noqa: F811
    a, b, c = abc
    for item in (a, b, c):
        item.category = "Groen"
        item.save()
    budget.category_budgets = {"Groen": "50.00"}
    budget.rule = OutcomeRule.MES_ADD1
    budget.save()
    results.result_publish(results.result_compute(fresh(budget)), actor=manager)
    election = pabulib.parse(pb_io.export_text(fresh(budget)))
    assert election.meta["categories"] == "Groen"
    assert election.meta["budget_per_category"] == "50"
    assert rules.from_meta(election).selected == [str(a.pk)]


def test_the_replay_shows_plain_ees_or_says_why_not():
    approval = (
        "META\nkey;value\nnum_projects;2\nnum_votes;3\nbudget;100\nvote_type;approval\n"
        "rule;greedy\nPROJECTS\nproject_id;cost\n1;60\n2;40\nVOTES\nvoter_id;vote\n"
        "1;1\n2;1,2\n3;2\n"
    )
    replay = pb_io.replay(approval)
    columns = {c.rule: c for c in replay.comparison.columns}
    # €33,33 each: 1 and 2 both have two payers (a tie, 1 first); voter 2 then has €3,33 left,
    # so 2's supporters cannot each pay €20, and voter 3 alone cannot pay €40
    assert columns[OutcomeRule.EES].outcome.selected == ["1"]
    points = approval.replace("vote_type;approval", "vote_type;cumulative").replace(
        "voter_id;vote\n1;1\n2;1,2\n3;2\n", "voter_id;vote;points\n1;1;3\n2;1,2;1,2\n3;2;3\n"
    )
    replay = pb_io.replay(points)
    assert OutcomeRule.EES not in {c.rule for c in replay.comparison.columns}
    assert any("werken niet met de stemmen" in note for note in replay.notes)


def test_a_rule_that_takes_too_long_is_shown_as_such(abc, budget):  # noqa: F811
    """Out of time (here: none at all), the Equal Shares rules are named as too slow; the
    greedy rules (no deadline, they are quick) and the budget's own outcome are still there."""
    budget.rule = OutcomeRule.GREEDY
    budget.save()
    election, _by_id = results.budget_election(fresh(budget))
    spend = {row["rule"]: row for row in results.rule_spend(election, budget, seconds=-1)}
    assert spend["greedy"]["funded"] == 2 and spend["greedy"]["problem"] == ""
    for rule in ("mes", "mes-add1", "ees-add-opt", "ees-add-opt-skip"):
        assert "duurt hier te lang" in spend[rule]["problem"], rule
        assert spend[rule]["funded"] == 0


# --- greedy by score on rankings (it existed for points; rankings had no test) ---------------


def test_greedy_on_rankings_is_highest_score_first(budget, ended):  # noqa: F811
    """Top 2 of three: a first place scores 2, a second 1 (`len(ballot) - position`, Pabulib's
    ordinal score). The dear project ranked first by two voters (score 4) comes before the cheap
    one ranked second by all three (score 3), which then no longer fits; the third fits."""
    budget.ballot_type = BallotType.RANKING
    budget.max_choices = 2
    budget.rule = OutcomeRule.GREEDY
    budget.amount = Decimal("1000")
    budget.save()
    dear = project(budget, "800", "Duur")
    cheap = project(budget, "300", "Goedkoop")
    third = project(budget, "150", "Derde")
    cast(budget, {dear: 1, cheap: 2})
    cast(budget, {dear: 1, cheap: 2})
    cast(budget, {third: 1, cheap: 2})
    result = results.result_compute(fresh(budget))
    assert result.selected == [dear.pk, third.pk]
    rows = {r.project.pk: r.sentence for r in results.result_rows(result, [dear, cheap, third])}
    assert rows[dear.pk].startswith("Plaats 1 met 4 punten.")
    assert rows[cheap.pk].startswith("Plaats 2 met 3 punten. Paste niet meer")


def test_a_replayed_file_with_caps_runs_its_equal_shares_rule_with_them(abc, budget, manager):  # noqa: F811
    """Our own export of a capped mes-add1 budget: the file's column is the capped outcome (A),
    not the uncapped add-one column (A and C); out of time it says so instead of waiting."""
    a, b, c = abc
    for item in (a, b, c):
        item.category = "Groen"
        item.save()
    budget.category_budgets = {"Groen": "50.00"}
    budget.rule = OutcomeRule.MES_ADD1
    budget.save()
    results.result_publish(results.result_compute(fresh(budget)), actor=manager)
    text = pb_io.export_text(fresh(budget))
    replay = pb_io.replay(text)
    columns = {c.rule: c for c in replay.comparison.columns}
    assert columns["file"].outcome.selected == [str(a.pk)]
    assert sorted(columns[OutcomeRule.MES_ADD1].outcome.selected) == sorted([str(a.pk), str(c.pk)])
    late = pb_io.replay(text, seconds=-1)
    assert "duurt te lang" in late.file_rule_problem
