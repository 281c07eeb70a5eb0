"""What a ballot may hold and when a vote is open: the phase, eligibility, validation of the
choices, the voter key, and the messages voters see. No writes."""

from __future__ import annotations

import hashlib
import hmac
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.selectors import user_valid_attributes
from samenspraak.budgeting.budgets import selectors as budgets
from samenspraak.budgeting.models import (
    BallotType,
    Budget,
    BudgetProject,
)
from samenspraak.budgeting.phases import VOTE, VOTE_ACTION
from samenspraak.budgeting.proposals import selectors as proposals
from samenspraak.core.dates import format_day
from samenspraak.core.money import format_money as euro
from samenspraak.organisations.models import AreaKind
from samenspraak.processes.phases import phase_allows


def ballot_projects(budget: Budget) -> list[BudgetProject]:
    """The projects on the ballot, in ballot order (the proposals part decides which)."""
    return list(proposals.ballot_projects(budget))


def eligibility_problem(user, budget: Budget) -> str | None:
    """Why this person may not vote on this budget, in plain Dutch; None when they may."""
    return budgets.eligibility_problem(user, budget)


def RESULT_FINAL_MESSAGE() -> str:  # noqa: N802 - a message, translated when asked for
    return _("De uitslag is al berekend. Er kunnen geen stemmen meer bij.")


def vote_phase(budget: Budget, at=None):
    """The budget's vote phase: the running one if any, else the latest (None: no vote phase).

    Uses `budget.process.phases.all()`, so a prefetched process costs no query."""
    at = at or timezone.now()
    phases = [p for p in budget.process.phases.all() if p.kind == VOTE]
    for phase in phases:
        if phase.starts_at <= at < phase.ends_at:
            return phase
    return max(phases, key=lambda p: p.starts_at, default=None)


def vote_is_open(budget: Budget, at=None) -> bool:
    phase = vote_phase(budget, at)
    return phase is not None and phase_allows(phase, VOTE_ACTION, at)


def require_open(budget: Budget, at=None) -> None:
    phase = vote_phase(budget, at)
    if phase is None or not phase_allows(phase, VOTE_ACTION, at):
        at = at or timezone.now()
        if phase is not None and at < phase.starts_at:
            raise PermissionDenied(
                _("De stemming begint op %(date)s. U kunt dan stemmen.")
                % {"date": _day(phase.starts_at)}
            )
        raise PermissionDenied(_("U kunt nu niet stemmen: de stemming is gesloten."))


def _day(moment) -> str:
    return format_day(moment)


def _choice_problem(key, value, by_pk) -> str | None:
    """What is wrong with one choice {project pk: value} as typed, or None."""
    try:
        pk, number = int(key), int(value)
    except (TypeError, ValueError):
        return _("Vul bij elk project een heel getal in, of laat het leeg.")
    if pk not in by_pk:
        return _("U koos een project dat niet op het stembiljet staat.")
    if number < 0:
        return _("Negatieve getallen kunnen niet.")
    return None


def _read_choices(choices: dict, by_pk) -> dict[int, int]:
    """{project pk: value} as numbers, without the empty ones; raises on the first bad one."""
    cleaned: dict[int, int] = {}
    for key, value in (choices or {}).items():
        problem = _choice_problem(key, value, by_pk)
        if problem:
            raise ValidationError({"choices": problem})
        if int(value):
            cleaned[int(key)] = int(value)
    return cleaned


def _approval_problem(budget: Budget, cleaned: dict[int, int], by_pk) -> str | None:
    if any(value != 1 for value in cleaned.values()):
        return _("Kies een project of laat het leeg.")
    if budget.max_choices and len(cleaned) > budget.max_choices:
        return _("U kiest %(count)s projecten; het maximum is %(max)s.") % {
            "count": len(cleaned),
            "max": budget.max_choices,
        }
    return None


def _knapsack_problem(budget: Budget, cleaned: dict[int, int], by_pk) -> str | None:
    if any(value != 1 for value in cleaned.values()):
        return _("Kies een project of laat het leeg.")
    total = sum((by_pk[pk].cost for pk in cleaned), Decimal(0))
    if total > budget.amount:
        return _("Uw keuze kost %(total)s; het budget is %(amount)s.") % {
            "total": euro(total),
            "amount": euro(budget.amount),
        }
    return None


def _cumulative_problem(budget: Budget, cleaned: dict[int, int], by_pk) -> str | None:
    used = sum(cleaned.values())
    if budget.points and used > budget.points:
        return _("U verdeelt %(used)s punten; u heeft er %(max)s.") % {
            "used": used,
            "max": budget.points,
        }
    return None


def _ranking_problem(budget: Budget, cleaned: dict[int, int], by_pk) -> str | None:
    positions = sorted(cleaned.values())
    if len(set(positions)) != len(positions):
        return _("Elk nummer mag maar één keer voorkomen. Geef elk project een ander nummer.")
    if budget.max_choices and len(positions) > budget.max_choices:
        return _("U zet %(count)s projecten in uw top; het maximum is %(max)s.") % {
            "count": len(positions),
            "max": budget.max_choices,
        }
    if positions != list(range(1, len(positions) + 1)):
        return _("Nummer de projecten 1, 2, 3 en zo verder, zonder een nummer over te slaan.")
    return None


#: The rules of each kind of ballot, checked on choices that are not empty.
_BALLOT_RULES = {
    BallotType.APPROVAL: _approval_problem,
    BallotType.KNAPSACK: _knapsack_problem,
    BallotType.CUMULATIVE: _cumulative_problem,
    BallotType.RANKING: _ranking_problem,
}


def validate_ballot(budget: Budget, projects, choices: dict) -> dict[int, int]:
    """The choices, checked against the ballot's rules; raises a field-keyed ValidationError.

    `projects`: the projects on the ballot; `choices`: {project pk: value} (values 0 or empty
    mean "not chosen" for points and ranking). Returns {project pk: value} without zeros.
    """
    by_pk = {p.pk: p for p in projects}
    cleaned = _read_choices(choices, by_pk)
    kind = budget.ballot_type
    if not cleaned:
        if kind == BallotType.CUMULATIVE:
            raise ValidationError({"choices": _("Geef minstens één project een punt.")})
        raise ValidationError({"choices": _("Kies minstens één project.")})
    rule = _BALLOT_RULES.get(kind)
    problem = rule(budget, cleaned, by_pk) if rule else None
    if problem:
        raise ValidationError({"choices": problem})
    return cleaned


def remaining(budget: Budget, projects, choices: dict) -> Decimal:
    """Knapsack: what is left of the budget after these choices (negative when over)."""
    by_pk = {p.pk: p for p in projects}
    spent = Decimal(0)
    for key, value in (choices or {}).items():
        try:
            pk, value = int(key), int(value)
        except (TypeError, ValueError):
            continue
        if value and pk in by_pk:
            spent += by_pk[pk].cost
    return budget.amount - spent


def voter_key(budget: Budget, user) -> str:
    message = f"{budget.pk}:{user.pk}".encode()
    return hmac.new(settings.SAMENSPRAAK_BALLOT_KEY.encode(), message, hashlib.sha256).hexdigest()


def voter_area_id(user, budget: Budget) -> int | None:
    """The area a voter counts in for the turnout figures: the budget's own area, or for a
    city-wide budget the voter's wijk (a buurt claim counts for the wijk it lies in)."""
    if budget.area_id is not None:
        return budget.area_id
    districts = {
        a.area_id
        if a.area.kind == AreaKind.DISTRICT or a.area.parent_id is None
        else a.area.parent_id
        for a in user_valid_attributes(user)
        if a.kind == "resident_of_area" and a.area_id is not None
    }
    return min(districts) if districts else None


def VOTED_WITH_CODE_MESSAGE() -> str:  # noqa: N802
    return _("U heeft al gestemd met een stemcode terwijl u was ingelogd. Iedereen stemt één keer.")


def VOTED_ONLINE_MESSAGE() -> str:  # noqa: N802
    return _(
        "U heeft al gestemd met uw account. Iedereen stemt één keer, dus deze code gebruikt u "
        "niet. U kunt uw stem wel veranderen via de gewone stempagina."
    )


def is_resident_account(user) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and not getattr(user, "is_staff_role", False)
    )
