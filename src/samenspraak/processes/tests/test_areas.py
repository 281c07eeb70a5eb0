"""Areas: a wijk shows its own, its buurten's and city-wide processes; a buurt its own, its
wijk's and city-wide ones; the area filters do the same; the area picker is a wijk/buurt tree."""

import re

import pytest
from django.urls import reverse

from samenspraak.core import events
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes import selectors
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.forms import GoalForm
from samenspraak.processes.tests.test_public import _page_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    """Centrum (buurten Marktkwartier and Binnenstad) and Haven (buurt Kadebuurt), with a
    process in each place and one city-wide."""
    municipality = MunicipalityFactory()
    centrum = AreaFactory(name="Centrum", slug="centrum")
    markt = AreaFactory(parent=centrum, name="Marktkwartier", slug="marktkwartier")
    binnenstad = AreaFactory(parent=centrum, name="Binnenstad", slug="binnenstad")
    haven = AreaFactory(name="Haven", slug="haven")
    kade = AreaFactory(parent=haven, name="Kadebuurt", slug="kadebuurt")
    places = {
        "Buurtbudget Centrum": [centrum],
        "Ideeën voor het Marktplein": [markt],
        "Verkeersplan binnenstad": [binnenstad],
        "Vernieuwing kade": [kade],
        "Havenvisie": [haven],
        "Duurzaamheidsvisie": [],
    }
    for title, areas in places.items():
        ProcessFactory(title=title, with_phase="processes.inform").areas.set(areas)
    return {"municipality": municipality, "centrum": centrum, "markt": markt, "haven": haven}


def _titles(section) -> set[str]:
    return {p.title for p in section["current"] + section["past"]}


def test_a_wijk_has_its_own_its_buurten_and_city_wide_processes(town):
    section = selectors.processes_for_area(town["centrum"])
    assert _titles(section) == {
        "Buurtbudget Centrum",
        "Ideeën voor het Marktplein",
        "Verkeersplan binnenstad",
        "Duurzaamheidsvisie",
    }
    city_wide = {p.title for p in section["current"] if p.city_wide}
    assert city_wide == {"Duurzaamheidsvisie"}


def test_a_buurt_has_its_own_its_wijks_and_city_wide_processes_not_its_neighbours(town):
    section = selectors.processes_for_area(town["markt"])
    assert _titles(section) == {
        "Ideeën voor het Marktplein",
        "Buurtbudget Centrum",
        "Duurzaamheidsvisie",
    }


def test_the_wijk_page_shows_the_buurt_process_and_labels_city_wide_ones(client, town):
    body = client.get(reverse("organisations:area_detail", args=["centrum"])).content.decode()
    assert "Ideeën voor het Marktplein" in body
    assert "Vernieuwing kade" not in body
    card = re.search(r"Duurzaamheidsvisie</a></h4>\s*<p[^>]*><span class=\"badge\">([^<]+)", body)
    assert card and card.group(1) == "Hele gemeente"


def test_the_process_list_and_calendar_filters_follow_the_tree(client, town):
    response = client.get(reverse("processes:process_list"), {"area": "centrum"})
    titles = {p.title for p in response.context["page"].object_list}
    assert titles == {
        "Buurtbudget Centrum",
        "Ideeën voor het Marktplein",
        "Verkeersplan binnenstad",
        "Duurzaamheidsvisie",
    }
    assert "Hele gemeente" in response.content.decode()
    rows = selectors.calendar_rows(municipality=town["municipality"], area=town["haven"])
    assert {row.process.title for row in rows} == {
        "Vernieuwing kade",
        "Havenvisie",
        "Duurzaamheidsvisie",
    }


def test_the_wijk_page_costs_the_same_queries_with_more_buurten_and_processes(
    client, town, django_assert_max_num_queries
):
    url = reverse("organisations:area_detail", args=["centrum"])
    client.get(url)  # warm the municipality cache
    events.content_changed()  # measure the area's memory built afresh, not kept
    small = _page_queries(client, url)
    for number in range(6):
        buurt = AreaFactory(parent=town["centrum"], name=f"Buurt {number}", slug=f"buurt-{number}")
        ProcessFactory(with_phase="processes.inform").areas.set([buurt, town["centrum"]])
        ProcessFactory(with_phase="processes.inform")  # city-wide
    events.content_changed()  # factories write around the services, which would announce it
    with django_assert_max_num_queries(small):
        response = client.get(url)
    memory = next(s for s in response.context["sections"] if s.key == "processes.memory")
    assert len(memory.context["current"]) == 4 + 12


def test_the_area_picker_is_a_wijk_buurt_tree_in_one_query(town, django_assert_num_queries):
    with django_assert_num_queries(1):
        html = str(GoalForm(municipality=town["municipality"])["areas"])
    # One fieldset per wijk, its legend the wijk's name, the whole wijk first, buurten nested.
    groups = re.findall(r'<fieldset class="area-tree__wijk">\s*<legend[^>]*>([^<]+)</legend>', html)
    assert groups == ["Centrum", "Haven"]
    centrum = html[html.index(">Centrum</legend>") : html.index(">Haven</legend>")]
    assert "De hele wijk Centrum" in centrum
    nested = centrum[centrum.index('<ul class="area-tree__buurten">') :]
    assert nested.index("Binnenstad") < nested.index("Marktkwartier")
    assert html.count('type="checkbox"') == 5


def test_the_area_picker_keeps_the_choices_and_saves_them(town):
    data = {"areas": [town["markt"].pk, town["haven"].pk]}
    form = GoalForm(data, municipality=town["municipality"])
    form.is_valid()
    assert "areas" not in form.errors
    assert set(form.cleaned_data["areas"]) == {town["markt"], town["haven"]}
    html = str(form["areas"])
    assert html.count("checked") == 2
