"""Paper ballots, entered twice by two different staff members (double entry).

A staff member types in one sheet: its number and the choices on it, checked with the same
rules as an online ballot. A second, different staff member types in the same sheet without
seeing the first entry. When two entries by different people agree, the ballot is counted
(a Ballot with channel "paper" and a register row without user or code) and both entries are
marked confirmed. When they differ, both are shown side by side; either person corrects theirs
by entering the sheet again (one entry per person per sheet), or a third person enters it.
Nobody can confirm their own entry. Entries are serialised per budget (a row lock on the
budget), so two people entering the same sheet at once still compare with each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting import voting
from samenspraak.budgeting.models import Ballot, Budget, PaperEntry
from samenspraak.core import audit
from samenspraak.processes.permissions import can_manage_process

SHEET_MAX = 30


class AuditAction:
    ENTERED = "budgeting.paper_entered"
    COUNTED = "budgeting.paper_counted"


class Status:
    WAITING = "waiting"  # first entry; a second person must enter the sheet
    COUNTED = "counted"  # two entries agree; the ballot counts
    CONFLICT = "conflict"  # another person's entry differs


@dataclass
class EntryResult:
    status: str
    entry: PaperEntry
    ballot: Ballot | None = None


def can_enter_paper(user, budget: Budget) -> bool:
    return can_manage_process(user, budget.process)


def _as_json(choices: dict[int, int]) -> dict[str, int]:
    return {str(pk): value for pk, value in sorted(choices.items())}


def _require_entry_open(budget: Budget, user, at) -> None:
    """Staff of the process may enter sheets from the start of the vote until the result."""
    if not can_enter_paper(user, budget):
        raise PermissionDenied(_("U mag geen papieren stembiljetten invoeren."))
    if voting.results_exist(budget):
        raise PermissionDenied(voting.RESULT_FINAL_MESSAGE())
    phase = voting.vote_phase(budget, at)
    if phase is None or at < phase.starts_at:
        raise PermissionDenied(
            _("Papieren stembiljetten voert u in vanaf het begin van de stemming.")
        )


def _checked(budget: Budget, sheet: str, choices: dict) -> dict[int, int]:
    """The sheet's choices by the ballot's rules; every problem at once ("sheet", "choices")."""
    errors = {}
    if not sheet:
        errors["sheet"] = _("Vul het nummer op het stembiljet in.")
    elif len(sheet) > SHEET_MAX:
        errors["sheet"] = _("Een nummer is hoogstens %(max)s tekens.") % {"max": SHEET_MAX}
    cleaned = {}
    try:
        cleaned = voting.validate_ballot(budget, voting.ballot_projects(budget), choices)
    except ValidationError as error:
        errors.update({field: msgs[0] for field, msgs in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return cleaned


def _save_entry(budget: Budget, sheet: str, stored: dict, user, entries) -> PaperEntry:
    """This person's entry of the sheet, new or corrected."""
    mine = next((e for e in entries if e.entered_by_id == user.pk), None)
    if mine is None:
        return PaperEntry.objects.create(
            budget=budget, sheet=sheet, choices=stored, entered_by=user
        )
    mine.choices = stored
    mine.save(update_fields=["choices"])
    return mine


def enter_sheet(*, budget: Budget, sheet: str, choices: dict, user, at=None) -> EntryResult:
    """One person's entry of one paper sheet. Raises ValidationError ("sheet", "choices").

    The sheet counts (one ballot) when a second person's entry of it has the same choices."""
    at = at or timezone.now()
    _require_entry_open(budget, user, at)
    sheet = (sheet or "").strip()
    cleaned = _checked(budget, sheet, choices)
    stored = _as_json(cleaned)
    with transaction.atomic():
        Budget.objects.select_for_update().filter(pk=budget.pk).order_by().values_list("pk").get()
        entries = list(PaperEntry.objects.filter(budget=budget, sheet=sheet))
        if any(entry.confirmed for entry in entries):
            raise ValidationError({"sheet": _("Biljet %(sheet)s is al geteld.") % {"sheet": sheet}})
        mine = _save_entry(budget, sheet, stored, user, entries)
        others = [e for e in entries if e.entered_by_id not in (None, user.pk)]
        audit.record(user, AuditAction.ENTERED, target=budget, changes={"sheet": sheet})
        match = next((e for e in others if e.choices == stored), None)
        if match is not None:
            ballot = voting.cast_paper(budget=budget, choices=cleaned)
            PaperEntry.objects.filter(pk__in=[mine.pk, match.pk]).update(confirmed=True)
            mine.confirmed = True
            audit.record(user, AuditAction.COUNTED, target=budget, changes={"sheet": sheet})
            return EntryResult(Status.COUNTED, mine, ballot)
        if others:
            return EntryResult(Status.CONFLICT, mine)
        return EntryResult(Status.WAITING, mine)


# --- selectors --------------------------------------------------------------------------------


@dataclass
class Sheet:
    sheet: str
    entries: list[PaperEntry]

    @property
    def people(self) -> list[str]:
        return [str(e.entered_by) if e.entered_by else "?" for e in self.entries]


def open_sheets(budget: Budget) -> tuple[list[Sheet], list[Sheet]]:
    """(sheets waiting for a second person, sheets whose entries differ); one query.

    Waiting sheets are shown by number and person only: the second entry is blind."""
    grouped: dict[str, list[PaperEntry]] = {}
    for entry in (
        PaperEntry.objects.filter(budget=budget, confirmed=False)
        .select_related("entered_by")
        .order_by("sheet", "entered_at")
    ):
        grouped.setdefault(entry.sheet, []).append(entry)
    waiting = [Sheet(s, es) for s, es in grouped.items() if len(es) == 1]
    conflicts = [Sheet(s, es) for s, es in grouped.items() if len(es) > 1]
    return waiting, conflicts


def counted_sheets(budget: Budget) -> int:
    confirmed = PaperEntry.objects.filter(budget=budget, confirmed=True)
    return confirmed.values("sheet").distinct().count()
