"""Reads for results: the stored result, the rows and facts the public results page and the
process page show (fixed numbers of queries), and whether a result can be published."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from pbengine.model import APPROVAL
from samenspraak.budgeting import voting
from samenspraak.budgeting.models import (
    RULE_EXPLANATIONS,
    BallotChannel,
    Budget,
    BudgetProject,
    BudgetResult,
    VoteCode,
)
from samenspraak.budgeting.models import OutcomeRule as Rule
from samenspraak.budgeting.results.charts import project_map, vote_chart
from samenspraak.budgeting.results.explain import explain, money
from samenspraak.organisations.models import Area


def vote_has_ended(budget: Budget, at=None) -> bool:
    """The vote phase is over (or the process has none: then there is nothing to wait for)."""
    phase = voting.vote_phase(budget, at)
    return phase is None or phase.is_past(at)


def result_of(budget: Budget) -> BudgetResult | None:
    return BudgetResult.objects.filter(budget=budget).first()


def publish_problem(result: BudgetResult, at=None) -> str | None:
    """Why this result cannot be published now, in plain Dutch; None when it can."""
    budget = result.budget
    if result.published_at is not None:
        return _("De uitslag is al gepubliceerd.")
    if not vote_has_ended(budget, at):
        return _("De stemming loopt nog. Publiceer de uitslag als de stemming voorbij is.")
    if result.rule != budget.rule:
        return _("De uitslag is met een andere regel berekend. Bereken de uitslag opnieuw.")
    return None


def published_result(budget: Budget) -> BudgetResult | None:
    return BudgetResult.objects.filter(budget=budget, published_at__isnull=False).first()


def published_results(process) -> list[BudgetResult]:
    """The published results of a process's budgets (one query)."""
    return list(
        BudgetResult.objects.filter(budget__process=process, published_at__isnull=False)
        .select_related("budget")
        .order_by("budget__title", "budget__pk")
    )


@dataclass
class ResultRow:
    project: BudgetProject
    funded: bool
    order: int | None
    votes: int
    score: float
    sentence: str

    @property
    def title(self) -> str:
        return self.project.input.title

    @property
    def cost_text(self) -> str:
        return money(self.project.cost)


def result_rows(result: BudgetResult, projects: list[BudgetProject]) -> list[ResultRow]:
    """Funded projects in the order the rule chose them, then the others by score."""
    tally = (result.tally or {}).get("projects", {})
    vote_type = (result.tally or {}).get("vote_type", APPROVAL)
    order = {pk: i for i, pk in enumerate(result.selected, start=1)}
    threshold = result.budget.min_score if result.rule == Rule.GREEDY_THRESHOLD else None
    rows = []
    for project in projects:
        facts = tally.get(str(project.pk), {})
        rows.append(
            ResultRow(
                project=project,
                funded=project.pk in order,
                order=order.get(project.pk),
                votes=int(facts.get("votes", 0)),
                score=float(facts.get("score", 0)),
                sentence=explain(
                    result.rule,
                    (result.explanations or {}).get(str(project.pk)),
                    vote_type=vote_type,
                    votes=int(facts.get("votes", 0)),
                    cost=project.cost,
                    threshold=threshold,
                ),
            )
        )
    rows.sort(key=lambda r: (r.order is None, r.order or 0, -r.score, r.project.pk))
    return rows


def result_projects(result: BudgetResult) -> list[BudgetProject]:
    """The projects the result speaks of, with their Input and area (one query)."""
    pks = [int(pk) for pk in (result.tally or {}).get("projects", {})] or result.selected
    return list(
        BudgetProject.objects.filter(pk__in=pks)
        .select_related("input__area", "input__process")
        .order_by("pk")
    )


def _area_shapes(budget: Budget) -> list:
    """The outline to draw under the map: the budget's area, or the municipality's districts."""
    area = budget.area if budget.area_id else None
    if area is not None:
        return [area.shape] if area.shape else []
    return list(
        Area.objects.filter(
            municipality_id=budget.process.municipality_id,
            parent__isnull=True,
            shape__isnull=False,
        ).values_list("shape", flat=True)
    )


def _codes_per_area(budget: Budget) -> dict:
    """Vote codes sent per area (the people invited by letter), {area name or None: n}."""
    return dict(
        VoteCode.objects.filter(batch__budget=budget)
        .order_by()
        .values_list("area__name")
        .annotate(n=Count("id"))
    )


def turnout_facts(budget: Budget) -> dict:
    """Voters in all, and per area with the vote codes sent there (three queries); stored with
    the result when it is computed, so the results page shows the count as it was."""
    turnout = voting.turnout(budget)
    codes = _codes_per_area(budget)
    return {
        "total": turnout["total"],
        "by_area": [
            {"name": name, "voters": n, "invited": codes.get(name)}
            for name, n in turnout["by_area"]
        ],
    }


def results_page(budget: Budget, result: BudgetResult) -> dict:
    """Everything the results page shows, in a fixed number of queries: the projects and the
    outline; turnout and the vote codes per area come from the result (counted with it), or for
    a result computed before it stored them, from the register (three more queries)."""
    rows = result_rows(result, result_projects(result))
    funded = [r for r in rows if r.funded]
    total = sum((r.project.cost for r in funded), Decimal(0))
    places = [
        (r.order, r.title, r.project.input.latitude, r.project.input.longitude)
        for r in funded
        if r.project.input.latitude is not None and r.project.input.longitude is not None
    ]
    turnout = (result.tally or {}).get("turnout") or turnout_facts(budget)
    by_area = turnout["by_area"]
    channel_labels = dict(BallotChannel.choices)
    channels = (result.tally or {}).get("channels", {})
    vote_type = (result.tally or {}).get("vote_type", APPROVAL)
    return {
        "rule_explanation": RULE_EXPLANATIONS.get(result.rule, ""),
        "rows": rows,
        "funded": funded,
        "total": total,
        "total_text": money(total),
        "amount_text": money(budget.amount),
        "left_over_text": money(budget.amount - total),
        "chart": vote_chart(sorted(rows, key=lambda r: (-r.score, r.title))),
        "chart_unit": "votes" if vote_type in (APPROVAL, "choose-1") else "points",
        "map": project_map(_area_shapes(budget), places),
        "unplaced": [r for r in funded if r.project.input.latitude is None],
        "turnout": turnout,
        "by_area": by_area,
        "by_channel": [
            {"label": channel_labels.get(key, key), "ballots": n}
            for key, n in channels.items()
            if n
        ],
        "ballots": result.ballots,
    }


def result_section_rows(published: list[BudgetResult]) -> list[dict]:
    """Per published result: its budget, funded projects (in order) and their total. One query
    for all results together."""
    pks = [pk for result in published for pk in result.selected]
    projects = BudgetProject.objects.select_related("input").in_bulk(pks) if pks else {}
    rows = []
    for result in published:
        funded = [projects[pk] for pk in result.selected if pk in projects]
        rows.append(
            {
                "budget": result.budget,
                "result": result,
                "funded": funded,
                "total_text": money(sum((p.cost for p in funded), Decimal(0))),
                "funded_rows": [(p, money(p.cost)) for p in funded],
            }
        )
    return rows
