"""Project proposals and the feasibility review: the writes.

A proposal creates its Input through consultation's one route (`input_create`). The review is
published as the Input's official answer, so the proposer hears it the usual way and the
responsiveness figures count it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samenspraak.budgeting import permissions
from samenspraak.budgeting.budgets.selectors import budget_is_locked
from samenspraak.budgeting.models import Budget, BudgetProject, Feasibility
from samenspraak.consultation import services as consultation_services
from samenspraak.consultation.models import Outcome
from samenspraak.core import audit
from samenspraak.core.money import format_money, parse_money
from samenspraak.core.text import TEXT_SHORT

REASON_MIN, REASON_MAX = 5, TEXT_SHORT


class AuditAction:
    REVIEWED = "budgeting.project_reviewed"


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
        # input_create calls this only when there is no error, so the cost was read.
        assert cost is not None
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
