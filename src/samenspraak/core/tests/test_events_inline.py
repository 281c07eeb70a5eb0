"""Domain events with the inline task backend (development, most tests): a failing subscriber
or clock never breaks the service that emitted, and the sweep still delivers."""

import dataclasses
from typing import ClassVar

import pytest

from samenspraak.core import events
from samenspraak.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


@dataclasses.dataclass(frozen=True)
class SomethingInline(events.Event):
    type: ClassVar[str] = "nl.samenspraak.tests.something.inline"
    thing_id: int


SEEN: list[int] = []


def broken(event) -> None:
    raise RuntimeError("subscriber bug")


def fine(event) -> None:
    SEEN.append(event.thing_id)


def broken_clock(now) -> int:
    raise RuntimeError("clock bug")


@pytest.fixture(autouse=True)
def _registered():
    SEEN.clear()
    events.register_type(SomethingInline)
    events.subscribe(SomethingInline, broken)
    events.subscribe(SomethingInline, fine)
    yield
    events.unsubscribe(SomethingInline, broken)
    events.unsubscribe(SomethingInline, fine)
    events._clocks.pop("tests.broken", None)


def test_a_failing_subscriber_does_not_break_the_emitting_service(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        row = events.emit(SomethingInline(thing_id=1))  # delivered inline on commit
    assert SEEN == [1]
    row.refresh_from_db()
    assert row.processed_at is None and row.attempts == 1 and "subscriber bug" in row.last_error
    assert row.next_attempt_at is not None  # the inline backend cannot defer: the sweep retries


def test_a_failing_clock_does_not_stop_the_sweep():
    events.register_clock("tests.broken", broken_clock)
    events.unsubscribe(SomethingInline, broken)
    row = events.emit(SomethingInline(thing_id=2))  # no commit in this test: the task never ran
    counts = events.sweep(grace_seconds=0)
    assert counts["clock_errors"] == 1 and counts["done"] == 1
    assert SEEN == [2]
    assert OutboxEvent.objects.get(pk=row.pk).processed_at is not None
