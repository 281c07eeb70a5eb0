"""What the initiative services share: audit action names, limits, the row lock, the
public Step each move writes."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from samenspraak.core.dates import format_day
from samenspraak.initiatives.models import (
    Initiative,
    Step,
)

TITLE_MIN, TITLE_MAX = 5, 120
TEXT_MIN = 20
REASON_MIN = 10
#: Two years: longer than any by-law we know of asks residents to keep collecting.
MAX_COLLECT_DAYS = 730


class AuditAction:
    ADMITTED = "initiatives.admitted"
    REFUSED = "initiatives.refused"
    PAPER_LIST = "initiatives.paper_list_entered"
    MEETING_SAVED = "initiatives.meeting_saved"
    SCHEDULED = "initiatives.scheduled"
    DECIDED = "initiatives.decision_recorded"
    BYLAW_SAVED = "initiatives.bylaw_saved"
    MEMBER_VERIFIED = "initiatives.council_member_verified"
    PAPER_DATA_REMOVED = "initiatives.paper_list_personal_data_removed"
    QUESTION_PUBLISHED = "initiatives.council_question_published"
    QUESTION_REFUSED = "initiatives.council_question_refused"


def _day(day: datetime.date) -> str:
    return format_day(day)


def _lock(initiative: Initiative) -> Initiative:
    """The initiative's row, locked until the transaction ends (call inside atomic)."""
    return Initiative.objects.select_for_update().get(pk=initiative.pk)


def _step(initiative: Initiative, status: str, note: str = "", at=None) -> Step:
    return Step.objects.create(
        initiative=initiative, status=status, note=note, at=at or timezone.now()
    )


def _refresh(target: Initiative, source: Initiative) -> Initiative:
    """Copy the locked row's state onto the caller's object (so it sees the change)."""
    for name in (
        "status",
        "signature_count",
        "signatures_needed",
        "last_day",
        "meeting_id",
        "refusal_reason",
    ):
        setattr(target, name, getattr(source, name))
    return target


def _postcode_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for part in re.split(r"[,\s]+", text or ""):
        if not part:
            continue
        low, _dash, high = part.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            ranges.append((int(low), int(high or low)))
    return ranges


def _postcodes_valid(text: str) -> bool:
    parts = [p for p in re.split(r"[,\s]+", text) if p]
    return all(re.fullmatch(r"\d{4}(-\d{4})?", p) for p in parts)
