"""Changing and removing phases from the wizard's phase step."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.core.models import AuditLogEntry
from samenspraak.processes import selectors
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.forms import day_start

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def test_manager_changes_a_phase_and_the_order_follows_the_dates(manager_client):
    process = ProcessFactory(status="draft")
    start = day_start(timezone.localdate())
    first = PhaseFactory(process=process, title="Eerst", starts_at=start, ends_at=start + 5 * DAY)
    second = PhaseFactory(
        process=process, title="Daarna", starts_at=start + 10 * DAY, ends_at=start + 15 * DAY
    )
    url = reverse("processes:manage_phase_edit", args=[process.slug, first.pk])
    assert manager_client.get(url).status_code == 200
    moved = (timezone.localdate() + 20 * DAY).isoformat()
    response = manager_client.post(
        url,
        {
            "kind": "processes.inform",
            "title": "Nu als laatste",
            "description": "",
            "first_day": moved,
            "last_day": moved,
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.title == "Nu als laatste"
    assert first.last_day == timezone.localdate() + 20 * DAY
    assert (second.order, first.order) == (0, 1)
    assert AuditLogEntry.objects.filter(action="process.phase_updated").exists()


def test_changing_a_phase_to_an_unknown_kind_or_bad_date_keeps_the_input(manager_client):
    process = ProcessFactory(status="draft")
    phase = PhaseFactory(process=process)
    url = reverse("processes:manage_phase_edit", args=[process.slug, phase.pk])
    response = manager_client.post(
        url,
        {
            "kind": "nergens.iets",
            "title": "Mijn fase",
            "first_day": "gisteren",
            "last_day": "2027-01-01",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mijn fase" in body
    assert "Vul een datum in" in body
    assert "Kies een soort fase uit de lijst." in body


def test_manager_deletes_a_phase(manager_client):
    process = ProcessFactory(status="draft")
    phase = PhaseFactory(process=process)
    url = reverse("processes:manage_phase_delete", args=[process.slug, phase.pk])
    confirm = manager_client.get(url)  # the confirmation step, nothing deleted yet
    assert confirm.status_code == 200
    assert "verwijderen?" in confirm.content.decode()
    assert process.phases.exists()
    assert manager_client.post(url).status_code == 302
    assert not process.phases.exists()


def test_running_processes_cost_fixed_queries(django_assert_max_num_queries):
    process = ProcessFactory(with_phase="processes.inform")
    with django_assert_max_num_queries(3):
        running = selectors.processes_running(process.municipality)
    assert running == [process]
    for _number in range(10):
        ProcessFactory(with_phase="processes.inform")
    with django_assert_max_num_queries(3):
        running = selectors.processes_running(process.municipality)
    assert len(running) == 11
    assert all(p.current is not None for p in running)


@pytest.mark.parametrize("last_day", ["9999-12-31", "1900-01-01"])
def test_a_phase_date_out_of_bounds_gets_a_message_not_a_500(manager_client, last_day):
    """9999-12-31 raised OverflowError (day_start(last_day + 1 day)); 1900 was accepted."""
    process = ProcessFactory(status="draft")
    url = reverse("processes:manage_step", args=[process.slug, "fasen"])
    first = timezone.localdate().isoformat()
    response = manager_client.post(
        url,
        {"kind": "processes.inform", "title": "Te lang", "first_day": first, "last_day": last_day},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Vul een datum in van 1 januari 2000 tot en met" in body
    assert f'value="{last_day}"' in body
    assert "Te lang" in body
    assert not process.phases.filter(title="Te lang").exists()
