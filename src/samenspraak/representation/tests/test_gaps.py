"""The comparison and its suppression, without a database."""

import itertools
import random

import pytest

from samenspraak.representation.gaps import compare, known_share, suppress
from samenspraak.representation.models import MIN_CELL, NOT_SAID

GROUPS = [("a", "A"), ("b", "B"), ("c", "C")]


def test_gap_is_participants_share_minus_population_share():
    comparison = compare(
        "leeftijd",
        "Leeftijd",
        GROUPS,
        {"a": 50, "b": 30, "c": 20, NOT_SAID: 10},
        {"a": 200, "b": 300, "c": 500},
    )
    a, b, c = comparison.cells
    # Over the 100 who answered (the 10 "wil ik niet zeggen" are shown, so excluded).
    assert (a.shown_participant_share, b.shown_participant_share) == (50.0, 30.0)
    assert (a.shown_population_share, c.shown_population_share) == (20.0, 50.0)
    assert (a.shown_gap, b.shown_gap, c.shown_gap) == (30.0, 0.0, -30.0)
    assert comparison.shown_total == 110
    assert comparison.shown_not_said == 10
    assert comparison.shown_population_total == 1000


def test_cells_under_ten_are_hidden_with_their_share_and_gap():
    comparison = compare(
        "leeftijd",
        "Leeftijd",
        GROUPS,
        {"a": 9, "b": 30, "c": 25, NOT_SAID: 12},
        {"a": 8, "b": 300, "c": 500},
    )
    a, b, c = comparison.cells
    assert a.shown_participants is None and a.shown_participant_share is None
    assert a.shown_population is None and a.shown_population_share is None
    assert a.shown_gap is None
    # One hidden participant cell: the smallest other one (not-said, 12) is hidden too.
    assert comparison.shown_not_said is None
    assert (b.shown_participants, c.shown_participants) == (30, 25)
    # One hidden population cell: the next smallest (b) goes as well.
    assert b.shown_population is None and c.shown_population == 500


def test_shares_are_over_everyone_when_not_said_is_hidden():
    """Otherwise count / share would give the number who answered, and total minus that the
    hidden not-said cell."""
    comparison = compare(
        "geslacht", "Geslacht", GROUPS, {"a": 40, "b": 30, "c": 25, NOT_SAID: 3}, None
    )
    assert comparison.share_over_all
    a = comparison.cells[0]
    assert a.shown_participant_share == round(100 * 40 / 98, 1)


def test_fewer_than_ten_in_total_shows_nothing():
    comparison = compare("leeftijd", "Leeftijd", GROUPS, {"a": 5, "b": 3}, {"a": 100})
    assert comparison.shown_total is None
    assert all(cell.shown_participants is None for cell in comparison.cells)
    assert comparison.shown_not_said is None


@pytest.mark.parametrize("seed", range(200))
def test_no_hidden_cell_can_be_worked_out_from_the_total(seed):
    """Whatever the counts: never exactly one hidden cell in a partition whose total is shown,
    and every shown share is consistent with hiding (over all counted when not-said is hidden).
    """
    rng = random.Random(seed)
    counts = {value: rng.choice([0, 1, 4, 9, 10, 11, 25, 60]) for value, _ in GROUPS}
    counts[NOT_SAID] = rng.choice([0, 2, 9, 10, 30])
    comparison = compare("leeftijd", "Leeftijd", GROUPS, counts, None)
    hidden = [cell.participants_hidden for cell in comparison.cells] + [comparison.not_said_hidden]
    if comparison.shown_total is not None:
        assert sum(hidden) != 1
    for cell in comparison.cells:
        assert cell.shown_participants is None or cell.shown_participants >= MIN_CELL
    assert comparison.share_over_all == comparison.not_said_hidden


def test_suppress_hides_small_and_one_more():
    assert suppress([50, 20, 3]) == [False, True, True]
    assert suppress([50, 2, 3]) == [False, True, True]
    assert suppress([50, 20, 30]) == [False, False, False]
    assert suppress([5]) == [True]


def test_every_hidden_set_has_two_or_more_or_none():
    for counts in itertools.product([0, 5, 10, 40], repeat=3):
        hidden = suppress(list(counts))
        assert sum(hidden) != 1


def test_known_share_waits_for_ten_answers():
    comparison = compare("leeftijd", "Leeftijd", GROUPS, {"a": 3, "b": 4, NOT_SAID: 20}, None)
    assert known_share(comparison, "a") == (None, None)
    comparison = compare(
        "leeftijd", "Leeftijd", GROUPS, {"a": 3, "b": 17, NOT_SAID: 20}, {"a": 50, "b": 50}
    )
    assert known_share(comparison, "a") == (15.0, 50.0)
