"""Public pages: the process list with its filters, the process page, drafts, the sections on
the home and area pages, and search."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.organisations.factories import (
    AreaFactory,
    DepartmentFactory,
    MunicipalityFactory,
    TopicFactory,
)
from samenspraak.processes import selectors
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def municipality():
    return MunicipalityFactory()


def past_process(**kwargs):
    process = ProcessFactory(**kwargs)
    PhaseFactory(
        process=process, starts_at=timezone.now() - 30 * DAY, ends_at=timezone.now() - 2 * DAY
    )
    return process


def upcoming_process(**kwargs):
    process = ProcessFactory(**kwargs)
    PhaseFactory(
        process=process, starts_at=timezone.now() + 5 * DAY, ends_at=timezone.now() + 20 * DAY
    )
    return process


def test_process_page_shows_purpose_level_commitment_and_timeline(client, municipality):
    area = AreaFactory(municipality=municipality, name="Oost")
    topic = TopicFactory(municipality=municipality, name="Groen")
    department = DepartmentFactory(municipality=municipality, name="Ruimte")
    process = ProcessFactory(
        level="advise", department=department, commitment_due=datetime.date(2027, 5, 1)
    )
    process.areas.add(area)
    process.topics.add(topic)
    PhaseFactory(process=process, kind="processes.inform", title="Lezen en vragen")
    PhaseFactory(
        process=process,
        kind="processes.decide",
        title="Het besluit",
        starts_at=timezone.now() + 8 * DAY,
        ends_at=timezone.now() + 20 * DAY,
    )
    response = client.get(reverse("processes:process_detail", args=[process.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    for text in (
        "Waarom vragen we dit?",
        process.goal,
        "U geeft advies.",
        process.commitment,
        process.commitment_owner,
        process.decision_maker,
        "Beleidsvorming",
        "Oost",
        "Groen",
        "Ruimte",
        "Lezen en vragen",
        "Het besluit",
        "1 mei 2027",
    ):
        assert escape(text) in body, text
    assert 'aria-current="step"' in body
    # In the planning ("Wat kunt u nu doen?" above names the next phase too).
    planning = body[body.index('id="timeline"') :]
    assert planning.index("Lezen en vragen") < planning.index("Het besluit")


def test_draft_process_is_404_for_the_public_and_visible_to_managers(client, municipality):
    process = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    url = reverse("processes:process_detail", args=[process.slug])
    assert client.get(url).status_code == 404
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    assert client.get(url).status_code == 404
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    response = client.get(url)
    assert response.status_code == 200
    assert "Dit is een concept" in response.content.decode()


def test_unknown_process_is_404(client, municipality):
    assert client.get(reverse("processes:process_detail", args=["bestaat-niet"])).status_code == 404


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_process_page_costs_a_fixed_number_of_queries(
    client, municipality, django_assert_max_num_queries
):
    """One phase, area and topic or many: the page costs the same number of queries."""
    process = ProcessFactory()
    PhaseFactory(process=process, starts_at=timezone.now() - DAY, ends_at=timezone.now() + DAY)
    process.areas.add(AreaFactory(municipality=municipality))
    process.topics.add(TopicFactory(municipality=municipality))
    url = reverse("processes:process_detail", args=[process.slug])
    client.get(url)  # warm the municipality cache
    small = _page_queries(client, url)

    for number in range(2, 10):
        start = timezone.now() + number * 10 * DAY
        PhaseFactory(process=process, starts_at=start, ends_at=start + 5 * DAY)
        process.areas.add(AreaFactory(municipality=municipality))
        process.topics.add(TopicFactory(municipality=municipality))
    with django_assert_max_num_queries(small):
        client.get(url)
    assert small <= 20


def test_list_filters_by_when_level_area_and_topic(client, municipality):
    area = AreaFactory(municipality=municipality, slug="oost")
    west = AreaFactory(municipality=municipality, slug="west")
    topic = TopicFactory(municipality=municipality, slug="groen")
    running = ProcessFactory(title="Loopt", with_phase="processes.inform", level="co_decide")
    running.areas.add(area)
    past = past_process(title="Voorbij")
    past.topics.add(topic)
    past.areas.add(west)
    upcoming_process(title="Straks").areas.add(west)
    ProcessFactory(title="Geheim concept", status=ProcessStatus.DRAFT)

    def titles(**params):
        response = client.get(reverse("processes:process_list"), params)
        assert response.status_code == 200
        return {p.title for p in response.context["page"].object_list}

    assert titles() == {"Loopt", "Voorbij", "Straks"}
    assert titles(when="current") == {"Loopt"}
    assert titles(when="past") == {"Voorbij"}
    assert titles(when="upcoming") == {"Straks"}
    assert titles(level="co_decide") == {"Loopt"}
    assert titles(area="oost") == {"Loopt"}
    assert titles(topic="groen") == {"Voorbij"}
    # Nonsense filters are ignored with a message, never a 500.
    response = client.get(reverse("processes:process_list"), {"area": "nergens", "when": "ooit"})
    assert response.status_code == 200


def test_list_is_paginated(client, municipality):
    for _number in range(15):
        ProcessFactory()
    response = client.get(reverse("processes:process_list"))
    assert len(response.context["page"].object_list) == 12
    response = client.get(reverse("processes:process_list"), {"pagina": 2})
    assert len(response.context["page"].object_list) == 3
    assert client.get(reverse("processes:process_list"), {"pagina": "x"}).status_code == 200


def test_home_page_shows_running_processes(client, municipality):
    ProcessFactory(title="Nu meedoen", with_phase="processes.inform")
    past_process(title="Al voorbij")
    body = client.get(reverse("web:home")).content.decode()
    assert "Nu meedoen" in body
    assert "Al voorbij" not in body


def test_area_page_remembers_past_processes_with_their_outcome(client, municipality):
    area = AreaFactory(municipality=municipality)
    current = ProcessFactory(title="Nu in de wijk", with_phase="processes.inform")
    past = past_process(title="Vorig jaar", outcome="Er komen twaalf nieuwe bomen.")
    for process in (current, past):
        process.areas.add(area)
    other = ProcessFactory(title="Andere wijk", with_phase="processes.inform")
    other.areas.add(AreaFactory(municipality=municipality))
    body = client.get(reverse("organisations:area_detail", args=[area.slug])).content.decode()
    assert "Nu in de wijk" in body
    assert "Vorig jaar" in body
    assert "Er komen twaalf nieuwe bomen." in body
    assert "Andere wijk" not in body


def test_processes_for_area_costs_fixed_queries(municipality, django_assert_max_num_queries):
    area = AreaFactory(municipality=municipality)
    for _number in range(2):
        past_process().areas.add(area)
    with django_assert_max_num_queries(2):
        selectors.processes_for_area(area)
    for _number in range(8):
        ProcessFactory(with_phase="processes.inform").areas.add(area)
    with django_assert_max_num_queries(2):
        result = selectors.processes_for_area(area)
    assert len(result["current"]) == 8
    assert len(result["past"]) == 2


def test_process_search_finds_published_processes_by_goal(municipality):
    ProcessFactory(title="Plein", goal="Meer bomen en bankjes op het marktplein.")
    ProcessFactory(title="Concept", goal="Bomen", status=ProcessStatus.DRAFT)
    assert [p.title for p in selectors.process_search("bankjes")] == ["Plein"]
    assert [p.title for p in selectors.process_search("bomen")] == ["Plein"]
    assert not selectors.process_search("")


def test_manager_records_the_outcome_only_when_the_process_is_past(client, municipality):
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    running = ProcessFactory(with_phase="processes.inform")
    response = client.post(
        reverse("processes:manage_outcome", args=[running.slug]), {"outcome": "Te vroeg"}
    )
    assert response.status_code == 302
    running.refresh_from_db()
    assert running.outcome == ""
    past = past_process()
    response = client.post(reverse("processes:manage_outcome", args=[past.slug]), {"outcome": ""})
    assert response.status_code == 200
    response = client.post(
        reverse("processes:manage_outcome", args=[past.slug]),
        {"outcome": "Het plein is in 2027 opnieuw ingericht."},
    )
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.outcome == "Het plein is in 2027 opnieuw ingericht."
