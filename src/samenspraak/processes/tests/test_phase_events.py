"""A phase's start and end are told once, when the time passes (processes.services.phase_clock,
run by `samenspraak events_dispatch`), through the real queue and worker."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from samenspraak.core import events
from samenspraak.core.models import OutboxEvent
from samenspraak.processes.events import PhaseEnded, PhaseStarted
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus
from samenspraak.processes.services import phase_clock

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]

SEEN: list[tuple[str, int]] = []


def seen(event) -> None:
    SEEN.append((event.type, event.phase_id))


@pytest.fixture(autouse=True)
def _subscribed():
    SEEN.clear()
    for cls in (PhaseStarted, PhaseEnded):
        events.subscribe(cls, seen)
    yield
    for cls in (PhaseStarted, PhaseEnded):
        events.unsubscribe(cls, seen)


def sweep() -> None:
    call_command("events_dispatch", verbosity=0)
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def test_started_and_ended_are_emitted_once_when_the_time_passes():
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    running = PhaseFactory(starts_at=now - hour, ends_at=now + 5 * hour)
    over = PhaseFactory(starts_at=now - 3 * hour, ends_at=now - hour)
    PhaseFactory(starts_at=now + hour, ends_at=now + 2 * hour)  # not yet
    PhaseFactory(  # a draft's phases are nobody's news
        process=ProcessFactory(status=ProcessStatus.DRAFT), starts_at=now - hour
    )
    long_ago = now - datetime.timedelta(days=30)  # before events existed: no history flood
    PhaseFactory(starts_at=long_ago, ends_at=long_ago + hour)

    sweep()
    sweep()  # a second run (or a parallel one) emits nothing new

    assert sorted(SEEN) == sorted(
        [
            (PhaseStarted.type, running.pk),
            (PhaseStarted.type, over.pk),
            (PhaseEnded.type, over.pk),
        ]
    )
    started = OutboxEvent.objects.get(key=f"{PhaseStarted.type}:{running.pk}")
    assert started.occurred_at == running.starts_at
    assert started.payload == {
        "phase_id": running.pk,
        "process_id": running.process_id,
        "kind": running.kind,
    }
    assert started.processed_at is not None


def test_the_end_is_told_when_it_passes_later():
    now = timezone.now()
    hour = datetime.timedelta(hours=1)
    phase = PhaseFactory(starts_at=now - hour, ends_at=now + hour)
    assert phase_clock(now) == 1  # started
    assert phase_clock(now) == 0
    later = phase.ends_at + datetime.timedelta(minutes=1)
    assert phase_clock(later) == 1  # ended
    assert phase_clock(later) == 0
    assert OutboxEvent.objects.filter(type=PhaseEnded.type).count() == 1
