"""Filling in: server-side conditions and each question kind's validation."""

import pytest

from samenspraak.surveys.forms import SurveyForm
from samenspraak.surveys.tests.conftest import questions, valid_post

pytestmark = pytest.mark.django_db


def test_valid_answers_are_cleaned_to_indices_numbers_text_and_ranks(survey):
    form = SurveyForm(survey, valid_post(survey))
    assert form.is_valid(), form.errors
    q = questions(survey)
    assert form.answers == {
        q[0].pk: 0,
        q[1].pk: [0, 2],
        q[2].pk: 4,
        q[3].pk: "Meer groen",
        q[4].pk: [2, 1, 3],
    }


def test_hidden_conditional_question_is_not_required_and_its_answer_is_dropped(survey):
    """'Nee' at question 1 hides question 2: leaving it empty is fine, and what was ticked
    there anyway (no JavaScript) is not stored."""
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[0].pk}": "1"}))
    assert form.is_valid(), form.errors
    assert q[1].pk not in form.answers
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[0].pk}": "1", f"q{q[1].pk}": []}))
    assert form.is_valid(), form.errors


def test_shown_conditional_question_is_required(survey):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[1].pk}": []}))
    assert not form.is_valid()
    assert form.errors[f"q{q[1].pk}"] == ["Beantwoord deze vraag."]


def test_conditional_question_is_hidden_when_its_source_is_unanswered(survey):
    q = questions(survey)
    data = valid_post(survey)
    del data[f"q{q[0].pk}"]
    form = SurveyForm(survey, data)
    assert not form.is_valid()
    assert f"q{q[0].pk}" in form.errors
    assert f"q{q[1].pk}" not in form.errors


def test_optional_open_question_may_stay_empty(survey):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[3].pk}": "   "}))
    assert form.is_valid(), form.errors
    assert q[3].pk not in form.answers


def test_open_answer_that_is_too_long_is_refused(survey):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[3].pk}": "x" * 5001}))
    assert not form.is_valid()
    assert "te lang" in form.errors[f"q{q[3].pk}"][0]


@pytest.mark.parametrize("value", ["2", "-1", "abc"])
def test_single_choice_outside_the_options_is_refused(survey, value):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[0].pk}": value}))
    assert not form.is_valid()
    assert f"q{q[0].pk}" in form.errors


def test_multiple_choice_with_unknown_option_is_refused(survey):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[1].pk}": ["0", "9"]}))
    assert not form.is_valid()
    assert f"q{q[1].pk}" in form.errors


@pytest.mark.parametrize("value", ["0", "6", "3.5"])
def test_scale_value_outside_min_max_is_refused(survey, value):
    q = questions(survey)
    form = SurveyForm(survey, valid_post(survey, **{f"q{q[2].pk}": value}))
    assert not form.is_valid()
    assert f"q{q[2].pk}" in form.errors


def test_required_scale_left_empty_gets_a_message(survey):
    q = questions(survey)
    data = valid_post(survey)
    del data[f"q{q[2].pk}"]
    form = SurveyForm(survey, data)
    assert not form.is_valid()
    assert form.errors[f"q{q[2].pk}"] == ["Beantwoord deze vraag."]


@pytest.mark.parametrize(
    "ranks",
    [("1", "1", "2"), ("1", "2", ""), ("1", "2", "4"), ("0", "1", "2"), ("1", "2", "x")],
)
def test_ranking_must_be_a_permutation(survey, ranks):
    """Without JavaScript a ranking is numbers per item: each of 1..n exactly once."""
    q = questions(survey)
    overrides = {f"q{q[4].pk}_r{i}": rank for i, rank in enumerate(ranks)}
    form = SurveyForm(survey, valid_post(survey, **overrides))
    assert not form.is_valid()
    assert any(key.startswith(f"q{q[4].pk}") for key in form.errors)


def test_ranking_permutation_error_names_the_rule(survey):
    q = questions(survey)
    overrides = {f"q{q[4].pk}_r0": "1", f"q{q[4].pk}_r1": "1", f"q{q[4].pk}_r2": "2"}
    form = SurveyForm(survey, valid_post(survey, **overrides))
    assert not form.is_valid()
    assert "Elk nummer één keer" in form.errors[f"q{q[4].pk}"][0]


def test_required_ranking_left_empty_gets_a_message(survey):
    q = questions(survey)
    overrides = {f"q{q[4].pk}_r{i}": "" for i in range(3)}
    form = SurveyForm(survey, valid_post(survey, **overrides))
    assert not form.is_valid()
    assert form.errors[f"q{q[4].pk}"] == ["Beantwoord deze vraag."]
