"""Results: SVG charts with tables (exact counts), open answers, CSV export, query counts."""

import csv
import io
import re

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.surveys.tests.conftest import add_responses, questions, set_phase

pytestmark = pytest.mark.django_db


def _answers(survey, n):
    """n responses: even ones 'Ja' (+ multiple), odd ones 'Nee'; scale cycles 1..5."""
    q = questions(survey)
    rows = []
    for i in range(n):
        row = {q[0].pk: 0 if i % 2 == 0 else 1, q[2].pk: 1 + i % 5, q[4].pk: [1, 2, 3]}
        if i % 2 == 0:
            row[q[1].pk] = [0, 2] if i % 4 == 0 else [1]
        if i % 3 == 0:
            row[q[3].pk] = f"Antwoord {i}"
        rows.append(row)
    return rows


@pytest.fixture
def finished(survey):
    add_responses(survey, _answers(survey, 10))
    set_phase(survey, "after")
    return survey


def results_url(survey):
    return reverse("surveys:results", args=[survey.process.slug, survey.pk])


def test_results_show_counts_in_svg_and_table(client, finished):
    html = client.get(results_url(finished)).content.decode()
    assert "10 mensen hebben de enquête ingevuld." in html
    assert html.count('role="img"') == 4  # single, multiple, scale, ranking
    # Question 1: 5 x Ja, 5 x Nee of 10.
    assert "Ja: 5 (50.0%)" in html or "Ja: 5 (50,0%)" in html
    # Question 2 (multiple): 5 answered; Winkelen 3 (i=0,4,8), Spelen 2, Zitten 3.
    assert re.search(r'scope="row">Winkelen</th>\s*<td[^>]*>3</td>\s*<td[^>]*>60[.,]0%', html)
    assert re.search(r'scope="row">Spelen</th>\s*<td[^>]*>2</td>\s*<td[^>]*>40[.,]0%', html)
    # Scale: each value twice.
    assert re.search(r'scope="row">1 \(Slecht\)</th>\s*<td[^>]*>2</td>', html)
    # Ranking: average positions 1, 2, 3.
    assert re.search(r'scope="row">Bomen</th>\s*<td[^>]*>1([.,]0)?</td>', html)
    assert "<caption" in html and "<title" in html and "<desc" in html
    # Open answers: i = 0, 3, 6, 9 -> four, newest first.
    assert html.index("Antwoord 9") < html.index("Antwoord 0")


def test_svg_bar_lengths_follow_the_counts(client, finished):
    html = client.get(results_url(finished)).content.decode()
    widths = re.findall(r'<rect class="survey-chart__bar" x="260" y="\d+" width="([\d.]+)"', html)
    # Question 1: Ja 5, Nee 5 -> both full length.
    assert widths[:2] == ["360.0", "360.0"]
    # Question 2: 3, 2, 3 -> 360, 240, 360.
    assert widths[2:5] == ["360.0", "240.0", "360.0"]


def test_open_answers_page_is_paginated(client, survey):
    q = questions(survey)
    add_responses(survey, [{q[3].pk: f"Idee {i}"} for i in range(30)])
    set_phase(survey, "after")
    url = reverse("surveys:open_answers", args=[survey.process.slug, survey.pk, q[3].pk])
    first = client.get(url).content.decode()
    assert "30 antwoorden" in first and "Idee 29" in first and "Idee 4<" not in first
    second = client.get(url + "?pagina=2").content.decode()
    assert "Idee 4<" in second
    assert client.get(url + "?pagina=abc").status_code == 200
    results = client.get(results_url(survey)).content.decode()
    assert url in results


def test_csv_has_one_row_per_response_and_one_column_per_question(client, finished):
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    response = client.get(reverse("surveys:export", args=[finished.process.slug, finished.pk]))
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert rows[0] == [
        "Nummer",
        "Ingevuld op",
        "1. Komt u op het plein?",
        "2. Wat doet u daar?",
        "3. Hoe tevreden?",
        "4. Wat mist u?",
        "5. Wat eerst?",
    ]
    assert len(rows) == 11
    assert rows[1][2:] == [
        "Ja",
        "Winkelen | Zitten",
        "1",
        "Antwoord 0",
        "Bomen > Bankjes > Speeltoestellen",
    ]
    assert rows[2][2:] == ["Nee", "", "2", "", "Bomen > Bankjes > Speeltoestellen"]


@pytest.mark.parametrize("size", [3, 40])
def test_results_page_costs_a_fixed_number_of_queries(
    client, survey, size, django_assert_max_num_queries
):
    add_responses(survey, _answers(survey, size))
    set_phase(survey, "after")
    client.get(results_url(survey))  # warm the municipality cache
    with django_assert_max_num_queries(9):
        response = client.get(results_url(survey))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_csv_export_costs_a_fixed_number_of_queries(
    client, survey, size, django_assert_max_num_queries
):
    add_responses(survey, _answers(survey, size))
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    url = reverse("surveys:export", args=[survey.process.slug, survey.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
