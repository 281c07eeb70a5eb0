"""A demo process started today from a shipped template, then moved back in time; one budget
with its proposals by residents (with supports) and their reviews, through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from samenspraak.accounts.models import AttributeKind, VerifiedAttribute
from samenspraak.budgeting.budgets import services as budget_services
from samenspraak.budgeting.demo_data.plans import BudgetPlan
from samenspraak.budgeting.demo_data.projects import CHANGED_COST_REASON, REVIEW_REASON
from samenspraak.budgeting.models import Budget, Feasibility
from samenspraak.budgeting.phases import PROPOSE
from samenspraak.budgeting.proposals import services as proposals
from samenspraak.consultation.models import Input, Support
from samenspraak.processes import services as process_services
from samenspraak.processes.models import ProcessTemplate


def _point_in(area, rng) -> tuple[float | None, float | None]:
    """A random point inside a (rectangular) demo area, away from its edges."""
    try:
        ring = area.shape["coordinates"][0]
        lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    except (TypeError, KeyError, IndexError):
        return None, None
    lon = min(lons) + (max(lons) - min(lons)) * rng.uniform(0.15, 0.85)
    lat = min(lats) + (max(lats) - min(lats)) * rng.uniform(0.15, 0.85)
    return round(lat, 6), round(lon, 6)


def _eligible(ctx, budget: Budget) -> list:
    """The residents who may vote on this budget, in a fixed order, from everyone's verified
    attributes in one query."""
    if not budget.required_attributes:
        return list(ctx.residents)
    now = timezone.now()
    held: dict[int, set] = {}
    valid = VerifiedAttribute.objects.filter(
        user__in=ctx.residents, expires_at__gt=now, verified_at__lte=now
    ).values_list("user_id", "kind", "area_id")
    for user_id, kind, area_id in valid:
        held.setdefault(user_id, set()).update({kind, (kind, area_id)})
    required = set(budget.required_attributes)
    if budget.area_id is not None:
        required.add((AttributeKind.RESIDENT_OF_AREA, budget.area_id))
    # The voting service checks each voter again (budgets.selectors.eligibility_problem) and refuses
    # anyone this first pass lets through by mistake.
    return [r for r in ctx.residents if required <= held.get(r.pk, set())]


def _home_wijk(ctx) -> dict[int, int]:
    """Resident pk -> the pk of the wijk they live in (verified), for realistic preferences."""
    districts = [a.pk for a in ctx.districts]
    return dict(
        VerifiedAttribute.objects.filter(
            user__in=ctx.residents, kind=AttributeKind.RESIDENT_OF_AREA, area_id__in=districts
        ).values_list("user_id", "area_id")
    )


def demo_managers(ctx) -> list:
    """Staff who manage processes: the process manager first, then the administrator."""
    return [*ctx.staff.get("process_manager", []), *ctx.staff.get("administrator", [])]


def start_process(ctx, *, template_key: str, title: str, areas, actor):
    """A published process from a shipped template whose proposal phase runs today."""
    template = ProcessTemplate.objects.filter(municipality__isnull=True, key=template_key).first()
    if template is None:
        return None
    process = process_services.process_start_from_template(
        actor=actor,
        template=template,
        municipality=ctx.municipality,
        start_date=timezone.localdate(),
        title=title,
    )
    process_services.process_update(actor=actor, process=process, areas=areas)
    process_services.process_publish(actor=actor, process=process)
    return process


def move_back(process, days: int, *, actor) -> dict:
    """Move every phase `days` back, earliest first (so they never overlap on the way)."""
    delta = datetime.timedelta(days=days)
    for phase in process.phases.order_by("starts_at"):
        process_services.phase_update(
            actor=actor,
            phase=phase,
            starts_at=phase.starts_at - delta,
            ends_at=phase.ends_at - delta,
        )
    return {p.kind: p for p in process.phases.all()}


def _demo_budget(process, plan: BudgetPlan, area, *, actor) -> Budget:
    """The plan's budget: residents of 16 and older of its area (or of the town) may vote."""
    required = [AttributeKind.AGE_16_PLUS]
    required.append(
        AttributeKind.RESIDENT_OF_AREA if area else AttributeKind.RESIDENT_OF_MUNICIPALITY
    )
    return budget_services.budget_save(
        actor=actor,
        process=process,
        title=plan.title,
        description=plan.description,
        area=area,
        amount=Decimal(plan.amount),
        required_attributes=required,
        ballot_type=plan.ballot_type,
        max_choices=plan.max_choices,
        points=plan.points,
        rule=plan.rule,
    )


def _submit_projects(ctx, phase, budget: Budget, plan: BudgetPlan, eligible, home) -> list:
    """Each project proposed by a resident who may vote on it, from its own wijk if possible."""
    rng = ctx.rng
    by_slug = {a.slug: a for a in ctx.areas}
    projects = []
    for title, body, cost, place, _feasible, _note in plan.projects:
        where = by_slug.get(place) if place else None
        lat, lon = _point_in(where, rng) if where is not None else (None, None)
        wijk_pk = where.parent_id or where.pk if where is not None else None
        local = [r for r in eligible if wijk_pk is None or home.get(r.pk) == wijk_pk]
        projects.append(
            proposals.project_submit(
                author=rng.choice(local or eligible or ctx.residents),
                phase=phase,
                budget=budget,
                title=title,
                body=body,
                estimated_cost=Decimal(cost),
                latitude=lat,
                longitude=lon,
            )
        )
    return projects


def _support(ctx, budget: Budget, projects, eligible) -> None:
    """Supports from residents who may vote on it (never the author), written in bulk as the
    consultation demo does; the counter is recounted from the rows."""
    supports = []
    for project in projects:
        for user in ctx.rng.sample(eligible, min(len(eligible), ctx.rng.randint(2, 25))):
            if user.pk != project.input.author_id:
                supports.append(Support(input=project.input, user=user))
    Support.objects.bulk_create(supports, ignore_conflicts=True)
    counts = Support.objects.filter(input=OuterRef("pk")).values("input").annotate(n=Count("pk"))
    Input.objects.filter(budget_project__budget=budget).update(
        support_count=Coalesce(Subquery(counts.values("n")[:1]), 0)
    )


def _review(ctx, projects, plan: BudgetPlan) -> None:
    """Each project reviewed by a manager as the plan says (a reason, or a changed cost)."""
    managers = demo_managers(ctx)
    for project, row in zip(projects, plan.projects, strict=True):
        _title, _body, _cost, _place, feasible, note = row
        if feasible:
            reason = REVIEW_REASON + (CHANGED_COST_REASON if note else "")
            final_cost = Decimal(note) if note else None
        else:
            reason, final_cost = note, None
        proposals.project_review(
            actor=ctx.rng.choice(managers),
            project=project,
            feasibility=Feasibility.FEASIBLE if feasible else Feasibility.NOT_FEASIBLE,
            reason=reason,
            final_cost=final_cost,
        )


def budget_with_proposals(ctx, process, plan: BudgetPlan, *, actor):
    """The budget, its proposals by residents (with supports) and their reviews, all today."""
    area = {a.slug: a for a in ctx.areas}.get(plan.wijk) if plan.wijk else None
    phase = next(p for p in process.phases.all() if p.kind == PROPOSE)
    budget = _demo_budget(process, plan, area, actor=actor)
    eligible = _eligible(ctx, budget)
    home = _home_wijk(ctx)
    projects = _submit_projects(ctx, phase, budget, plan, eligible, home)
    _support(ctx, budget, projects, eligible)
    _review(ctx, projects, plan)
    return budget, eligible, home
