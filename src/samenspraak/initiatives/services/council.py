"""The council: meetings, putting an initiative on the agenda, recording the decision."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.core.text import TEXT_SHORT, too_long
from samenspraak.initiatives import permissions
from samenspraak.initiatives.events import (
    CouncilDecided,
    InitiativeScheduled,
)
from samenspraak.initiatives.models import (
    CouncilDecision,
    Initiative,
    Meeting,
    Outcome,
    Status,
)
from samenspraak.initiatives.services.common import (
    REASON_MIN,
    AuditAction,
    _day,
    _lock,
    _refresh,
    _step,
)


def meeting_save(
    *,
    actor,
    municipality,
    title: str,
    starts_at: datetime.datetime,
    location: str = "",
    agenda_url: str = "",
    meeting: Meeting | None = None,
    request=None,
) -> Meeting:
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie beheert de vergaderingen."))
    title = (title or "").strip()
    if len(title) < 3:
        raise ValidationError({"title": _("Geef de vergadering een naam.")})
    meeting = meeting or Meeting(municipality=municipality)
    meeting.title, meeting.starts_at = title[:120], starts_at
    meeting.location, meeting.agenda_url = (location or "").strip()[:120], agenda_url or ""
    with transaction.atomic():
        meeting.save()
        audit.record(actor, AuditAction.MEETING_SAVED, meeting, None, request)
    return meeting


def initiative_schedule(
    *, actor, initiative: Initiative, meeting: Meeting, request=None
) -> Initiative:
    """The clerk puts an initiative from the agenda queue on a coming meeting (or moves it)."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie zet initiatieven op de agenda."))
    if meeting.municipality_id != initiative.municipality_id:
        raise ValidationError({"meeting": _("Kies een vergadering van deze gemeente.")})
    if meeting.starts_at < timezone.now():
        raise ValidationError(
            {"meeting": _("Deze vergadering is al geweest. Kies een vergadering die nog komt.")}
        )
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status not in (Status.AGENDA, Status.SCHEDULED):
            raise PermissionDenied(
                _("Dit initiatief staat niet in de wachtrij voor de raadsagenda.")
            )
        locked.status, locked.meeting = Status.SCHEDULED, meeting
        locked.save(update_fields=["status", "meeting", "updated_at"])
        _step(
            locked,
            Status.SCHEDULED,
            _("Op de agenda van %(meeting)s op %(day)s.")
            % {"meeting": meeting.title, "day": _day(timezone.localdate(meeting.starts_at))},
        )
        audit.record(actor, AuditAction.SCHEDULED, locked, {"meeting": meeting.pk}, request)
        events.emit(InitiativeScheduled(initiative_id=locked.pk, meeting_id=meeting.pk))
    return _refresh(initiative, locked)


def decision_record(
    *,
    actor,
    initiative: Initiative,
    outcome: str,
    motivation: str,
    decided_on: datetime.date,
    decision_url: str = "",
    request=None,
) -> CouncilDecision:
    """The clerk records what the council decided at the meeting the initiative is on.
    Adopted or rejected: decided. Postponed: back into the agenda queue for a later meeting.
    In order only: the initiative must be scheduled, and the day on or after the meeting."""
    if not permissions.is_clerk(actor):
        raise PermissionDenied(_("Alleen de griffie legt besluiten van de raad vast."))
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = _("Kies het besluit van de raad.")
    motivation = (motivation or "").strip()
    if len(motivation) < REASON_MIN:
        errors["motivation"] = _("Schrijf kort waarom de raad zo besloot.")
    elif message := too_long(motivation, TEXT_SHORT):
        errors["motivation"] = message
    if decided_on > timezone.localdate():
        errors["decided_on"] = _("Een besluit ligt niet in de toekomst.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _lock(initiative)
        if locked.status != Status.SCHEDULED or locked.meeting_id is None:
            raise PermissionDenied(
                _(
                    "Een besluit kan pas als het initiatief op de agenda van een vergadering "
                    "staat. Zet het eerst op de agenda."
                )
            )
        meeting = Meeting.objects.get(pk=locked.meeting_id)
        meeting_day = timezone.localdate(meeting.starts_at)
        if decided_on < meeting_day:
            raise ValidationError(
                {
                    "decided_on": _(
                        "De vergadering is op %(day)s. Het besluit kan niet eerder zijn."
                    )
                    % {"day": _day(meeting_day)}
                }
            )
        decision = CouncilDecision.objects.create(
            initiative=locked,
            meeting=meeting,
            outcome=outcome,
            motivation=motivation,
            decision_url=decision_url or "",
            decided_on=decided_on,
            recorded_by=actor,
        )
        at = timezone.now()
        if decided_on != timezone.localdate():  # recorded later: the step shows the day itself
            at = timezone.make_aware(datetime.datetime.combine(decided_on, datetime.time(12)))
        label = str(Outcome(outcome).label)
        if outcome == Outcome.POSTPONED:
            locked.status, locked.meeting = Status.AGENDA, None
            _step(locked, Status.AGENDA, f"{label}: {motivation}", at=at)
        else:
            locked.status = Status.DECIDED
            _step(locked, Status.DECIDED, f"{label}: {motivation}", at=at)
        locked.save(update_fields=["status", "meeting", "updated_at"])
        audit.record(actor, AuditAction.DECIDED, locked, {"outcome": outcome}, request)
        events.emit(
            CouncilDecided(initiative_id=locked.pk, decision_id=decision.pk, outcome=outcome)
        )
    _refresh(initiative, locked)
    return decision
