"""Retention of paper signature lists: the names and addresses on a paper list are needed to
check the list and to find the same person twice; once the council has decided (or the
initiative expired) they are not. `paper_retention_days()` after that (setting
SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS, default about three months, the time for objections),
the clock below removes every line's name, postcode, house number and duplicate key. The list
itself, its counts and the signatures as counted stay, so the threshold the council acted on
can still be shown."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from samenspraak.core import audit
from samenspraak.initiatives.models import (
    Outcome,
    PaperList,
    Signature,
    SignatureChannel,
    Status,
)
from samenspraak.initiatives.services.common import AuditAction

DEFAULT_PAPER_LIST_RETENTION_DAYS = 91


def paper_retention_days() -> int:
    return int(
        getattr(
            settings, "SAMENSPRAAK_PAPER_LIST_RETENTION_DAYS", DEFAULT_PAPER_LIST_RETENTION_DAYS
        )
    )


def paper_lists_due(today: datetime.date):
    """Paper lists that still hold names and addresses while their initiative's route ended
    more than the retention period before `today`: decided (the last decision that was not a
    postponement) or expired (the last day to sign)."""
    cutoff = today - datetime.timedelta(days=paper_retention_days())
    return (
        PaperList.objects.filter(personal_data_removed_at__isnull=True)
        .annotate(
            last_decision=Max(
                "initiative__decisions__decided_on",
                filter=~Q(initiative__decisions__outcome=Outcome.POSTPONED),
            )
        )
        .filter(
            Q(initiative__status=Status.DECIDED, last_decision__lte=cutoff)
            | Q(initiative__status=Status.EXPIRED, initiative__last_day__lte=cutoff)
        )
    )


def paper_retention_clock(now=None) -> int:
    """Clock (core.events, run by `samenspraak events_dispatch`): remove the personal data of
    the paper lists that are due. Idempotent; returns the number of lists cleared."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    count = 0
    for paper_list in paper_lists_due(today).select_related("initiative"):
        with transaction.atomic():
            lines = Signature.objects.filter(
                paper_list=paper_list, channel=SignatureChannel.PAPER
            ).update(name="", postcode="", house_number="", paper_key="")
            cleared = PaperList.objects.filter(
                pk=paper_list.pk, personal_data_removed_at__isnull=True
            ).update(personal_data_removed_at=now)
            if not cleared:
                continue
            audit.record(
                None,
                AuditAction.PAPER_DATA_REMOVED,
                paper_list,
                {"lines": lines, "initiative": paper_list.initiative_id},
                system=True,
            )
            count += 1
    return count
