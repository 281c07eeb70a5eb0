"""The demo's timestamps: what the services stamp with "now" is spread over the phases it
belongs to, so the pages tell a consistent story."""

from __future__ import annotations

import datetime

from django.utils import timezone

from samenspraak.budgeting.models import Budget, PaperEntry, VoteCode, VoterRegister
from samenspraak.budgeting.phases import PROPOSE, REVIEW, VOTE
from samenspraak.consultation.models import Input, OfficialAnswer


def _at(phase, fraction: float) -> datetime.datetime:
    """A moment `fraction` (0..1) of the way through a phase."""
    return phase.starts_at + (phase.ends_at - phase.starts_at) * fraction


def _day(moment) -> datetime.date:
    return timezone.localtime(moment).date()


def spread_timestamps(ctx, process, phases: dict) -> None:
    """The services stamp "now"; spread those moments over the phases they happened in."""
    rng = ctx.rng
    inputs = list(Input.objects.filter(process=process).order_by("pk"))
    for number, item in enumerate(inputs):
        item.created_at = _at(phases[PROPOSE], (number + rng.random()) / (len(inputs) + 1))
        item.due_date = _day(item.created_at) + datetime.timedelta(days=process.answer_days)
        item.answered_at = _at(phases[REVIEW], rng.uniform(0.1, 0.9))
    Input.objects.bulk_update(inputs, ["created_at", "due_date", "answered_at"])
    answers = list(OfficialAnswer.objects.filter(input__process=process).select_related("input"))
    for answer in answers:
        answer.published_at = answer.input.answered_at
    OfficialAnswer.objects.bulk_update(answers, ["published_at"])

    vote = phases[VOTE]
    first, last = _day(vote.starts_at), _day(min(vote.ends_at, timezone.now()))
    span = (
        max(0, (last - first).days - 1) if vote.ends_at <= timezone.now() else (last - first).days
    )

    def day():
        return first + datetime.timedelta(days=int(rng.triangular(0, span, 0)))

    # One UPDATE per day (a few dozen) instead of a CASE over every row.
    for queryset, field in (
        (VoterRegister.objects.filter(budget__process=process), "voted_on"),
        (VoteCode.objects.filter(batch__budget__process=process, used_on__isnull=False), "used_on"),
    ):
        by_day: dict[datetime.date, list] = {}
        for pk in queryset.order_by("pk").values_list("pk", flat=True):
            by_day.setdefault(day(), []).append(pk)
        for when, pks in sorted(by_day.items()):
            queryset.model.objects.filter(pk__in=pks).update(**{field: when})
    PaperEntry.objects.filter(budget__process=process).update(
        entered_at=vote.ends_at - datetime.timedelta(hours=20)
    )
    Budget.objects.filter(process=process, locked_at__isnull=False).update(locked_at=vote.starts_at)
