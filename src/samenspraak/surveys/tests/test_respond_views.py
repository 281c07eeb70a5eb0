"""Filling in through the pages: without JavaScript, errors keep every answer, once per resident."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.core.registry import process_sections
from samenspraak.surveys.models import Answer, Response, Selection
from samenspraak.surveys.tests.conftest import questions, set_phase, valid_post

pytestmark = pytest.mark.django_db


def respond_url(survey):
    return reverse("surveys:respond", args=[survey.process.slug, survey.pk])


def test_resident_fills_in_the_survey_and_answers_are_stored(client, survey):
    resident = UserFactory()
    client.force_login(resident)
    page = client.get(respond_url(survey))
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count("<h1") == 1
    # The number is a span, so survey.js can renumber it when hidden questions leave the count.
    assert re.search(r'vraag <span data-question-ref="q\d+">1</span> &#x27;Ja&#x27; koos\.', html)
    response = client.post(respond_url(survey), valid_post(survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:thanks", args=[survey.process.slug, survey.pk])
    stored = Response.objects.get(survey=survey)
    assert stored.respondent == resident
    assert Answer.objects.filter(response=stored).count() == 5
    q = questions(survey)
    assert sorted(Selection.objects.filter(question=q[4]).values_list("option", "rank")) == [
        (0, 2),
        (1, 1),
        (2, 3),
    ]
    assert Answer.objects.get(question=q[2]).number == 4


def test_errors_keep_every_answer_typed(client, survey):
    client.force_login(UserFactory())
    q = questions(survey)
    data = valid_post(survey, **{f"q{q[4].pk}_r0": "1", f"q{q[4].pk}_r1": "1"})
    data[f"q{q[3].pk}"] = "Een bankje bij de fontein"
    response = client.post(respond_url(survey), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Een bankje bij de fontein" in html
    assert f'name="q{q[2].pk}" value="4"' in html and "checked" in html
    assert "Elk nummer één keer" in html
    assert f'aria-describedby="q{q[4].pk}-help q{q[4].pk}-error"' in html
    assert not Response.objects.exists()


def test_second_attempt_by_the_same_resident_gets_a_clear_message(client, survey):
    client.force_login(UserFactory())
    client.post(respond_url(survey), valid_post(survey))
    again = client.get(respond_url(survey))
    assert "U heeft deze enquête al ingevuld" in again.content.decode()
    post = client.post(respond_url(survey), valid_post(survey))
    assert "U heeft deze enquête al ingevuld" in post.content.decode()
    assert Response.objects.count() == 1


def test_anonymous_visitor_is_asked_to_log_in_unless_anonymous_answers_are_allowed(client, survey):
    page = client.get(respond_url(survey))
    assert page.status_code == 403
    assert "Inloggen om de enquête in te vullen" in page.content.decode()
    survey.allow_anonymous = True
    survey.save()
    assert client.get(respond_url(survey)).status_code == 200
    assert client.post(respond_url(survey), valid_post(survey)).status_code == 302
    assert client.post(respond_url(survey), valid_post(survey)).status_code == 302
    assert Response.objects.filter(respondent__isnull=True).count() == 2


def test_closed_survey_says_so_and_stores_nothing(client, survey):
    set_phase(survey, "after")
    client.force_login(UserFactory())
    response = client.post(respond_url(survey), valid_post(survey))
    assert response.status_code == 403
    assert "De enquête is gesloten" in response.content.decode()
    assert not Response.objects.exists()


def test_garbage_post_comes_back_as_form_not_500(client, survey):
    client.force_login(UserFactory())
    q = questions(survey)
    response = client.post(respond_url(survey), {f"q{q[0].pk}": ["x", "y"], "other": "z"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="utrecht-alert utrecht-alert--error" role="alert"' in html
    assert f'aria-describedby="id_q{q[0].pk}-error"' in html
    assert not Response.objects.exists()


def test_unknown_survey_or_process_is_404(client, survey):
    assert (
        client.get(reverse("surveys:respond", args=["bestaat-niet", survey.pk])).status_code == 404
    )
    assert (
        client.get(reverse("surveys:respond", args=[survey.process.slug, 999999])).status_code
        == 404
    )


def _section_html(survey, user):
    request = RequestFactory().get("/")
    request.user = user
    sections = [
        s for s in process_sections.collect(request, survey.process) if s.key == "surveys.survey"
    ]
    assert len(sections) == 1
    return render_to_string(sections[0].template, {"section": sections[0].context})


def test_process_section_invites_while_running_and_links_results_after(survey):
    from django.contrib.auth.models import AnonymousUser

    html = _section_html(survey, AnonymousUser())
    assert "Vul de enquête in" in html and respond_url(survey) in html
    set_phase(survey, "after")
    html = _section_html(survey, AnonymousUser())
    assert "Vul de enquête in" not in html
    assert reverse("surveys:results", args=[survey.process.slug, survey.pk]) in html


def test_process_without_survey_has_no_section(survey):
    from django.contrib.auth.models import AnonymousUser

    from samenspraak.processes.factories import ProcessFactory

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    keys = [s.key for s in process_sections.collect(request, ProcessFactory())]
    assert "surveys.survey" not in keys


def test_an_empty_response_is_not_stored(client, survey):
    """Every question optional and nothing filled in: nothing to store, a clear message."""
    survey.questions.update(required=False)
    client.force_login(UserFactory())
    response = client.post(respond_url(survey), {})
    assert response.status_code == 200
    assert "Beantwoord minstens één vraag." in response.content.decode()
    assert not Response.objects.exists()


def test_help_text_and_condition_labels_stay_escaped_in_the_help_html(db):
    """help_for() returns HTML (for the renumbering span): what staff typed is still escaped."""
    from samenspraak.surveys.factories import QuestionFactory
    from samenspraak.surveys.forms import SurveyForm

    first = QuestionFactory(choices=["<b>Ja</b>", "Nee"])
    QuestionFactory(
        survey=first.survey,
        help_text="<script>alert(1)</script>",
        show_if_question=first,
        show_if_values=[0],
    )
    form = SurveyForm(first.survey)
    help_html = str(form.fields[f"q{form.questions[1].pk}"].help_text)
    assert "<script>" not in help_html and "&lt;script&gt;" in help_html
    assert "<b>" not in help_html and "&lt;b&gt;Ja&lt;/b&gt;" in help_html
    assert '<span data-question-ref="q' in help_html
