"""Domain events: the outbox, delivery once per subscriber, retries, the sweep (core.events).

These run against PostgreSQL and the real database task queue (`real_queue`): the test runs
`db_worker` itself, as production does."""

import dataclasses
import datetime
from typing import ClassVar

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samenspraak.core import events
from samenspraak.core.models import EventDelivery, OutboxEvent


@dataclasses.dataclass(frozen=True)
class ThingHappened(events.Event):
    type: ClassVar[str] = "nl.samenspraak.tests.thing.happened"
    thing_id: int
    kind: str = "plain"


#: What the subscribers below received: (subscriber, thing_id), in order.
CALLS: list[tuple[str, int]] = []
#: How many more times `flaky` fails before it works.
FAILURES = {"flaky": 0}


def counting(event: ThingHappened) -> None:
    CALLS.append(("counting", event.thing_id))


def flaky(event: ThingHappened) -> None:
    CALLS.append(("flaky", event.thing_id))
    if FAILURES["flaky"] > 0:
        FAILURES["flaky"] -= 1
        raise RuntimeError("mail server away")


def writer(event: ThingHappened) -> None:
    """A subscriber that writes: its write and its delivery record commit together."""
    from samenspraak.core.models import AuditLogEntry

    AuditLogEntry.objects.create(action="tests.thing_seen", target_id=str(event.thing_id))


@pytest.fixture(autouse=True)
def _registered():
    CALLS.clear()
    FAILURES["flaky"] = 0
    events.register_type(ThingHappened)
    # Installed apps' subscribers to every type (webhooks) are not what these tests count.
    everything = events._subscribers.pop(events.ALL, None)
    yield
    for handler in (counting, flaky, writer):
        events.unsubscribe(ThingHappened, handler)
    events._subscribers.pop(events.ALL, None)
    if everything is not None:
        events._subscribers[events.ALL] = everything


def run_worker() -> None:
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False, verbosity=0)


def dispatch_tasks():
    return DBTaskResult.objects.filter(task_path="samenspraak.core.events.dispatch_event")


pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]


def test_the_outbox_row_is_written_in_the_callers_transaction_and_gone_after_rollback():
    events.subscribe(ThingHappened, counting)
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(ThingHappened(thing_id=1))
        assert OutboxEvent.objects.filter(type=ThingHappened.type).count() == 1
        assert not dispatch_tasks().exists()  # nothing is queued before the commit
        raise RuntimeError("the service failed after emitting")
    assert not OutboxEvent.objects.exists()
    assert not dispatch_tasks().exists()

    with transaction.atomic():
        row = events.emit(ThingHappened(thing_id=2, kind="second"))
    stored = OutboxEvent.objects.get()
    assert stored.pk == row.pk
    assert stored.payload == {"thing_id": 2, "kind": "second"}
    assert dispatch_tasks().get().args_kwargs["args"] == [row.pk]
    run_worker()
    assert CALLS == [("counting", 2)]
    stored.refresh_from_db()
    assert stored.processed_at is not None


def test_dispatch_delivers_once_per_subscriber_even_when_run_twice():
    events.subscribe(ThingHappened, counting)
    events.subscribe(ThingHappened, writer)
    row = events.emit(ThingHappened(thing_id=7))
    run_worker()
    assert events.dispatch(row.pk) == "already"  # a processed row is not dispatched again
    OutboxEvent.objects.filter(pk=row.pk).update(processed_at=None)  # as if the run was cut off
    assert events.dispatch(row.pk) == "done"
    call_command("events_dispatch", grace=0, verbosity=0)

    assert CALLS == [("counting", 7)]
    from samenspraak.core.models import AuditLogEntry

    assert AuditLogEntry.objects.filter(action="tests.thing_seen").count() == 1
    deliveries = EventDelivery.objects.filter(event_id=row.pk)
    assert sorted(deliveries.values_list("subscriber", flat=True)) == [
        "samenspraak.core.tests.test_events.counting",
        "samenspraak.core.tests.test_events.writer",
    ]
    assert all(d.delivered_at and d.attempts == 1 for d in deliveries)


def test_a_failing_subscriber_is_retried_with_backoff_and_does_not_block_the_others():
    events.subscribe(ThingHappened, flaky)
    events.subscribe(ThingHappened, counting)
    FAILURES["flaky"] = 1
    row = events.emit(ThingHappened(thing_id=3))
    run_worker()

    assert CALLS == [("flaky", 3), ("counting", 3)]  # the failure did not stop `counting`
    row.refresh_from_db()
    assert row.processed_at is None and row.attempts == 1
    assert "mail server away" in row.last_error
    failed = EventDelivery.objects.get(event=row, subscriber__endswith=".flaky")
    assert failed.delivered_at is None and failed.attempts == 1
    # The retry is queued for later (backoff), so the worker leaves it for now.
    retry = dispatch_tasks().filter(status="READY").get()
    assert retry.run_after == row.next_attempt_at
    assert row.next_attempt_at - timezone.now() > datetime.timedelta(seconds=20)
    run_worker()
    assert len(CALLS) == 2

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # time passes
    run_worker()
    assert CALLS == [("flaky", 3), ("counting", 3), ("flaky", 3)]  # `counting` not again
    row.refresh_from_db()
    assert row.processed_at is not None and row.attempts == 2 and row.last_error == ""
    failed.refresh_from_db()
    assert failed.delivered_at is not None and failed.attempts == 2


def test_a_subscriber_that_keeps_failing_is_given_up_after_max_attempts():
    events.subscribe(ThingHappened, flaky)
    FAILURES["flaky"] = events.MAX_ATTEMPTS + 5
    row = events.emit(ThingHappened(thing_id=4))
    later = timezone.now()
    for _attempt in range(events.MAX_ATTEMPTS):
        later += datetime.timedelta(hours=2)
        events.dispatch(row.pk, now=later)
    row.refresh_from_db()
    assert row.failed_at is not None and row.attempts == events.MAX_ATTEMPTS
    assert events.dispatch(row.pk) == "failed"  # given up: not dispatched again
    assert not events.pending(now=later + datetime.timedelta(days=1), grace_seconds=0).exists()


def test_the_sweep_delivers_a_row_whose_task_was_lost():
    events.subscribe(ThingHappened, counting)
    row = events.emit(ThingHappened(thing_id=5))
    dispatch_tasks().delete()  # the queue lost the task (crash, restore, flushed queue)
    run_worker()
    assert CALLS == []

    call_command("events_dispatch", verbosity=0)  # the row is younger than the grace period
    assert CALLS == []
    call_command("events_dispatch", grace=0, verbosity=0)
    assert CALLS == [("counting", 5)]
    row.refresh_from_db()
    assert row.processed_at is not None


def test_the_sweep_takes_a_due_retry_but_not_one_still_waiting():
    events.subscribe(ThingHappened, flaky)
    FAILURES["flaky"] = 1
    row = events.emit(ThingHappened(thing_id=6))
    run_worker()
    dispatch_tasks().filter(status="READY").delete()  # the retry's task was lost too
    assert events.sweep(grace_seconds=0) == {"emitted": 0}
    row.refresh_from_db()
    later = row.next_attempt_at + datetime.timedelta(seconds=1)
    assert events.sweep(now=later, grace_seconds=0) == {"emitted": 0, "done": 1}
    assert CALLS == [("flaky", 6), ("flaky", 6)]


def test_an_event_with_a_key_is_stored_once():
    first = events.emit(ThingHappened(thing_id=8), key="thing:8")
    again = events.emit(ThingHappened(thing_id=8), key="thing:8")
    assert first is not None and again is None
    assert OutboxEvent.objects.filter(key="thing:8").count() == 1


@pytest.mark.django_db
def test_unregistered_events_and_free_text_are_refused():
    @dataclasses.dataclass(frozen=True)
    class Unknown(events.Event):
        type: ClassVar[str] = "nl.samenspraak.tests.unknown.happened"
        thing_id: int

    with pytest.raises(LookupError):
        events.emit(Unknown(thing_id=1))
    with pytest.raises(ValueError, match="a label, not text"):
        events.emit(ThingHappened(thing_id=1, kind="Mevrouw Jansen schreef: " + "x" * 80))
    assert not OutboxEvent.objects.exists()


def test_event_types_hold_ids_and_labels_only():
    @dataclasses.dataclass(frozen=True)
    class WithPerson(events.Event):
        type: ClassVar[str] = "nl.samenspraak.tests.person.included"
        person: dict

    @dataclasses.dataclass(frozen=True)
    class Clash(events.Event):
        type: ClassVar[str] = ThingHappened.type
        thing_id: int

    with pytest.raises(TypeError, match="ids, flags and labels"):
        events.register_type(WithPerson)
    with pytest.raises(ValueError, match="type looks like"):
        events.register_type(type("NoType", (ThingHappened,), {"type": "thing"}))
    with pytest.raises(ValueError, match="already"):
        events.register_type(Clash)
    events.register_type(ThingHappened)  # the same class again is fine


def test_every_app_registers_its_event_types():
    assert {
        "nl.samenspraak.consultation.input.submitted",
        "nl.samenspraak.consultation.input.answered",
        "nl.samenspraak.dialogue.comment.posted",
        "nl.samenspraak.dialogue.content.moderated",
        "nl.samenspraak.processes.phase.started",
        "nl.samenspraak.processes.phase.ended",
        "nl.samenspraak.information.update.published",
        "nl.samenspraak.surveys.response.submitted",
        "nl.samenspraak.budgeting.result.published",
    } <= set(events.event_types())


def test_a_subscriber_to_every_type_gets_each_event_once_after_the_types_own():
    events.subscribe(ThingHappened, counting)
    events.subscribe(events.ALL, flaky)
    try:
        assert events.subscribers(ThingHappened.type)[:1] == [f"{__name__}.counting"]
        assert f"{__name__}.flaky" in events.subscribers("nl.samenspraak.tests.other.thing")
        with transaction.atomic():
            events.emit(ThingHappened(thing_id=7))
        run_worker()
        assert CALLS == [("counting", 7), ("flaky", 7)]
    finally:
        events.unsubscribe(events.ALL, flaky)


def test_a_committed_event_changes_the_content_version_and_a_rolled_back_one_does_not():
    before = events.content_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        events.emit(ThingHappened(thing_id=5))
        raise RuntimeError("the service failed after emitting")
    assert events.content_version() == before
    with transaction.atomic():
        events.emit(ThingHappened(thing_id=6))
        assert events.content_version() == before  # nothing changes before the commit
    assert events.content_version() != before
