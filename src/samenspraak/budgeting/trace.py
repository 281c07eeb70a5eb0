"""Budgeting's part of the golden thread and of an area's memory (core.trace, declared in the
manifest).

A budget project's thread: proposed, reviewed (the feasibility review is the Input's official
answer), on the ballot (when the vote started), and chosen or not chosen with the B1 reason of
`actions` (the votes and the amount). The same outcome step extends the thread of the Input
the project was proposed as. An area's memory gets the funded projects of published results.
Each read is a fixed number of queries whatever the number of projects.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.budgeting.actions import _fate
from samenspraak.budgeting.models import BudgetProject, BudgetResult, Feasibility
from samenspraak.budgeting.phases import VOTE
from samenspraak.budgeting.proposals.selectors import decorate
from samenspraak.consultation.models import Input
from samenspraak.core.money import format_money
from samenspraak.core.trace import TimelineEntry, TraceStep
from samenspraak.processes.models import Phase, ProcessStatus

SOURCE = "budgeting"


def _public_projects(filters: Q) -> list[tuple[BudgetProject, datetime.datetime | None]]:
    """Projects of published processes whose Input no moderator hid, with their Input, answer
    and budget, each with when its process's first vote phase starts (one query)."""
    from samenspraak.dialogue.selectors import exclude_hidden

    shown_inputs = exclude_hidden(Input.objects.all()).values("pk")
    first_vote = Phase.objects.filter(process=OuterRef("budget__process"), kind=VOTE).order_by(
        "starts_at"
    )
    projects = (
        BudgetProject.objects.filter(filters, budget__process__status=ProcessStatus.PUBLISHED)
        .filter(input__in=shown_inputs)
        .select_related("input__answer", "input__process", "input__area", "budget__process")
        .annotate(vote_starts=Subquery(first_vote.values("starts_at")[:1]))
        .order_by("pk")
    )
    return [(project, project.vote_starts) for project in projects]


def _results(projects: Iterable[BudgetProject]) -> dict[int, BudgetResult]:
    """The published results of these projects' budgets, by budget id (one query, none for no
    projects)."""
    budget_ids = {p.budget_id for p in projects}
    if not budget_ids:
        return {}
    found = BudgetResult.objects.filter(budget_id__in=budget_ids, published_at__isnull=False)
    return {r.budget_id: r for r in found}


def _outcome_step(project: BudgetProject, result: BudgetResult) -> TraceStep | None:
    fate = _fate(result, project)
    if fate is None:
        return None
    amount = format_money(project.cost)
    if fate["funded"]:
        title = _("Gekozen: dit project krijgt %(amount)s") % {"amount": amount}
        status = "funded"
    else:
        title = _("Niet gekozen bij de stemming")
        status = "not_funded"
    # The residents' vote decided: a "decision" step (a delivered project's "result" comes later).
    return TraceStep(
        "decision",
        result.published_at or result.computed_at,
        title,
        text=fate["sentence"],
        url=reverse("budgeting:results", args=[project.budget_id]),
        api_url=reverse("api:v1:budget_result", args=[project.budget_id]),
        status=status,
        source=SOURCE,
        extra={"votes": fate["votes"], "amount": str(project.cost)},
    )


def _project_steps(
    project: BudgetProject, vote_starts, result: BudgetResult | None, now
) -> list[TraceStep]:
    item = project.input
    process = project.budget.process
    url = reverse("budgeting:project_detail", args=[process.slug, project.pk])
    api_url = reverse("api:v1:input", args=[item.pk])
    steps = [
        TraceStep(
            "input",
            item.created_at,
            _("Het project is voorgesteld"),
            text=item.title,
            url=url,
            api_url=api_url,
            status="proposed",
            source=SOURCE,
        )
    ]
    answer = getattr(item, "answer", None) if hasattr(item, "answer") else None
    if answer is not None:
        if project.feasibility == Feasibility.PENDING:
            title = _("De gemeente heeft het project bekeken")
        else:
            title = _("De gemeente heeft het project getoetst: %(feasibility)s") % {
                "feasibility": project.get_feasibility_display().lower()
            }
        steps.append(
            TraceStep(
                "answer",
                answer.published_at,
                title,
                text=answer.reason,
                url=f"{url}#answer-heading",
                api_url=api_url,
                status=project.feasibility,
                source=SOURCE,
            )
        )
    outcome = _outcome_step(project, result) if result is not None else None
    on_ballot = outcome is not None or (result is None and decorate(project).on_ballot)
    if vote_starts is not None and vote_starts <= now and on_ballot:
        steps.append(
            TraceStep(
                "ballot",
                vote_starts,
                _("Het project staat op het stembiljet"),
                text=_("Kosten: %(amount)s") % {"amount": format_money(project.cost)},
                url=url,
                status="on_ballot",
                source=SOURCE,
            )
        )
    if outcome is not None:
        steps.append(outcome)
    return steps


def project_trace(ids: list[int]) -> dict[int, list[TraceStep]]:
    """The thread of each public budget project (two queries for any number of ids)."""
    projects = _public_projects(Q(pk__in=ids))
    results = _results(p for p, _vote in projects)
    now = timezone.now()
    return {
        p.pk: _project_steps(p, vote_starts, results.get(p.budget_id), now)
        for p, vote_starts in projects
    }


def input_trace(ids: list[int]) -> dict[int, list[TraceStep]]:
    """For Inputs proposed as a budget project: whether the vote chose it (two queries; the
    Input's own steps come from consultation)."""
    from samenspraak.dialogue.selectors import exclude_hidden

    shown_inputs = exclude_hidden(Input.objects.filter(pk__in=ids)).values("pk")
    projects = list(
        BudgetProject.objects.filter(
            input_id__in=shown_inputs, budget__process__status=ProcessStatus.PUBLISHED
        ).select_related("budget")
    )
    results = _results(projects)
    steps: dict[int, list[TraceStep]] = {}
    for project in projects:
        result = results.get(project.budget_id)
        outcome = _outcome_step(project, result) if result is not None else None
        if outcome is not None:
            steps[project.input_id] = [outcome]
    return steps


def area_timeline(area_ids: list[int], limit: int) -> list[TimelineEntry]:
    """Projects funded in these areas (the project's own place or its budget's area), newest
    result first (two queries)."""
    results = list(
        BudgetResult.objects.filter(
            Q(budget__area_id__in=area_ids) | Q(budget__projects__input__area_id__in=area_ids),
            published_at__isnull=False,
            budget__process__status=ProcessStatus.PUBLISHED,
        )
        # Not the ballots, tally and snapshot (large JSON): DISTINCT would compare them too.
        .only("budget_id", "selected", "published_at", "computed_at")
        .distinct()
        .order_by("-published_at", "-pk")
    )
    selected = {pk for r in results for pk in r.selected}
    by_budget = {r.budget_id: r for r in results}
    projects = (
        BudgetProject.objects.filter(pk__in=selected, budget_id__in=by_budget)
        .filter(Q(budget__area_id__in=area_ids) | Q(input__area_id__in=area_ids))
        .select_related("input__area", "budget__area", "budget__process")
    )
    entries = []
    for project in projects:
        result = by_budget[project.budget_id]
        area = project.input.area or project.budget.area
        entries.append(
            TimelineEntry(
                "decision",
                result.published_at or result.computed_at,
                project.input.title,
                url=reverse(
                    "budgeting:project_detail", args=[project.budget.process.slug, project.pk]
                ),
                text=_("Gekozen bij de stemming over %(budget)s: %(amount)s.")
                % {"budget": project.budget.title, "amount": format_money(project.cost)},
                area=area.name if area else "",
                status="funded",
                source=SOURCE,
            )
        )
    entries.sort(key=lambda e: e.moment, reverse=True)
    return entries[:limit]
