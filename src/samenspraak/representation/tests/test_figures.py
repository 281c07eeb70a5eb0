"""Figures per process and for the municipality: counts, population of the process's areas,
paper counts, suppression on every page, and a fixed number of queries."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.organisations.models import Area
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.representation import selectors, services
from samenspraak.representation.models import ELSEWHERE, NOT_SAID, ProcessSetting
from samenspraak.representation.tests.conftest import answers


def by_characteristic(figures):
    return {c.characteristic: c for c in figures.comparisons}


def test_process_figures_compare_with_the_population_of_its_areas(town):
    process, north = town["process"], town["north"]
    answers(process, 30, age="65+", gender="vrouw", education="hoog", area=str(north.pk))
    answers(process, 12, age="25-44", gender="man", education="laag", area=ELSEWHERE)
    answers(process, 10, age="15-24", gender="man", education="middelbaar", area=NOT_SAID)
    figures = by_characteristic(selectors.process_figures(process))

    age = figures["leeftijd"]
    cells = {cell.value: cell for cell in age.cells}
    assert cells["65+"].shown_participants == 30
    # Noord: 1310 of 7300 inhabitants are 65 or older (the fixture's district row).
    assert cells["65+"].shown_population == 1310
    assert cells["65+"].shown_population_share == round(100 * 1310 / 7300, 1)
    assert cells["65+"].shown_participant_share == round(100 * 30 / 52, 1)
    assert cells["65+"].shown_gap == round(100 * 30 / 52 - 100 * 1310 / 7300, 1)
    assert cells["0-14"].shown_participants is None  # zero: "< 10"

    area = figures["gebied"]
    assert [cell.label for cell in area.cells] == ["Noord", "Ergens anders"]
    assert area.cells[0].shown_participants == 30
    assert area.cells[1].shown_participants == 12
    assert area.cells[1].population is None
    assert area.shown_not_said == 10
    # Gender: nobody said "anders" (0, so "< 10"); the smallest other cell is hidden as well
    # (not-said, 0), so the 22 men and 30 women stay visible.
    gender = {cell.value: cell.shown_participants for cell in figures["geslacht"].cells}
    assert gender == {"man": 22, "vrouw": 30, "anders": None}


def test_paper_counts_add_to_the_online_answers(town):
    process = town["process"]
    answers(process, 15, age="45-64")
    services.paper_counts_save(
        actor=town["manager"],
        process=process,
        counts={("leeftijd", "45-64"): 5, ("leeftijd", "65+"): 20, ("geslacht", NOT_SAID): 0},
    )
    age = by_characteristic(selectors.process_figures(process))["leeftijd"]
    cells = {cell.value: cell for cell in age.cells}
    assert cells["45-64"].participants == 20
    assert cells["65+"].participants == 20


def test_municipality_figures_count_neighbourhood_answers_in_their_district(town):
    buurt = Area.objects.get(cbs_code="BU09990201")
    other = ProcessFactory(municipality=town["municipality"], slug="haven")
    other.areas.set([buurt])
    answers(other, 11, area=str(buurt.pk))
    answers(town["process"], 20, area=str(town["north"].pk))
    area = by_characteristic(selectors.municipality_figures(town["municipality"]))["gebied"]
    counts = {cell.label: cell.shown_participants for cell in area.cells}
    assert counts == {"Noord": 20, "Zuid": 11, "Ergens anders": None}
    population = {cell.label: cell.shown_population for cell in area.cells}
    assert population["Noord"] == 7300 and population["Zuid"] == 5150


def test_a_neighbourhood_process_uses_the_neighbourhood_population(town):
    buurt = Area.objects.get(cbs_code="BU09990101")
    process = ProcessFactory(municipality=town["municipality"], slug="oude-dorp")
    process.areas.set([buurt, town["north"]])  # nested: only the district counts
    assert selectors.process_areas(process) == [town["north"]]
    process.areas.set([buurt])
    gender = by_characteristic(selectors.process_figures(process))["geslacht"]
    assert {c.value: c.shown_population for c in gender.cells} == {
        "man": 2080,
        "vrouw": 2120,
        "anders": None,
    }


def test_small_cells_never_reach_the_public_page(client, town):
    process = town["process"]
    answers(process, 40, age="45-64", gender="vrouw", education="hoog", area=str(town["north"].pk))
    answers(process, 3, age="15-24", gender="anders", education="laag", area=ELSEWHERE)
    ProcessSetting.objects.create(process=process, published=True)
    page = client.get(reverse("representation:figures", args=[process.slug])).content.decode()
    # 3 people aged 15-24 (and the 0 of other groups) show as "< 10"; 43 in total is shown,
    # so a second cell is hidden too and neither 3 nor 40 - x can be worked out.
    assert "&lt; 10" in page
    assert ">3<" not in page
    assert "43 deelnemers geteld." in page
    for forbidden in ("5,8%", "5.8%", "7,0%", "7.0%"):  # 3/43 or 3/40 as a share
        assert forbidden not in page


def test_figures_page_costs_the_same_for_few_and_many_answers(
    client, town, django_assert_max_num_queries
):
    process = town["process"]
    ProcessSetting.objects.create(process=process, published=True)
    url = reverse("representation:figures", args=[process.slug])
    answers(process, 3, age="15-24")
    client.get(url)
    with django_assert_max_num_queries(14) as few:
        client.get(url)
    answers(process, 60, age="65+", area=str(town["north"].pk))
    services.paper_counts_save(
        actor=town["manager"], process=process, counts={("leeftijd", "65+"): 12}
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_staff_pages_cost_the_same_for_few_and_many(client, town, django_assert_max_num_queries):
    process = town["process"]
    client.force_login(town["manager"])
    services.target_add(
        actor=town["manager"],
        process=process,
        characteristic="leeftijd",
        value="15-24",
        kind="minimaal",
        number=20,
    )
    for name, url in [
        ("process", reverse("representation:process", args=[process.slug])),
        ("overview", reverse("representation:overview")),
        ("page", reverse("processes:process_detail", args=[process.slug])),
    ]:
        answers(process, 2)
        response = client.get(url)
        assert response.status_code == 200, name
        with django_assert_max_num_queries(60) as few:
            client.get(url)
        more = ProcessFactory(municipality=town["municipality"], slug=f"meer-{name}")
        PhaseFactory(process=more)
        answers(process, 25, age="25-44", education="hoog")
        answers(more, 12, age="65+")
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get(url)


@pytest.mark.parametrize("published", [False, True])
def test_process_page_links_the_figures_once_published(client, town, published):
    process = town["process"]
    ProcessSetting.objects.create(process=process, published=published)
    page = client.get(reverse("processes:process_detail", args=[process.slug])).content.decode()
    link = reverse("representation:figures", args=[process.slug])
    assert (link in page) is published


def test_answer_question_page_once_per_person(client, town):
    process, resident = town["process"], UserFactory()
    client.force_login(resident)
    detail = reverse("processes:process_detail", args=[process.slug])
    url = reverse("representation:questions", args=[process.slug])
    assert url in client.get(detail).content.decode()  # "Wat kunt u nu doen?"
    page = client.get(url).content.decode()
    assert "Wil ik niet zeggen" in page
    response = client.post(
        url,
        {"age": "25-44", "gender": NOT_SAID, "education": "hoog", "area": str(town["north"].pk)},
    )
    assert response.status_code == 302
    answer = resident.representation_answers.get()
    assert (answer.age, answer.gender, answer.area) == ("25-44", NOT_SAID, str(town["north"].pk))
    assert url not in client.get(detail).content.decode()
    again = client.get(url)
    assert "al beantwoord" in again.content.decode()


def test_bad_answer_keeps_what_was_chosen(client, town):
    client.force_login(UserFactory())
    url = reverse("representation:questions", args=[town["process"].slug])
    response = client.post(
        url, {"age": "25-44", "gender": "robot", "education": "hoog", "area": "99999"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Selecteer een geldige keuze" in page or "Kies een" in page
    assert 'value="25-44" checked' in page or 'value="25-44"\n' in page or "checked" in page


def test_no_thanks_hides_the_question(client, town):
    process = town["process"]
    client.force_login(UserFactory())
    url = reverse("representation:questions", args=[process.slug])
    client.post(url, {"nee": "1"})
    detail = client.get(reverse("processes:process_detail", args=[process.slug]))
    assert url not in detail.content.decode()
    assert not process.representation_answers.exists()


def test_paper_counts_page_keeps_bad_input_and_saves_good_input(client, town):
    process = town["process"]
    client.force_login(town["manager"])
    url = reverse("representation:paper", args=[process.slug])
    response = client.post(url, {"leeftijd__65+": "veel", "geslacht__vrouw": "12"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul een heel getal in." in page
    assert 'value="veel"' in page and 'value="12"' in page
    response = client.post(url, {"leeftijd__65+": "14", "geslacht__vrouw": "12"})
    assert response.status_code == 302
    assert selectors.paper_counts(process) == {("leeftijd", "65+"): 14, ("geslacht", "vrouw"): 12}
    assert 'value="14"' in client.get(url).content.decode()
