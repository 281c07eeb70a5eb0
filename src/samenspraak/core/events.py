"""Domain events: what happened, told to whoever subscribed, durably and after commit.

An app declares its events as frozen dataclasses with a stable `type` and registers them:

    @dataclass(frozen=True)
    class InputAnswered(events.Event):
        type: ClassVar[str] = "nl.samenspraak.consultation.input.answered"
        input_id: int
        process_id: int

    events.register_type(InputAnswered)
    events.subscribe(InputAnswered, "samenspraak.consultation.notifications.answer_published")

A service emits inside its own transaction: `events.emit(InputAnswered(input_id=..., ...))`
writes an outbox row (core.OutboxEvent) in that transaction, so the event exists exactly when
the change does. On commit a task (`dispatch_event`) hands the row to every subscriber, each at
most once (core.EventDelivery records who got it); a subscriber that fails is retried with
backoff and does not hold up the others. `samenspraak events_dispatch` (run it every minute)
first runs the registered clocks (time-based events such as a phase starting), then delivers
every row whose task was lost or whose retry is due.

An event carries ids, labels and flags only, never personal data or free text: a subscriber
reads what it needs (and may find it gone). Fields are int, bool, str (a short label) or None.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import types
import typing
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)

#: A subscriber that failed this often is given up (the row keeps the error for staff to see).
MAX_ATTEMPTS = 8
#: Seconds to wait before retry n (1, 2, ...): 30 s, 1 min, 2 min, ... at most an hour.
BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
#: The sweep leaves rows this young to their own task (it would still be correct to take them).
SWEEP_GRACE_SECONDS = 60
#: A str field holds a label (a kind, an outcome), never text someone wrote.
LABEL_MAX_LENGTH = 64

_ALLOWED_TYPES = (int, bool, str, type(None))


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    """Base of every domain event. Subclasses set `type` (reverse-DNS, stable) and `version`
    (raise it when the fields change meaning) and add their subject's ids as fields."""

    type: ClassVar[str] = ""
    version: ClassVar[int] = 1

    id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)
    occurred_at: datetime.datetime = dataclasses.field(default_factory=timezone.now)

    def payload(self) -> dict[str, Any]:
        """The subject's fields (not id, type, version or time), as stored in the outbox."""
        return {f.name: getattr(self, f.name) for f in _subject_fields(type(self))}


def _subject_fields(cls) -> list[dataclasses.Field]:
    return [f for f in dataclasses.fields(cls) if f.name not in ("id", "occurred_at")]


def _field_types(cls, field: dataclasses.Field) -> tuple:
    hint = typing.get_type_hints(cls)[field.name]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return typing.get_args(hint)
    return (hint,)


# --- registries ------------------------------------------------------------------------------

_types: dict[str, type[Event]] = {}
_subscribers: dict[str, list[str]] = {}
_clocks: dict[str, str] = {}


def register_type(cls: type[Event]) -> type[Event]:
    """Make an event type known (emit and dispatch refuse unknown ones). Registering the same
    class again is harmless; another class under a taken `type` is an error."""
    if not (isinstance(cls, type) and issubclass(cls, Event) and dataclasses.is_dataclass(cls)):
        raise TypeError(f"{cls!r} is no dataclass subclass of events.Event")
    if not cls.type or cls.type.count(".") < 3 or not cls.type.startswith("nl.samenspraak."):
        raise ValueError(f"{cls.__name__}: type looks like 'nl.samenspraak.<app>.<what>.<done>'")
    for field in _subject_fields(cls):
        wrong = [t for t in _field_types(cls, field) if t not in _ALLOWED_TYPES]
        if wrong:
            raise TypeError(
                f"{cls.__name__}.{field.name}: an event holds ids, flags and labels only "
                f"(int, bool, str, None), not {wrong}"
            )
    known = _types.get(cls.type)
    if known is not None and _dotted(known) != _dotted(cls):
        raise ValueError(f"event type {cls.type} is already {_dotted(known)}")
    _types[cls.type] = cls
    return cls


def subscribe(event: type[Event] | str, handler: Callable[[Event], Any] | str) -> None:
    """Call `handler(event)` in the worker for every event of this type. `handler` is a
    function at module level or its dotted path; it is recorded by that path, which must stay
    stable (deliveries are remembered under it). Subscribing twice is harmless."""
    event_type = event if isinstance(event, str) else event.type
    path = handler if isinstance(handler, str) else _dotted(handler)
    if not isinstance(handler, str) and "<" in path:
        raise ValueError(f"{path}: subscribe a function defined at module level")
    handlers = _subscribers.setdefault(event_type, [])
    if path not in handlers:
        handlers.append(path)


def unsubscribe(event: type[Event] | str, handler: Callable[[Event], Any] | str) -> None:
    event_type = event if isinstance(event, str) else event.type
    path = handler if isinstance(handler, str) else _dotted(handler)
    if path in _subscribers.get(event_type, []):
        _subscribers[event_type].remove(path)


def register_clock(key: str, function: Callable[[datetime.datetime], int] | str) -> None:
    """A function `(now) -> number emitted` that `events_dispatch` runs first on every sweep:
    it emits time-based events (a phase started) and must be idempotent."""
    _clocks[key] = function if isinstance(function, str) else _dotted(function)


def event_types() -> dict[str, type[Event]]:
    return dict(_types)


#: Subscribe to this "type" to get every event (e.g. webhooks, which forward whatever is asked).
ALL = "*"


def subscribers(event_type: str) -> list[str]:
    """The handlers of `event_type`: its own, then those subscribed to every type (ALL)."""
    own = _subscribers.get(event_type, [])
    return own + [path for path in _subscribers.get(ALL, []) if path not in own]


def _dotted(obj) -> str:
    return f"{obj.__module__}.{obj.__qualname__}"


# --- emitting --------------------------------------------------------------------------------


def emit(event: Event, *, key: str | None = None):
    """Store `event` in the outbox inside the caller's transaction and deliver it after commit.

    `key` makes the event unique (e.g. "phase.started:42"): a second emit with the same key
    stores nothing and returns None. Returns the OutboxEvent row otherwise."""
    from samenspraak.core.models import OutboxEvent

    cls = _types.get(event.type)
    if cls is None or not isinstance(event, cls):
        raise LookupError(f"{type(event).__name__} ({event.type}) is no registered event type")
    payload = event.payload()
    for name, value in payload.items():
        if isinstance(value, str) and len(value) > LABEL_MAX_LENGTH:
            raise ValueError(f"{event.type}.{name}: a label, not text ({len(value)} characters)")
    row = OutboxEvent(
        event_id=event.id,
        type=event.type,
        version=event.version,
        payload=payload,
        occurred_at=event.occurred_at,
        key=key,
    )
    if key is not None:
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            return None
    else:
        row.save()
    transaction.on_commit(lambda: _enqueue(row.pk), robust=True)
    transaction.on_commit(content_changed, robust=True)
    return row


# --- what pages built from several apps may keep -----------------------------------------------

CONTENT_VERSION_KEY = "core:content-version"


def content_version() -> int:
    """A number that changes after every committed domain event: a page that combines several
    apps' public content (the area's memory, `core.trace.area_memory`) may keep what it built
    under this number, as every write through a service emits an event. Kept in the cache."""
    from django.core.cache import cache

    return cache.get(CONTENT_VERSION_KEY, 0)


def content_changed() -> None:
    """Change `content_version()` (after every committed event; tests that write around the
    services call it themselves)."""
    from django.core.cache import cache

    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not there yet (or evicted): any new number will do
        cache.set(CONTENT_VERSION_KEY, uuid.uuid4().int % 2**62, None)
    except Exception:  # the cache is down: readers fall back to their time limit
        logger.warning("content version not bumped", exc_info=True)


def _enqueue(outbox_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Queue delivery; if the queue is down the row waits for the sweep (nothing is lost)."""
    try:
        if run_after is not None:
            if not task_backends[dispatch_event.backend].supports_defer:
                return  # the sweep takes it when it is due
            dispatch_event.using(run_after=run_after).enqueue(outbox_id)
        else:
            dispatch_event.enqueue(outbox_id)
    except Exception:  # the outbox row is there: events_dispatch delivers it later
        logger.exception("events: could not queue delivery of outbox row %s", outbox_id)


def rebuild(row) -> Event:
    """The event an outbox row holds, as its registered class."""
    cls = _types.get(row.type)
    if cls is None:
        raise LookupError(f"no registered event type {row.type}")
    known = {f.name for f in _subject_fields(cls)}
    data = {name: value for name, value in row.payload.items() if name in known}
    return cls(id=row.event_id, occurred_at=row.occurred_at, **data)


# --- dispatching -----------------------------------------------------------------------------


def backoff(attempts: int) -> datetime.timedelta:
    seconds = BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, BACKOFF_MAX_SECONDS))


@task()
def dispatch_event(outbox_id: int) -> str:
    return dispatch(outbox_id)


def dispatch(outbox_id: int, *, now: datetime.datetime | None = None) -> str:
    """Hand one outbox row to its subscribers that have not had it yet.

    The row is locked for the run (a second worker skips it). Each subscriber runs in its own
    savepoint together with the record of its delivery, so what it wrote and the fact that it
    ran commit together or not at all. Returns "done", "retry", "failed" (given up), "already"
    (done before), "busy" (another worker has it) or "gone"."""
    from samenspraak.core.models import EventDelivery, OutboxEvent

    with transaction.atomic():
        row = (
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(pk=outbox_id, processed_at__isnull=True, failed_at__isnull=True)
            .first()
        )
        if row is None:
            state = OutboxEvent.objects.filter(pk=outbox_id).values("processed_at", "failed_at")
            state = state.first()
            if state is None:
                return "gone"
            if state["processed_at"]:
                return "already"
            return "failed" if state["failed_at"] else "busy"
        now = now or timezone.now()
        done = set(
            EventDelivery.objects.filter(event=row, delivered_at__isnull=False).values_list(
                "subscriber", flat=True
            )
        )
        errors = []
        try:
            event = rebuild(row)
        except Exception as error:  # an unknown type: keep the row, say why
            event, errors = None, [f"{row.type}: {error!r}"]
        for path in subscribers(row.type) if event is not None else []:
            if path in done:
                continue
            delivery, _created = EventDelivery.objects.get_or_create(event=row, subscriber=path)
            try:
                with transaction.atomic():
                    import_string(path)(event)
                    delivery.delivered_at = timezone.now()
                    delivery.attempts += 1
                    delivery.last_error = ""
                    delivery.save(update_fields=["delivered_at", "attempts", "last_error"])
            except Exception as error:
                logger.exception("events: %s failed on %s (outbox row %s)", path, row.type, row.pk)
                delivery.attempts += 1
                delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
                delivery.save(update_fields=["attempts", "last_error"])
                errors.append(f"{path}: {delivery.last_error}")
        row.attempts += 1
        if not errors:
            row.processed_at, row.last_error, row.next_attempt_at = timezone.now(), "", None
            row.save(update_fields=["processed_at", "attempts", "last_error", "next_attempt_at"])
            return "done"
        row.last_error = "\n".join(errors)[:4000]
        if row.attempts >= MAX_ATTEMPTS:
            row.failed_at = now
            row.save(update_fields=["failed_at", "attempts", "last_error"])
            return "failed"
        row.next_attempt_at = now + backoff(row.attempts)
        row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
        retry_at, pk = row.next_attempt_at, row.pk
        transaction.on_commit(lambda: _enqueue(pk, run_after=retry_at), robust=True)
        return "retry"


def pending(*, now: datetime.datetime | None = None, grace_seconds: int = SWEEP_GRACE_SECONDS):
    """Outbox rows the sweep should take: undelivered, not given up, older than `grace_seconds`
    and due (never tried, or their backoff has passed)."""
    from django.db.models import Q

    from samenspraak.core.models import OutboxEvent

    now = now or timezone.now()
    return OutboxEvent.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        processed_at__isnull=True,
        failed_at__isnull=True,
        created_at__lte=now - datetime.timedelta(seconds=grace_seconds),
    ).order_by("pk")


def run_clocks(now: datetime.datetime | None = None) -> dict[str, int | None]:
    """Run every registered clock (time-based emitters); returns how many each emitted, or None
    for a clock that failed (logged; the others and the deliveries still run)."""
    now = now or timezone.now()
    emitted: dict[str, int | None] = {}
    for key, path in sorted(_clocks.items()):
        try:
            with transaction.atomic():
                emitted[key] = import_string(path)(now)
        except Exception:
            logger.exception("events: clock %s failed", key)
            emitted[key] = None
    return emitted


def sweep(
    *, now: datetime.datetime | None = None, grace_seconds: int = SWEEP_GRACE_SECONDS
) -> dict[str, int]:
    """Run the clocks, then deliver what is pending here and now. Returns counts per result."""
    now = now or timezone.now()
    clocks = run_clocks(now)
    counts: dict[str, int] = {"emitted": sum(n for n in clocks.values() if n)}
    if None in clocks.values():
        counts["clock_errors"] = sum(1 for n in clocks.values() if n is None)
    for pk in list(pending(now=now, grace_seconds=grace_seconds).values_list("pk", flat=True)):
        result = dispatch(pk, now=now)
        counts[result] = counts.get(result, 0) + 1
    return counts
