"""An area's memory on its page: one timeline of what was asked, decided and delivered there
(core.trace.area_memory), a wijk's including its buurten, for a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samenspraak.consultation.factories import InputFactory, OfficialAnswerFactory
from samenspraak.consultation.models import COLLECT
from samenspraak.core import events
from samenspraak.initiatives.factories import InitiativeFactory, MeetingFactory
from samenspraak.initiatives.models import CouncilDecision, Outcome
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.organisations.sections import TIMELINE_LIMIT
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def town():
    municipality = MunicipalityFactory()
    wijk = AreaFactory(municipality=municipality, name="Oost", slug="oost")
    buurt = AreaFactory(municipality=municipality, parent=wijk, name="Oosterpark", slug="park")
    sister = AreaFactory(municipality=municipality, parent=wijk, name="Dapper", slug="dapper")
    return wijk, buurt, sister


def history(area, number):
    """An answered input and a decided initiative in `area`, `number` days apart."""
    now = timezone.now()
    process = ProcessFactory(published_at=now - (100 + number) * DAY)
    process.areas.set([area])
    phase = PhaseFactory(process=process, kind=COLLECT)
    item = InputFactory(phase=phase, area=area, title=f"Vraag {area.name} {number}")
    OfficialAnswerFactory(input=item, published_at=now - (number + 1) * DAY)
    initiative = InitiativeFactory(area=area, title=f"Initiatief {area.name} {number}")
    CouncilDecision.objects.create(
        initiative=initiative,
        meeting=MeetingFactory(),
        outcome=Outcome.ADOPTED,
        motivation="Goed plan.",
        decided_on=(now - (number + 2) * DAY).date(),
    )


def timeline_of(html):
    return html.split('id="area-timeline"', 1)[1].split("</ol>", 1)[0]


def test_a_wijk_shows_its_own_and_its_buurten_history_newest_first(client, town):
    wijk, buurt, sister = town
    history(buurt, 1)
    history(sister, 5)
    section = timeline_of(
        client.get(reverse("organisations:area_detail", args=["oost"])).content.decode()
    )
    assert "Van Oost en de buurten erin." in section
    order = ["Initiatief Oosterpark 1", "Vraag Oosterpark 1", "Vraag Dapper 5"]
    positions = [section.index(title) for title in order]
    assert positions == sorted(positions)
    assert "Oosterpark" in section and "Dapper" in section  # each line says where


def test_a_buurt_shows_only_its_own_history(client, town):
    wijk, buurt, sister = town
    history(buurt, 1)
    history(sister, 2)
    html = client.get(reverse("organisations:area_detail", args=["park"])).content.decode()
    section = timeline_of(html)
    assert "Vraag Oosterpark 1" in section and "Dapper" not in section


def test_an_area_without_history_has_no_timeline(client, town):
    html = client.get(reverse("organisations:area_detail", args=["oost"])).content.decode()
    assert 'id="area-timeline"' not in html


def test_the_timeline_costs_the_same_queries_for_little_or_much_history(client, town):
    wijk, buurt, sister = town
    url = reverse("organisations:area_detail", args=["oost"])
    history(buurt, 1)
    client.get(url)  # warm the cached municipality and content types
    counts = []
    for round_ in range(2):
        events.content_changed()  # factories write around the services, which would announce it
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        counts.append(len(captured))
        for number in range(10):
            history(sister if number % 2 else buurt, 10 + number + round_ * 10)
    assert counts[0] == counts[1]
    # 11 times an input, a process, an initiative and a decision: the newest 30
    assert timeline_of(html).count('<li class="trace-list__item') == TIMELINE_LIMIT
