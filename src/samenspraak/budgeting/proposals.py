"""Project proposals and the feasibility review: services and selectors.

A proposal is an ordinary consultation Input (title, text, place, author, support, comments,
official answer) plus a BudgetProject (budget, cost, category, feasibility). The review is
published as the Input's official answer, so the proposer hears it the usual way and the
responsiveness figures count it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspraak.budgeting import permissions
from samenspraak.budgeting.budgets import budget_is_locked, format_money, parse_money
from samenspraak.budgeting.models import Budget, BudgetProject, Feasibility
from samenspraak.budgeting.phases import PROPOSE
from samenspraak.consultation import services as consultation_services
from samenspraak.consultation.models import Outcome
from samenspraak.core import audit
from samenspraak.core.text import TEXT_SHORT

REASON_MIN, REASON_MAX = 5, TEXT_SHORT


class AuditAction:
    REVIEWED = "budgeting.project_reviewed"


# --- Selectors -------------------------------------------------------------------------------


def propose_phase(process, at=None):
    """The proposal phase that runs now, else None. Uses prefetched phases when present."""
    at = at or timezone.now()
    for phase in process.phases.all():
        if phase.kind == PROPOSE and phase.is_active(at):
            return phase
    return None


def propose_phases(process) -> list:
    return [phase for phase in process.phases.all() if phase.kind == PROPOSE]


def _decorate(project: BudgetProject, threshold: int) -> BudgetProject:
    """Threshold progress for the templates: `supports_needed`, `reached`, `on_ballot`."""
    support = project.input.support_count
    project.supports_needed = max(0, threshold - support)
    project.reached = project.supports_needed == 0
    project.on_ballot = project.reached and project.feasibility == Feasibility.FEASIBLE
    return project


PROJECT_RELATIONS = ("input", "input__author", "input__answer", "budget__area")

SORTS = {
    "support": ("-input__support_count", "-input__created_at", "-pk"),
    "new": ("-input__created_at", "-pk"),
    "cost": ("estimated_cost", "pk"),
}


def _projects(budget: Budget, sort: str):
    return (
        BudgetProject.objects.filter(budget=budget)
        .select_related(*PROJECT_RELATIONS)
        .order_by(*SORTS.get(sort, SORTS["support"]))
    )


def budget_projects(budget: Budget, *, sort: str = "support") -> list[BudgetProject]:
    """All projects of a budget with their Input, author and answer (one query), each with
    threshold progress (`supports_needed`, `reached`, `on_ballot`)."""
    return [_decorate(p, budget.support_threshold) for p in _projects(budget, sort)]


def budget_projects_page(budget: Budget, number, *, sort: str = "support", per_page: int):
    """One page of a budget's projects, decorated like `budget_projects` (two queries: the
    count and the page), so the budget's page costs the same for 20 or 500 projects."""
    page = Paginator(_projects(budget, sort), per_page).get_page(number)
    page.object_list = [_decorate(p, budget.support_threshold) for p in page.object_list]
    return page


def project_get(*, process, pk) -> BudgetProject:
    """One project of the process with its Input, answer and budget. Raises DoesNotExist."""
    project = BudgetProject.objects.select_related(
        "input__author",
        "input__answer",
        "input__phase__process",
        "input__area",
        "budget__area",
        "budget__process",
    ).get(budget__process=process, pk=pk)
    return _decorate(project, project.budget.support_threshold)


def project_for_input(input) -> BudgetProject | None:
    """The project an Input proposes, if any (with its budget and area; one query)."""
    project = BudgetProject.objects.select_related("budget__area").filter(input=input).first()
    if project is not None:
        project.input = input
    return project


def decorate(project: BudgetProject) -> BudgetProject:
    """Add threshold progress (`supports_needed`, `reached`, `on_ballot`) to one project."""
    return _decorate(project, project.budget.support_threshold)


def ballot_projects(budget: Budget) -> list[BudgetProject]:
    """The projects on the ballot: feasible, and with enough support when the budget has a
    threshold. `project.cost` is the cost after the review. One query."""
    qs = BudgetProject.objects.filter(budget=budget, feasibility=Feasibility.FEASIBLE)
    if budget.support_threshold:
        qs = qs.filter(input__support_count__gte=budget.support_threshold)
    return list(qs.select_related("input").order_by("pk"))


def review_list(budget: Budget) -> list[BudgetProject]:
    """The projects to review, not yet reviewed first, then oldest first (one query)."""
    projects = (
        BudgetProject.objects.filter(budget=budget)
        .select_related("input", "input__answer")
        .annotate(
            pending_first=Case(
                When(feasibility=Feasibility.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("pending_first", "input__created_at", "pk")
    )
    return [_decorate(p, budget.support_threshold) for p in projects]


def review_counts(budget: Budget) -> dict:
    return BudgetProject.objects.filter(budget=budget).aggregate(
        total=Count("pk"),
        pending=Count("pk", filter=Q(feasibility=Feasibility.PENDING)),
        feasible=Count("pk", filter=Q(feasibility=Feasibility.FEASIBLE)),
        not_feasible=Count("pk", filter=Q(feasibility=Feasibility.NOT_FEASIBLE)),
    )


def top_projects(budgets, limit: int = 3) -> dict[int, list[BudgetProject]]:
    """The `limit` most supported projects of each budget, in one query (for the process page)."""
    budget_ids = [b.pk for b in budgets]
    if not budget_ids:
        return {}
    ranked = (
        BudgetProject.objects.filter(budget_id__in=budget_ids)
        .select_related("input")
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("budget_id")],
                order_by=[F("input__support_count").desc(), F("pk").asc()],
            )
        )
        .filter(rank__lte=limit)
        .order_by("budget_id", "rank")
    )
    thresholds = {b.pk: b.support_threshold for b in budgets}
    result: dict[int, list[BudgetProject]] = {pk: [] for pk in budget_ids}
    for project in ranked:
        result[project.budget_id].append(_decorate(project, thresholds[project.budget_id]))
    return result


def supports_needed_text(project: BudgetProject) -> str:
    if project.supports_needed:
        return ngettext(
            "nog %(n)s steunbetuiging nodig",
            "nog %(n)s steunbetuigingen nodig",
            project.supports_needed,
        ) % {"n": project.supports_needed}
    return _("genoeg steun")


# --- Services --------------------------------------------------------------------------------


def _validate_project(budget: Budget, process, estimated_cost, category: str) -> dict:
    errors: dict[str, str] = {}
    if budget is None or budget.process_id != process.pk:
        errors["budget"] = _("Kies een budget van dit proces.")
    if estimated_cost is None:
        errors["estimated_cost"] = _("Vul in wat het project ongeveer kost, in euro.")
    elif estimated_cost <= 0:
        errors["estimated_cost"] = _("De kosten moeten meer dan € 0 zijn.")
    elif budget is not None and estimated_cost > budget.amount:
        errors["estimated_cost"] = _(
            "Een project mag niet meer kosten dan het hele budget (%(amount)s)."
        ) % {"amount": format_money(budget.amount)}
    if budget is not None and not errors.get("budget"):
        categories = list((budget.category_budgets or {}).keys())
        if categories and category not in categories:
            errors["category"] = _("Kies een categorie uit de lijst.")
        elif not categories and category:
            errors["category"] = _("Dit budget heeft geen categorieën. Laat dit leeg.")
    return errors


def project_submit(
    *,
    author,
    phase,
    budget: Budget,
    title: str,
    body: str,
    estimated_cost,
    latitude: float | None = None,
    longitude: float | None = None,
    category: str = "",
    image=None,
    image_alt: str = "",
) -> BudgetProject:
    """A resident proposes a project for a budget during a proposal phase. `estimated_cost`
    may be a Decimal or Dutch text ('12.500'). The area follows from the budget. Raises
    PermissionDenied outside the phase, ValidationError (per field, in Dutch) on bad input."""
    if phase is None or not permissions.can_propose(author, phase):
        raise PermissionDenied(
            _("U kunt nu geen project voorstellen: de fase voor voorstellen loopt niet.")
        )
    errors: dict[str, str] = {}
    try:
        cost = parse_money(estimated_cost) if estimated_cost not in (None, "") else None
    except ValueError as error:
        errors["estimated_cost"] = str(error)
        cost = None
    category = (category or "").strip()
    for field, message in _validate_project(budget, phase.process, cost, category).items():
        errors.setdefault(field, message)
    area = budget.area if budget is not None and budget.process_id == phase.process_id else None
    fields = dict(title=title, body=body, area=area, latitude=latitude, longitude=longitude)
    created = {}

    def attach(item):
        project = BudgetProject(
            budget=budget,
            input=item,
            estimated_cost=cost.quantize(Decimal("0.01")),
            category=category,
        )
        project.full_clean()
        project.save()
        created["project"] = project

    # consultation's one route for a new Input: same checks, same InputSubmitted event.
    consultation_services.input_create(
        author=author,
        phase=phase,
        fields=fields,
        image=image,
        image_alt=image_alt,
        errors=errors,
        attach=attach,
    )
    return created["project"]


def _answer_body(project: BudgetProject, feasible: bool, cost: Decimal | None) -> str:
    if not feasible:
        return _("Niet haalbaar: dit project komt niet op het stembiljet.")
    text = _("Haalbaar: komt op het stembiljet. De gemeente schat de kosten op %(cost)s.") % {
        "cost": format_money(cost)
    }
    threshold = project.budget.support_threshold
    if threshold and project.input.support_count < threshold:
        text = _(
            "Haalbaar. De gemeente schat de kosten op %(cost)s. Het project komt op het "
            "stembiljet als %(n)s inwoners het steunen."
        ) % {"cost": format_money(cost), "n": threshold}
    return text


def project_review(
    *,
    actor,
    project: BudgetProject,
    feasibility: str,
    reason: str,
    final_cost=None,
    request=None,
) -> BudgetProject:
    """Staff decide whether a project can be done and what it costs, with a public reason.
    Sets the project's final cost and feasibility and publishes the Input's official answer
    (adopted: feasible; not adopted: not feasible). Possible again until voting starts.
    `final_cost` may be Dutch text; when empty for a feasible project the estimate is used."""
    budget = project.budget
    if not permissions.can_review(actor, budget.process):
        raise PermissionDenied(_("U mag de haalbaarheid van projecten niet beoordelen."))
    if budget_is_locked(budget):
        raise ValidationError(
            _("Het stemmen is begonnen: de toets van dit project kan niet meer veranderen.")
        )
    errors: dict[str, str] = {}
    if feasibility not in (Feasibility.FEASIBLE, Feasibility.NOT_FEASIBLE):
        errors["feasibility"] = _("Kies of het project haalbaar is of niet.")
    feasible = feasibility == Feasibility.FEASIBLE
    cost = None
    if final_cost not in (None, ""):
        try:
            cost = parse_money(final_cost)
        except ValueError as error:
            errors["final_cost"] = str(error)
    if cost is None and feasible and "final_cost" not in errors:
        cost = project.estimated_cost
    if cost is not None and "final_cost" not in errors:
        if cost <= 0:
            errors["final_cost"] = _("De kosten moeten meer dan € 0 zijn.")
        elif feasible and cost > budget.amount:
            errors["final_cost"] = _(
                "Dit kost meer dan het hele budget (%(amount)s). Dan is het niet haalbaar."
            ) % {"amount": format_money(budget.amount)}
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN:
        errors["reason"] = _("Leg uit waarom: schrijf minstens %(min)s tekens.") % {
            "min": REASON_MIN
        }
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("De reden mag hoogstens %(max)s tekens zijn.") % {"max": REASON_MAX}
    if errors:
        raise ValidationError(errors)
    before = {"feasibility": project.feasibility, "final_cost": project.final_cost}
    with transaction.atomic():
        project.feasibility = feasibility
        project.final_cost = cost.quantize(Decimal("0.01")) if cost is not None else None
        project.full_clean()
        project.save(update_fields=["feasibility", "final_cost", "updated_at"])
        consultation_services.input_answer(
            actor=actor,
            input=project.input,
            body=_answer_body(project, feasible, cost),
            outcome=Outcome.ADOPTED if feasible else Outcome.NOT_ADOPTED,
            reason=reason,
            request=request,
        )
        audit.record(
            actor,
            AuditAction.REVIEWED,
            project,
            {
                "feasibility": [before["feasibility"], project.feasibility],
                "final_cost": [before["final_cost"], project.final_cost],
            },
            request,
        )
    return project


def reviewable(budget: Budget) -> bool:
    """Can the review still change (the vote has not started)?"""
    return not budget_is_locked(budget)


def projects_of(process) -> QuerySet[BudgetProject]:
    return BudgetProject.objects.filter(budget__process=process)
