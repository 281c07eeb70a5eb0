"""Budgets: reads (the budgets of a process, whether the vote's rule is fixed) and who may vote.

A budget's ballot, rule, amount and eligibility are the published rule of the vote: they are
fixed once voting starts. `budget_is_locked` treats a lock set by `services.budget_lock`, a
started vote phase or an existing ballot as locked, so the rule cannot change behind a running
vote even if nobody called `budget_lock`.
"""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspraak.accounts.models import AttributeKind
from samenspraak.accounts.selectors import user_valid_attributes
from samenspraak.budgeting.models import BallotType, Budget, BudgetResult
from samenspraak.budgeting.phases import VOTE
from samenspraak.core.money import format_money
from samenspraak.processes.selectors import published


def process_budgets(process) -> QuerySet[Budget]:
    """The budgets of a process with their area and number of projects (one query)."""
    return (
        Budget.objects.filter(process=process)
        .select_related("area")
        .annotate(project_count=Count("projects"))
        .order_by("area__name", "title", "pk")
    )


def public_budgets(municipality) -> QuerySet[Budget]:
    """The budgets of the published processes of `municipality`, with `result_published`
    (one query); for the API."""
    results = BudgetResult.objects.filter(budget=OuterRef("pk"), published_at__isnull=False)
    return (
        Budget.objects.filter(process__in=published(municipality))
        .select_related("area", "process")
        .annotate(result_published=Exists(results))
        .order_by("process__title", "area__name", "title", "pk")
    )


def budget_get(*, process, pk) -> Budget:
    """One budget of the process. Raises Budget.DoesNotExist."""
    return Budget.objects.select_related("area", "process").get(process=process, pk=pk)


def vote_has_started(process, at=None) -> bool:
    """Has a vote phase of this process begun? Uses prefetched phases when present."""
    at = at or timezone.now()
    return any(phase.kind == VOTE and phase.starts_at <= at for phase in process.phases.all())


def budget_is_locked(budget: Budget, at=None) -> bool:
    """The published rule is fixed: locked by the vote, a started vote phase, or a ballot."""
    if budget.locked_at is not None:
        return True
    if budget.pk is None:
        return False
    return vote_has_started(budget.process, at) or budget.ballots.exists()


def ballot_description(budget: Budget) -> str:
    """The ballot in plain words, e.g. 'Kies hoogstens 3 projecten.'"""
    kind, k = budget.ballot_type, budget.max_choices
    if kind == BallotType.APPROVAL:
        if k:
            return ngettext(
                "Kies het project dat u het beste vindt.",
                "Kies hoogstens %(k)s projecten.",
                k,
            ) % {"k": k}
        return _("Kies alle projecten die u goed vindt.")
    if kind == BallotType.KNAPSACK:
        return _("Kies projecten tot het geld op is: samen niet meer dan het budget.")
    if kind == BallotType.CUMULATIVE:
        return ngettext(
            "Geef %(n)s punt aan een project.",
            "Verdeel %(n)s punten over de projecten die u goed vindt.",
            budget.points or 0,
        ) % {"n": budget.points or 0}
    if kind == BallotType.RANKING:
        return ngettext(
            "Kies het project dat u het beste vindt.",
            "Zet uw %(k)s favoriete projecten op volgorde.",
            k or 0,
        ) % {"k": k or 0}
    return ""


def eligibility_description(budget: Budget) -> str:
    """Who may vote, in plain words (for the budget page)."""
    parts = []
    for kind in budget.required_attributes or []:
        if kind == AttributeKind.RESIDENT_OF_AREA and budget.area is not None:
            parts.append(_("woont in %(area)s") % {"area": budget.area.name})
        elif (
            kind == AttributeKind.RESIDENT_OF_MUNICIPALITY or kind == AttributeKind.RESIDENT_OF_AREA
        ):
            parts.append(_("woont in de gemeente"))
        elif kind == AttributeKind.AGE_16_PLUS:
            parts.append(_("is 16 jaar of ouder"))
        elif kind == AttributeKind.AGE_18_PLUS:
            parts.append(_("is 18 jaar of ouder"))
    if not parts:
        return _("Iedereen met een account mag stemmen.")
    joined = f" {_('en')} ".join(parts)
    return _("U mag stemmen als u %(conditions)s.") % {"conditions": joined}


# --- Eligibility -----------------------------------------------------------------------------

#: A verified attribute also satisfies the kinds it implies (18+ is also 16+; living in an
#: area of the municipality is living in the municipality).
_IMPLIES = {
    AttributeKind.AGE_18_PLUS: {AttributeKind.AGE_16_PLUS},
    AttributeKind.RESIDENT_OF_AREA: {AttributeKind.RESIDENT_OF_MUNICIPALITY},
}


def _holds(attributes, kind: str, area) -> bool:
    for attribute in attributes:
        kinds = {attribute.kind} | _IMPLIES.get(attribute.kind, set())
        if kind not in kinds:
            continue
        if kind != AttributeKind.RESIDENT_OF_AREA or area is None:
            return True
        # Living in a neighbourhood of the district counts as living in the district.
        if attribute.area_id == area.pk or (
            attribute.area is not None and attribute.area.parent_id == area.pk
        ):
            return True
    return False


def _problem(kind: str, budget: Budget) -> str:
    if kind == AttributeKind.RESIDENT_OF_AREA and budget.area is not None:
        return _("U moet in %(area)s wonen om hierover te stemmen. Laat dit eerst controleren.") % {
            "area": budget.area.name
        }
    if kind in (AttributeKind.RESIDENT_OF_AREA, AttributeKind.RESIDENT_OF_MUNICIPALITY):
        return _("U moet in de gemeente wonen om hierover te stemmen. Laat dit eerst controleren.")
    if kind == AttributeKind.AGE_16_PLUS:
        return _(
            "U moet 16 jaar of ouder zijn om hierover te stemmen. "
            "Laat uw leeftijd eerst controleren."
        )
    if kind == AttributeKind.AGE_18_PLUS:
        return _(
            "U moet 18 jaar of ouder zijn om hierover te stemmen. "
            "Laat uw leeftijd eerst controleren."
        )
    return _("U mag hierover niet stemmen.")


def STAFF_MAY_NOT_VOTE_MESSAGE() -> str:  # noqa: N802 - a message, translated when asked for
    return _(
        "U bent ingelogd als medewerker van de gemeente. Met dit account stemt u niet mee, "
        "want u werkt voor de gemeente. Papieren stembiljetten voert u in op de beheerpagina."
    )


def eligibility_problem(user, budget: Budget, at=None) -> str | None:
    """Why this person may not vote on this budget (Dutch, one sentence), or None if they may.
    Staff accounts never vote (they act for the municipality; they may enter paper ballots).
    Checks the verified attributes the budget requires (one query)."""
    if not (user and user.is_authenticated and user.is_active):
        return _("Log eerst in om te stemmen.")
    if user.is_staff_role:
        return STAFF_MAY_NOT_VOTE_MESSAGE()
    required = budget.required_attributes or []
    if not required:
        return None
    attributes = user_valid_attributes(user, at=at)
    for kind in required:
        area = budget.area if kind == AttributeKind.RESIDENT_OF_AREA else None
        if not _holds(attributes, kind, area):
            return _problem(kind, budget)
    return None


def voter_is_eligible(user, budget: Budget, at=None) -> bool:
    """May this person vote on this budget (by the verified attributes it requires)?"""
    return eligibility_problem(user, budget, at=at) is None


def amount_display(budget: Budget) -> str:
    return format_money(budget.amount)
