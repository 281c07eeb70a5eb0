"""Processes' part of an area's memory (what was asked there and what was done with it) and the
wizard's "De vorige keer dat we dit met deze wijk bespraken…" on the step after the areas."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import COLLECT
from samenspraak.core import events
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.processes import selectors
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import Process, ProcessStatus

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def town():
    municipality = MunicipalityFactory()
    wijk = AreaFactory(municipality=municipality, name="Oost")
    buurt = AreaFactory(municipality=municipality, parent=wijk, name="Oosterpark")
    other = AreaFactory(municipality=municipality, name="West")
    return wijk, buurt, other


def earlier(areas, *, days_ago=100, outcome="We hebben tien bomen geplant.", title=None):
    now = timezone.now()
    process = ProcessFactory(
        title=title or "Bomen in de straat",
        published_at=now - days_ago * DAY,
        outcome=outcome,
    )
    process.areas.set(areas)
    PhaseFactory(
        process=process,
        kind=COLLECT,
        starts_at=now - days_ago * DAY,
        ends_at=now - (days_ago - 20) * DAY,
    )
    return process


def test_area_timeline_has_ended_processes_and_their_outcomes_of_the_area_and_buurten(town):
    wijk, buurt, other = town
    trees = earlier([buurt], title="Bomen in de straat")
    earlier([wijk], days_ago=5, title="Een nieuw speelveld")  # runs now: "Nu en binnenkort"
    earlier([other], title="Elders")
    city = earlier([], title="De hele stad", days_ago=300, outcome="")
    draft = earlier([wijk], title="Nog een concept")
    draft.status = ProcessStatus.DRAFT
    draft.save()

    entries = selectors.area_timeline([wijk.pk, buurt.pk], 10)

    assert [(e.kind, e.title, e.status) for e in entries] == [
        ("result", trees.title, "outcome"),
        ("process", trees.title, "asked"),
        ("result", city.title, "outcome_pending"),
        ("process", city.title, "asked"),
    ]
    assert entries[0].text == "Wat de gemeente met de uitkomst deed: We hebben tien bomen geplant."
    assert entries[0].url == reverse("processes:process_detail", args=[trees.slug])
    assert entries[2].text == "De gemeente schrijft hier nog wat er met de uitkomst is gedaan."
    assert entries[2].area == "Hele gemeente" and entries[0].area == ""
    assert len(selectors.area_timeline([wijk.pk, buurt.pk], 2)) == 2


def test_the_area_page_keeps_running_processes_apart_and_past_ones_in_the_timeline(client, town):
    wijk, buurt, other = town
    earlier([buurt], title="Bomen in de straat")
    earlier([wijk], days_ago=5, title="Een nieuw speelveld")
    html = client.get(reverse("organisations:area_detail", args=[wijk.slug])).content.decode()
    now_part, timeline = html.split('id="area-timeline"', 1)
    assert "Nu en binnenkort" in now_part and "Een nieuw speelveld" in now_part
    assert "Bomen in de straat" not in now_part
    assert "Bomen in de straat" in timeline and "Een nieuw speelveld" not in timeline


def fill_goal(client, areas):
    data = {
        "title": "Opnieuw bomen in Oost",
        "summary": "Waar wilt u bomen?",
        "goal": "We willen weten waar bewoners meer groen willen.",
        "description": "",
        "policy_phase": "policy_making",
        "areas": [a.pk for a in areas],
    }
    response = client.post(reverse("processes:manage_new"), data)
    assert response.status_code == 302
    return Process.objects.get(title="Opnieuw bomen in Oost")


def test_the_wizard_shows_what_happened_earlier_in_the_chosen_wijk(manager_client, town):
    wijk, buurt, other = town
    trees = earlier([buurt])
    earlier([other], title="Elders gevraagd")
    asked = InputFactory(phase=trees.phases.get(), area=buurt, title="Een boom bij de school")
    OfficialAnswerFactory(input=asked)

    process = fill_goal(manager_client, [wijk])
    html = manager_client.get(
        reverse("processes:manage_step", args=[process.slug, "niveau"])
    ).content.decode()

    section = html.split('aria-labelledby="earlier-heading"', 1)[1].split("</section>", 1)[0]
    assert "De vorige keer dat we dit met deze wijk bespraken" in section
    assert "Dit gebeurde eerder in Oost en de buurten daarin." in section
    assert "Bomen in de straat" in section and "We hebben tien bomen geplant." in section
    assert "Een boom bij de school" in section
    assert "Elders gevraagd" not in section
    assert "Opnieuw bomen in Oost" not in section  # not the process itself


def test_no_hint_for_a_process_without_areas_or_without_history(manager_client, town):
    wijk, buurt, other = town
    earlier([other])
    process = fill_goal(manager_client, [wijk])
    html = manager_client.get(
        reverse("processes:manage_step", args=[process.slug, "niveau"])
    ).content.decode()
    assert "De vorige keer" not in html
    process.areas.clear()
    html = manager_client.get(
        reverse("processes:manage_step", args=[process.slug, "niveau"])
    ).content.decode()
    assert "De vorige keer" not in html


def test_the_hint_costs_the_same_queries_for_little_or_much_history(manager_client, town):
    wijk, buurt, other = town
    process = fill_goal(manager_client, [wijk])
    url = reverse("processes:manage_step", args=[process.slug, "niveau"])
    earlier([buurt])
    manager_client.get(url)  # warm caches
    counts = []
    for _round in range(2):
        events.content_changed()  # factories write around the services, which would announce it
        with CaptureQueriesContext(connection) as captured:
            html = manager_client.get(url).content.decode()
        counts.append(len(captured))
        for number in range(6):
            earlier([wijk], title=f"Eerder {number}", days_ago=200 + number)
    assert counts[0] == counts[1]
    assert html.count('<li class="trace-list__item') == selectors.EARLIER_LIMIT
