"""Issue #11 part 2, item 2: a budget project shows its fate once the result is published, and
no "Overgenomen" while it is still on the ballot."""

import pytest
from django.urls import reverse

from tests.experience.fate import count_and_publish, counted_budget

pytestmark = pytest.mark.django_db

CHOSEN = "Dit project is gekozen: 3 mensen stemden erop en er was nog genoeg geld over."
NOT_CHOSEN = "Dit project is niet gekozen: er was niet genoeg geld meer over voor dit project."


def test_no_fate_and_no_overgenomen_while_the_vote_runs(client):
    budget, a, b, _vote = counted_budget()
    slug = budget.process.slug
    page = client.get(reverse("budgeting:budget_detail", args=[slug, budget.pk])).content.decode()
    assert "Dit project is" not in page
    for url in (
        reverse("consultation:input_list", args=[slug]),
        reverse("consultation:input_detail", args=[slug, a.input.pk]),
    ):
        html = client.get(url).content.decode()
        assert "input-outcome--adopted" not in html, url  # the "Overgenomen" badge
        assert "Uitkomst:" not in html, url


def test_the_fate_shows_on_the_project_and_in_the_list_after_publishing(client):
    budget, a, b, vote = counted_budget()
    count_and_publish(budget, vote)
    slug = budget.process.slug
    listing = client.get(reverse("budgeting:budget_detail", args=[slug, budget.pk])).content
    assert CHOSEN in listing.decode() and NOT_CHOSEN in listing.decode()
    chosen = client.get(reverse("budgeting:project_detail", args=[slug, a.pk])).content.decode()
    assert CHOSEN in chosen and NOT_CHOSEN not in chosen
    other = client.get(reverse("budgeting:project_detail", args=[slug, b.pk])).content.decode()
    assert NOT_CHOSEN in other


def test_the_fate_in_english(client):
    budget, a, _b, vote = counted_budget()
    count_and_publish(budget, vote)
    url = "/en" + reverse("budgeting:project_detail", args=[budget.process.slug, a.pk])
    assert "This project was chosen: 3 people voted for it" in client.get(url).content.decode()
