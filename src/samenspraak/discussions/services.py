"""Writes for discussion spaces. Each checks permission, validates with a clear Dutch message,
saves in a transaction, records staff actions in the audit log and emits the events."""

from __future__ import annotations

import datetime

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.discussions.events import (
    DigestDue,
    SummaryWritten,
    ThreadClosed,
    ThreadOpened,
    ThreadReopened,
)
from samenspraak.discussions.models import (
    REASON_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Follow,
    Frequency,
    Space,
    SpaceKind,
    Thread,
)
from samenspraak.discussions.permissions import (
    can_follow,
    can_start_thread,
    is_community_manager,
)
from samenspraak.discussions.selectors import duplicate_of, title_key


class AuditAction:
    """Audit action names (stable strings)."""

    SPACE_CREATED = "discussions.space_created"
    SPACE_CHANGED = "discussions.space_changed"
    THREAD_CLOSED = "discussions.thread_closed"
    THREAD_REOPENED = "discussions.thread_reopened"
    THREAD_PINNED = "discussions.thread_pinned"
    THREAD_UNPINNED = "discussions.thread_unpinned"
    SUMMARY_WRITTEN = "discussions.summary_written"


#: A resident opens at most this many threads in 24 hours, across all spaces (the page's own
#: rate limit counts per space and per few minutes; this stops a slow spammer going round).
THREADS_PER_DAY = 10

#: The daily digest goes out once the local time has passed this hour.
DIGEST_HOUR = 7
#: How many days an unsubscribe link in a mail keeps working.
UNSUBSCRIBE_MAX_AGE = datetime.timedelta(days=90)
UNSUBSCRIBE_SALT = "samenspraak.discussions.unfollow"


def _require_manager(actor) -> None:
    if not is_community_manager(actor):
        raise PermissionDenied(_("Alleen community managers kunnen dit doen."))


def _text(value: str, *, field: str, limit: int, empty: str | None) -> str:
    text = (value or "").strip()
    if not text and empty:
        raise ValidationError({field: empty})
    message = too_long(text, limit)
    if message:
        raise ValidationError({field: message})
    return text


def parse_house_rules(text: str) -> list[dict[str, str]]:
    """One rule a line, "Titel: uitleg" (the explanation may be left out)."""
    rules = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•* ").strip()
        if not line:
            continue
        title, _sep, explanation = line.partition(":")
        title, explanation = title.strip(), explanation.strip()
        if len(title) > 120:
            raise ValidationError(
                {"house_rules": _("De titel van een huisregel mag maximaal 120 tekens zijn.")}
            )
        rules.append({"title": title, "text": explanation})
    return rules


# --- Spaces --------------------------------------------------------------------------------

SPACE_FIELDS = ("name", "intro", "kind", "area", "topic", "moderation", "is_open", "process")


def space_save(
    *, actor, municipality, space: Space | None = None, house_rules=None, request=None, **fields
) -> Space:
    """Create a space (`space` None) or change one. `house_rules` is a list of {title, text}."""
    _require_manager(actor)
    creating = space is None
    space = space or Space(municipality=municipality, created_by=actor)
    for name in SPACE_FIELDS:
        if name in fields:
            setattr(space, name, fields[name])
    space.name = _text(space.name, field="name", limit=120, empty=_("Geef de ruimte een naam."))
    space.intro = _text(space.intro, field="intro", limit=TEXT_SHORT, empty=None)
    if house_rules is not None:
        space.house_rules = list(house_rules)
    if space.kind == SpaceKind.AREA and space.area_id is None:
        raise ValidationError({"area": _("Kies het gebied van dit buurtgesprek.")})
    if space.kind == SpaceKind.THEME and space.topic_id is None:
        raise ValidationError({"topic": _("Kies het thema van dit stadsgesprek.")})
    if creating:
        base = slugify(space.name)[:70] or "gesprek"
        slug, n = base, 1
        while Space.objects.filter(municipality=municipality, slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        space.slug = slug
    space.full_clean()
    with transaction.atomic():
        space.save()
        audit.record(
            actor,
            AuditAction.SPACE_CREATED if creating else AuditAction.SPACE_CHANGED,
            space,
            {"name": space.name, "open": space.is_open, "moderation": space.moderation},
            request,
        )
    return space


# --- Threads -------------------------------------------------------------------------------


def thread_open(*, actor, space: Space, title: str, body: str) -> Thread:
    """A new thread in `space`. A thread with the same title in the space is refused with
    ValidationError code "duplicate" (its `params["thread"]` is the existing one)."""
    if not can_start_thread(actor, space):
        raise PermissionDenied(_("In deze gespreksruimte kunt u nu geen gesprek beginnen."))
    title = _text(
        title, field="title", limit=TITLE_MAX_LENGTH, empty=_("Geef uw gesprek een onderwerp.")
    )
    body = _text(body, field="body", limit=TEXT_SHORT, empty=_("Schrijf waar u over wilt praten."))
    since = timezone.now() - datetime.timedelta(hours=24)
    if (
        not actor.is_staff_role
        and Thread.objects.filter(author=actor, created_at__gte=since).count() >= THREADS_PER_DAY
    ):
        raise ValidationError(
            _(
                "U heeft de afgelopen 24 uur al %(count)s gesprekken gestart. Dat is het "
                "maximum. Reageer in een bestaand gesprek of probeer het morgen opnieuw."
            )
            % {"count": THREADS_PER_DAY},
            code="flood",
        )
    existing = duplicate_of(space, title)
    if existing is not None:
        raise ValidationError(
            _("Er is al een gesprek over dit onderwerp: %(title)s. Praat daar mee."),
            code="duplicate",
            params={"title": existing.title, "thread": existing},
        )
    thread = Thread(
        space=space,
        title=title,
        title_key=title_key(title),
        body=body,
        author=actor,
        by_staff=actor.is_staff_role,
    )
    thread.full_clean()
    with transaction.atomic():
        thread.save()
        events.emit(ThreadOpened(thread_id=thread.pk, space_id=space.pk))
    return thread


def thread_close(*, actor, thread: Thread, reason: str, request=None) -> Thread:
    _require_manager(actor)
    reason = _text(
        reason,
        field="reason",
        limit=REASON_MAX_LENGTH,
        empty=_("Schrijf waarom u het gesprek sluit. Deelnemers zien deze reden."),
    )
    if not thread.is_open:
        raise ValidationError({"reason": _("Dit gesprek is al gesloten.")})
    with transaction.atomic():
        thread.is_open = False
        thread.closed_reason = reason
        thread.closed_at = timezone.now()
        thread.save(update_fields=["is_open", "closed_reason", "closed_at"])
        audit.record(actor, AuditAction.THREAD_CLOSED, thread, {"reason": reason}, request)
        events.emit(ThreadClosed(thread_id=thread.pk, space_id=thread.space_id))
    return thread


def thread_reopen(*, actor, thread: Thread, reason: str, request=None) -> Thread:
    _require_manager(actor)
    reason = _text(
        reason,
        field="reason",
        limit=REASON_MAX_LENGTH,
        empty=_("Schrijf waarom u het gesprek weer opent."),
    )
    if thread.is_open:
        raise ValidationError({"reason": _("Dit gesprek is al open.")})
    with transaction.atomic():
        thread.is_open = True
        thread.closed_reason = ""
        thread.closed_at = None
        thread.save(update_fields=["is_open", "closed_reason", "closed_at"])
        audit.record(actor, AuditAction.THREAD_REOPENED, thread, {"reason": reason}, request)
        events.emit(ThreadReopened(thread_id=thread.pk, space_id=thread.space_id))
    return thread


def thread_pin(*, actor, thread: Thread, pinned: bool, request=None) -> Thread:
    _require_manager(actor)
    with transaction.atomic():
        thread.pinned = bool(pinned)
        thread.save(update_fields=["pinned"])
        action = AuditAction.THREAD_PINNED if pinned else AuditAction.THREAD_UNPINNED
        audit.record(actor, action, thread, {}, request)
    return thread


def summary_write(*, actor, thread: Thread, summary: str, request=None) -> Thread:
    """The staff summary shown on top of the thread, with its date and author; empty removes it."""
    _require_manager(actor)
    text = _text(summary, field="summary", limit=SUMMARY_MAX_LENGTH, empty=None)
    before = thread.summary
    with transaction.atomic():
        thread.summary = text
        thread.summary_at = timezone.now() if text else None
        thread.summary_by = actor if text else None
        thread.save(update_fields=["summary", "summary_at", "summary_by"])
        audit.record(
            actor, AuditAction.SUMMARY_WRITTEN, thread, {"before": before, "after": text}, request
        )
        if text:
            events.emit(SummaryWritten(thread_id=thread.pk, space_id=thread.space_id))
    return thread


# --- Following -----------------------------------------------------------------------------


def follow(
    *, user, space: Space | None = None, thread: Thread | None = None, frequency: str
) -> Follow:
    """Follow a space or a thread (or change how often mail comes); harmless twice."""
    if not can_follow(user):
        raise PermissionDenied(_("Log in om een gesprek te volgen."))
    if (space is None) == (thread is None):
        raise ValueError("follow() takes a space or a thread")
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Kies hoe vaak u e-mail wilt krijgen.")})
    lookup = {"user": user, "space": space, "thread": thread}
    try:
        with transaction.atomic():
            item, created = Follow.objects.get_or_create(
                **lookup, defaults={"frequency": frequency}
            )
    except IntegrityError:  # a parallel request created it first
        item, created = Follow.objects.get(**lookup), False
    if not created and item.frequency != frequency:
        item.frequency = frequency
        item.save(update_fields=["frequency"])
    return item


def unfollow(*, user, space: Space | None = None, thread: Thread | None = None) -> int:
    if not (user and user.is_authenticated):
        raise PermissionDenied
    return Follow.objects.filter(user=user, space=space, thread=thread).delete()[0]


def unsubscribe_token(item: Follow) -> str:
    return signing.dumps({"f": item.pk, "u": item.user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def follow_from_token(token: str) -> Follow | None:
    """The follow an unsubscribe link names, or None (expired, forged or already gone)."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    pk, user_id = data.get("f"), data.get("u")
    if not isinstance(pk, int) or not isinstance(user_id, int):
        return None
    return Follow.objects.filter(pk=pk, user_id=user_id).select_related("space", "thread").first()


def unfollow_by_token(token: str) -> Follow | None:
    """Stop following through the link in a mail (no log-in needed); returns what it was."""
    item = follow_from_token(token)
    if item is not None:
        item.delete()
    return item


# --- Daily digest clock --------------------------------------------------------------------


def digest_clock(now: datetime.datetime) -> int:
    """Clock (core.events): once a day, after DIGEST_HOUR local time and when someone waits for a
    digest, emit DigestDue. The key makes it once per day however often the sweep runs. Returns
    the number emitted."""
    from samenspraak.discussions.models import PendingNotice

    local = timezone.localtime(now)
    if local.hour < DIGEST_HOUR or not PendingNotice.objects.exists():
        return 0  # too early, or nobody waits for a digest
    day = local.date().isoformat()
    return 1 if events.emit(DigestDue(day=day), key=f"discussions.digest:{day}") else 0
