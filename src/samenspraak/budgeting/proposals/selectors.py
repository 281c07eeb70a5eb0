"""Project proposals: reads (the projects of a budget with their support, the review list).

A proposal is an ordinary consultation Input (title, text, place, author, support, comments,
official answer) plus a BudgetProject (budget, cost, category, feasibility). The writes
(submitting, the feasibility review) are in `proposals.services`.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspraak.budgeting.budgets.selectors import budget_is_locked
from samenspraak.budgeting.models import Budget, BudgetProject, Feasibility
from samenspraak.budgeting.phases import PROPOSE


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
    count and the page), so the budget's page costs the same for 20 or 500 projects.

    A card shows the input and its author, not the answer, and the budget is `budget`: the page
    reads only those (and not the input's stored search document), which halves the rows'
    cost in Python."""
    projects = (
        BudgetProject.objects.filter(budget=budget)
        .select_related("input__author")
        .defer("input__search_vector")
        .order_by(*SORTS.get(sort, SORTS["support"]))
    )
    page = Paginator(projects, per_page).get_page(number)
    for project in page.object_list:
        project.budget = budget
    page.object_list = [_decorate(p, budget.support_threshold) for p in page.object_list]
    return page


#: The map of a budget's projects shows at most this many (the newest with a place).
MAP_LIMIT = 500


def project_map(budget: Budget, limit: int = MAP_LIMIT) -> tuple[list[tuple], int]:
    """The projects of `budget` that have a place, without those a moderator hid, newest first:
    at most `limit` rows of (project pk, title, latitude, longitude, place name) for
    core.maps.dots, and how many there are in all. One query (two past `limit`)."""
    from samenspraak.consultation.models import Input
    from samenspraak.dialogue.selectors import exclude_hidden

    placed = exclude_hidden(
        Input.objects.filter(
            budget_project__budget=budget, latitude__isnull=False, longitude__isnull=False
        )
    ).order_by("-created_at", "-pk")
    rows = list(
        placed.values_list("budget_project__pk", "title", "latitude", "longitude", "place_name")[
            :limit
        ]
    )
    total = len(rows) if len(rows) < limit else placed.count()
    return rows, total


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


def reviewable(budget: Budget) -> bool:
    """Can the review still change (the vote has not started)?"""
    return not budget_is_locked(budget)


def projects_of(process) -> QuerySet[BudgetProject]:
    return BudgetProject.objects.filter(budget__process=process)
