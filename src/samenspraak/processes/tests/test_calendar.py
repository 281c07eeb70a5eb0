"""The participation calendar and the number of simultaneous asks per area."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
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
T0 = datetime.datetime(2027, 3, 1, tzinfo=datetime.UTC)


def test_max_simultaneous_counts_overlaps_not_touching_ends():
    a, b, c = object(), object(), object()
    assert selectors.max_simultaneous([]) == (0, None)
    # a and b overlap; c starts exactly when b ends: not at the same time.
    count, moment = selectors.max_simultaneous(
        [
            (T0, T0 + 10 * DAY, a),
            (T0 + 5 * DAY, T0 + 12 * DAY, b),
            (T0 + 12 * DAY, T0 + 20 * DAY, c),
        ]
    )
    assert (count, moment) == (2, T0 + 5 * DAY)
    # Two phases of one process count once.
    count, _moment = selectors.max_simultaneous(
        [(T0, T0 + 10 * DAY, a), (T0 + 1 * DAY, T0 + 2 * DAY, a)]
    )
    assert count == 1


@pytest.fixture
def municipality():
    return MunicipalityFactory()


def asking(area, start, end, kind="surveys.respond", **kwargs):
    process = ProcessFactory(**kwargs)
    PhaseFactory(process=process, kind=kind, starts_at=start, ends_at=end)
    process.areas.add(area)
    return process


def test_area_with_three_simultaneous_asks_is_over_asked(municipality, input_kinds):
    now = timezone.now()
    busy = AreaFactory(municipality=municipality, name="Centrum")
    quiet = AreaFactory(municipality=municipality, name="Noord")
    for offset in (0, 2, 4):
        asking(busy, now + offset * DAY, now + (offset + 10) * DAY)
    # An informing phase asks nothing; a draft is not on the calendar.
    asking(busy, now, now + 10 * DAY, kind="processes.inform")
    asking(busy, now, now + 10 * DAY, status=ProcessStatus.DRAFT)
    asking(quiet, now, now + 3 * DAY)
    asking(quiet, now + 3 * DAY, now + 6 * DAY)

    loads = {
        load.area.name: load
        for load in selectors.area_load(selectors.calendar_rows(municipality=municipality))
    }
    assert loads["Centrum"].max_simultaneous == 3
    assert loads["Centrum"].over_asked
    assert loads["Noord"].max_simultaneous == 1
    assert not loads["Noord"].over_asked


def test_calendar_rows_filter_by_area_topic_and_department(municipality):
    area = AreaFactory(municipality=municipality)
    topic = TopicFactory(municipality=municipality)
    department = DepartmentFactory(municipality=municipality)
    elsewhere = AreaFactory(municipality=municipality)
    in_area = ProcessFactory(title="In het gebied", with_phase="processes.inform")
    in_area.areas.add(area)
    with_topic = ProcessFactory(title="Met thema", with_phase="processes.inform")
    with_topic.topics.add(topic)
    with_topic.areas.add(elsewhere)
    in_department = ProcessFactory(
        title="Van de afdeling", with_phase="processes.inform", department=department
    )
    in_department.areas.add(elsewhere)

    def titles(**filters):
        return {
            row.process.title
            for row in selectors.calendar_rows(municipality=municipality, **filters)
        }

    assert titles() == {"In het gebied", "Met thema", "Van de afdeling"}
    assert titles(area=area) == {"In het gebied"}
    assert titles(topic=topic) == {"Met thema"}
    assert titles(department=department) == {"Van de afdeling"}


def test_calendar_rows_cost_fixed_queries(municipality, django_assert_max_num_queries):
    area = AreaFactory(municipality=municipality)
    ProcessFactory(with_phase="processes.inform").areas.add(area)
    with django_assert_max_num_queries(3):
        selectors.area_load(selectors.calendar_rows(municipality=municipality))
    for _number in range(10):
        process = ProcessFactory(with_phase="processes.inform")
        process.areas.add(area, AreaFactory(municipality=municipality))
        process.topics.add(TopicFactory(municipality=municipality))
    with django_assert_max_num_queries(3):
        rows = selectors.calendar_rows(municipality=municipality)
        selectors.area_load(rows)
        assert len(rows) == 11


def test_public_calendar_lists_processes_by_month(client, municipality):
    ProcessFactory(title="Op de kalender", with_phase="processes.inform")
    ProcessFactory(title="Concept", with_phase="processes.inform", status=ProcessStatus.DRAFT)
    response = client.get(reverse("processes:calendar"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Op de kalender" in body
    assert "Concept" not in body
    assert "<caption" in body
    assert "overvraagd" not in body  # the load per area is for staff
    assert client.get(reverse("processes:calendar"), {"area": "nergens"}).status_code == 200


def test_staff_calendar_flags_over_asked_areas(client, municipality, input_kinds):
    now = timezone.now()
    area = AreaFactory(municipality=municipality, name="Centrum")
    for _number in range(3):
        asking(area, now - DAY, now + 10 * DAY)
    client.force_login(StaffUserFactory(role=Role.PROCESS_MANAGER))
    response = client.get(reverse("processes:manage_calendar"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Centrum" in body
    assert "overvraagd" in body
