"""The engine's facts per project become one plain sentence, in Dutch and in English."""

from django.utils import translation

from samenspraak.budgeting.results.explain import explain, money


def test_money_is_dutch_with_whole_euros_or_cents():
    assert money(22000) == "€ 22.000"
    assert money(41.2) == "€ 41,20"


def test_money_in_english_uses_english_separators():
    with translation.override("en"):
        assert money(22000) == "€22,000"


def test_greedy_funded_says_rank_votes_and_what_was_left():
    facts = {"rank": 3, "score": 410 * 1000.0, "selected": True, "reason": "fits"}
    facts["remaining_before"] = 22000.0
    assert explain("greedy", facts, votes=410, cost=1000) == (
        "Plaats 3 met 410 stemmen. Het paste nog in het budget (er was nog € 22.000 over)."
    )


def test_greedy_skipped_says_it_did_not_fit():
    facts = {"rank": 5, "selected": False, "reason": "does_not_fit", "remaining_before": 5000}
    assert explain("greedy", facts, votes=120, cost=12000) == (
        "Plaats 5 met 120 stemmen. Paste niet meer: nog € 5.000 over, het project kost € 12.000."
    )


def test_greedy_threshold_and_stop_are_explained():
    below = {"rank": 2, "selected": False, "reason": "below_threshold"}
    assert "minstens 50 stemmen" in explain("greedy-threshold", below, votes=3, threshold=50)
    stopped = {"rank": 4, "selected": False, "reason": "stopped"}
    assert "stopt de verdeling" in explain("greedy-no-skip", stopped, votes=3, cost=10)


def test_cumulative_scores_are_points():
    facts = {"rank": 1, "score": 380.0, "selected": True, "reason": "fits", "remaining_before": 10}
    assert explain("greedy", facts, vote_type="cumulative", votes=40).startswith(
        "Plaats 1 met 380 punten."
    )


def test_equal_shares_funded_says_what_each_supporter_paid():
    facts = {
        "selected": True,
        "supporters": 212,
        "share": 41.2,
        "paid_in_full": 200,
        "paid_rest": 12,
        "reason": "funded",
        "completion": None,
    }
    assert explain("mes-add1-greedy", facts, cost=8000) == (
        "212 stemmers steunden dit project. Zij betaalden elk € 41,20 van hun gelijke deel; "
        "12 van hen hadden minder over en gaven alles wat ze nog hadden."
    )


def test_equal_shares_not_funded_says_money_left_against_cost():
    facts = {
        "selected": False,
        "supporters": 35,
        "reason": "too_expensive",
        "money_left": 8100.0,
        "completion": None,
    }
    assert explain("mes", facts, cost=20000) == (
        "Niet gekozen: de 35 voorstanders hadden samen nog € 8.100 over, het project kost € 20.000."
    )


def test_equal_shares_completion_and_no_supporters():
    completed = {"selected": True, "supporters": 3, "reason": "funded", "completion": "greedy"}
    assert explain("mes-add1-greedy", completed, cost=500).startswith("Gekozen in de aanvulling")
    nobody = {"selected": False, "supporters": 0, "reason": "not_reached"}
    assert explain("mes", nobody, cost=500) == "Niet gekozen: niemand stemde op dit project."


def test_missing_facts_never_fail():
    assert explain("greedy", None, votes=None) == ""
    assert explain("mes", {"selected": False}, cost=None)
    assert explain("mes", {"supporters": 4, "reason": "odd"}, cost=10)


def test_english_sentence():
    facts = {"rank": 5, "selected": False, "reason": "does_not_fit", "remaining_before": 5000}
    with translation.override("en"):
        text = explain("greedy", facts, votes=120, cost=12000)
    assert "12,000" in text
