"""A budget's projects as a map (#11): "Lijst / Kaart" on the budget page as on the input list.
The map has a dot per visible project with a place, the same projects are a text list under it
(paged, each once), the cards stay the default, and the page costs a fixed number of queries."""

import json
import re

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting.factories import BudgetProjectFactory
from samenspraak.consultation.models import Input
from samenspraak.core import maps
from samenspraak.dialogue import services as dialogue_services
from samenspraak.dialogue.factories import HouseRuleFactory

pytestmark = pytest.mark.django_db


def budget_url(budget, **query):
    url = reverse("budgeting:budget_detail", args=[budget.process.slug, budget.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def placed(budget, n, *, start=0):
    projects = []
    for i in range(start, start + n):
        project = BudgetProjectFactory(budget=budget)
        Input.objects.filter(pk=project.input_id).update(
            title=f"Project {i}",
            latitude=52.09 + i / 10_000,
            longitude=5.12,
            place_name="Marktplein, Voorbeeldstad" if i % 2 else "",
        )
        projects.append(project)
    return projects


def dots(html):
    blob = re.search(r'<script id="map-points" type="application/json">(.*?)</script>', html)
    return json.loads(blob.group(1)) if blob else []


def test_the_cards_are_the_default_and_the_toggle_says_which_is_shown(client, city_budget):
    placed(city_budget, 2)
    html = client.get(budget_url(city_budget)).content.decode()
    assert 'aria-label="Weergave van de projecten"' in html
    assert re.search(r'href="\?sorteer=support"\s+aria-current="page">Lijst<', html)
    assert 'href="?sorteer=support&amp;weergave=kaart">Kaart<' in html
    assert 'id="inputs-map"' not in html and "leaflet.js" not in html
    assert 'class="project-card picture-card"' in html

    html = client.get(budget_url(city_budget, weergave="kaart")).content.decode()
    assert re.search(r'weergave=kaart"\s+aria-current="page">Kaart<', html)
    assert re.search(r'<div id="inputs-map"[^>]*\bhidden\b', html)  # drawn by the script
    assert 'aria-label="Kaart met de projecten"' in html
    assert "leaflet.js" in html and "consultation/input_map.js" in html
    assert f'data-tiles="{maps.PDOK_TILES}"' in html
    assert "2 projecten met een plek" in html and "Dezelfde projecten als lijst" in html
    assert "Bij Marktplein, Voorbeeldstad" in html and "52,09000, 5,12000" in html
    assert 'class="project-card picture-card"' not in html


def test_the_map_has_every_visible_placed_project_and_links_to_it(client, city_budget):
    projects = placed(city_budget, 3)
    BudgetProjectFactory(budget=city_budget)  # no place
    dialogue_services.content_hide(
        target=projects[0].input,
        actor=StaffUserFactory(role=Role.MODERATOR),
        rule=HouseRuleFactory(),
    )
    html = client.get(budget_url(city_budget, weergave="kaart")).content.decode()
    found = dots(html)
    assert sorted(dot["title"] for dot in found) == ["Project 1", "Project 2"]
    urls = {
        reverse("budgeting:project_detail", args=[city_budget.process.slug, p.pk])
        for p in projects[1:]
    }
    assert {dot["url"] for dot in found} == urls
    assert "2 projecten met een plek" in html and "Project 0" not in html


def test_the_text_list_pages_through_every_dot_once(client, city_budget, monkeypatch):
    from samenspraak.budgeting.budgets import views

    monkeypatch.setattr(views, "MAP_LIST_SIZE", 2)
    placed(city_budget, 5)
    found = dots(client.get(budget_url(city_budget, weergave="kaart")).content.decode())
    assert len(found) == 5
    listed = []
    for number in (1, 2, 3):
        html = client.get(budget_url(city_budget, weergave="kaart", pagina=number)).content.decode()
        assert f"Pagina {number} van 3" in html
        assert ('rel="next"' in html) == (number < 3)
        listed += re.findall(
            r'<li class="place-list__item"><a class="utrecht-link" href="[^"]+">([^<]+)</a>', html
        )
    assert listed == [dot["title"] for dot in found]


def test_the_map_is_capped_and_says_so(client, city_budget, monkeypatch):
    from samenspraak.budgeting.proposals import selectors

    monkeypatch.setattr(selectors.project_map, "__defaults__", (2,))
    placed(city_budget, 3)
    html = client.get(budget_url(city_budget, weergave="kaart")).content.decode()
    assert len(dots(html)) == 2
    assert "3 projecten met een plek" in html
    assert "De kaart en de lijst tonen de 2 nieuwste projecten met een plek." in html


def test_without_places_the_map_view_says_so(client, city_budget):
    BudgetProjectFactory(budget=city_budget)
    html = client.get(budget_url(city_budget, weergave="kaart")).content.decode()
    assert "Er is (nog) geen project met een plek." in html
    assert 'id="inputs-map"' not in html


@pytest.mark.parametrize("n", [3, 30])
def test_the_map_view_costs_a_fixed_number_of_queries(
    client, city_budget, n, django_assert_max_num_queries
):
    placed(city_budget, n)
    client.get(budget_url(city_budget, weergave="kaart"))
    with django_assert_max_num_queries(9):
        response = client.get(budget_url(city_budget, weergave="kaart"))
    assert len(response.context["points"]) == n
