"""Budget setup: the writes (save, delete, lock), each checked and recorded in the audit log.

`budget_lock` fixes the vote's rule (the voting part calls it when the vote opens); once it is
fixed (`selectors.budget_is_locked`), `budget_save` refuses changes to `LOCKED_FIELDS`.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.accounts.models import AttributeKind
from samenspraak.budgeting import permissions
from samenspraak.budgeting.budgets.selectors import budget_is_locked
from samenspraak.budgeting.models import BallotType, Budget, OutcomeRule
from samenspraak.core import audit
from samenspraak.core.money import AMOUNT_MAX, format_money, parse_money
from samenspraak.core.text import TEXT_SHORT

TITLE_MIN, TITLE_MAX = 3, 120
DESCRIPTION_MAX = TEXT_SHORT
THRESHOLD_MAX = 100_000
POINTS_MAX = 1000
CATEGORY_MAX = 60

#: Changing these after the vote has started would change the published rule of the vote.
LOCKED_FIELDS = (
    "area",
    "amount",
    "required_attributes",
    "support_threshold",
    "ballot_type",
    "max_choices",
    "points",
    "rule",
    "min_score",
    "category_budgets",
)


class AuditAction:
    CREATED = "budgeting.budget_created"
    CHANGED = "budgeting.budget_changed"
    DELETED = "budgeting.budget_deleted"
    LOCKED = "budgeting.budget_locked"


def _check_text(values: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    title = values["title"]
    if len(title) < TITLE_MIN:
        errors["title"] = _("Geef het budget een naam van minstens %(min)s tekens.") % {
            "min": TITLE_MIN
        }
    elif len(title) > TITLE_MAX:
        errors["title"] = _("De naam mag hoogstens %(max)s tekens zijn.") % {"max": TITLE_MAX}
    if len(values["description"]) > DESCRIPTION_MAX:
        errors["description"] = _("De toelichting mag hoogstens %(max)s tekens zijn.") % {
            "max": DESCRIPTION_MAX
        }
    return errors


def _check_area_and_amount(process, values: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    area = values["area"]
    if area is not None and area.municipality_id != process.municipality_id:
        errors["area"] = _("Kies een gebied in de gemeente.")
    amount = values["amount"]
    if amount is None:
        errors["amount"] = _("Vul het bedrag van het budget in.")
    elif amount <= 0:
        errors["amount"] = _("Het bedrag moet meer dan € 0 zijn.")
    elif amount > AMOUNT_MAX:
        errors["amount"] = _("Dit bedrag is te groot.")
    return errors


def _check_voters(values: dict) -> dict[str, str]:
    """Who may vote (the required attributes) and the support a proposal needs."""
    errors: dict[str, str] = {}
    required = values["required_attributes"]
    if any(kind not in AttributeKind.values for kind in required):
        errors["required_attributes"] = _("Kies alleen voorwaarden uit de lijst.")
    elif AttributeKind.RESIDENT_OF_AREA in required and values["area"] is None:
        errors["required_attributes"] = _(
            "'Woont in gebied' kan alleen bij een budget voor een gebied. Kies een gebied, "
            "of kies 'Woont in de gemeente'."
        )
    threshold = values["support_threshold"]
    if threshold is None or threshold < 0:
        errors["support_threshold"] = _("Vul 0 in (geen drempel) of een positief aantal.")
    elif threshold > THRESHOLD_MAX:
        errors["support_threshold"] = _("Kies een drempel van hoogstens %(max)s.") % {
            "max": THRESHOLD_MAX
        }
    return errors


def _max_choices_problem(kind: str, k: int | None) -> str | None:
    if k is not None and k < 1:
        return _("Vul een aantal van minstens 1 in, of laat het leeg.")
    if kind == BallotType.RANKING and k is None:
        return _(
            "Vul in hoeveel projecten inwoners op volgorde zetten, bijvoorbeeld 3 voor een top 3."
        )
    if kind in (BallotType.KNAPSACK, BallotType.CUMULATIVE) and k is not None:
        return _(
            "Een maximum aantal projecten hoort alleen bij 'kies projecten' en 'in volgorde'. "
            "Laat dit leeg."
        )
    return None


def _points_problem(kind: str, points: int | None) -> str | None:
    if kind != BallotType.CUMULATIVE:
        if points is not None:
            return _("Punten horen alleen bij 'verdeel punten'. Laat dit leeg.")
        return None
    if points is None or points < 1:
        return _("Vul in hoeveel punten elke stemmer verdeelt, bijvoorbeeld 10.")
    if points > POINTS_MAX:
        return _("Kies hoogstens %(max)s punten.") % {"max": POINTS_MAX}
    return None


def _check_ballot(values: dict) -> dict[str, str]:
    """The kind of ballot with its maximum number of choices or its points."""
    kind = values["ballot_type"]
    problems = {
        "ballot_type": None if kind in BallotType.values else _("Kies een soort stembiljet."),
        "max_choices": _max_choices_problem(kind, values["max_choices"]),
        "points": _points_problem(kind, values["points"]),
    }
    return {field: problem for field, problem in problems.items() if problem}


def _check_rule(values: dict) -> dict[str, str]:
    """The rule for the outcome, with its minimum number of votes."""
    rule, min_score = values["rule"], values["min_score"]
    if rule not in OutcomeRule.values:
        return {"rule": _("Kies een regel voor de uitslag.")}
    if rule == OutcomeRule.GREEDY_THRESHOLD and (min_score is None or min_score < 1):
        return {
            "min_score": _(
                "Vul in hoeveel stemmen een project minstens nodig heeft, bijvoorbeeld 50."
            )
        }
    exact = (OutcomeRule.EES, OutcomeRule.EES_ADD_OPT, OutcomeRule.EES_ADD_OPT_SKIP)
    if rule in exact and values.get("ballot_type") in (BallotType.CUMULATIVE, BallotType.RANKING):
        return {
            "rule": _(
                "Exact gelijke delen werkt alleen met de stembiljetten 'kies projecten' en "
                "'verdeel het budget'. Kies een andere regel of een ander stembiljet."
            )
        }
    if rule in exact and values.get("category_budgets"):
        return {
            "rule": _(
                "Exact gelijke delen kan nog niet rekenen met een budget per categorie. Kies "
                "'gelijke delen' of haal de bedragen per categorie weg."
            )
        }
    if rule != OutcomeRule.GREEDY_THRESHOLD and min_score is not None:
        return {
            "min_score": _(
                "Een minimum aantal stemmen hoort alleen bij de regel 'met een minimum aantal "
                "stemmen'. Laat dit leeg."
            )
        }
    return {}


def _check_categories(values: dict) -> dict[str, str]:
    """The budgets per category fit in the budget."""
    categories, amount = values["category_budgets"], values["amount"]
    if not categories or amount is None or amount <= 0:
        return {}
    total = sum(Decimal(str(v)) for v in categories.values())
    if total <= amount:
        return {}
    return {
        "category_budgets": _(
            "De bedragen per categorie zijn samen %(total)s: meer dan het budget (%(amount)s)."
        )
        % {"total": format_money(total), "amount": format_money(amount)}
    }


def _validate(process, values: dict) -> dict[str, str]:
    """Every problem of the values, per field (Dutch); empty when they are fine."""
    return {
        **_check_text(values),
        **_check_area_and_amount(process, values),
        **_check_voters(values),
        **_check_ballot(values),
        **_check_rule(values),
        **_check_categories(values),
    }


def _values(
    *, amount, category_budgets, required_attributes, support_threshold, **fields
) -> tuple[dict, dict[str, str]]:
    """The submitted fields in their stored form, with the problems of reading the texts
    (a Dutch amount, the categories)."""
    errors: dict[str, str] = {}
    try:
        amount = parse_money(amount) if amount is not None else None
    except ValueError as error:
        errors["amount"] = str(error)
        amount = None
    try:
        category_budgets = _normalise_categories(category_budgets)
    except ValueError as error:
        errors["category_budgets"] = str(error)
        category_budgets = {}
    values = {
        "title": (fields["title"] or "").strip(),
        "description": (fields["description"] or "").strip(),
        "area": fields["area"],
        "amount": amount,
        "required_attributes": sorted(set(required_attributes or [])),
        "support_threshold": support_threshold if support_threshold is not None else 0,
        "ballot_type": fields["ballot_type"],
        "max_choices": fields["max_choices"],
        "points": fields["points"],
        "rule": fields["rule"],
        "min_score": fields["min_score"],
        "category_budgets": dict(category_budgets or {}),
    }
    return values, errors


def _locked_changes(budget: Budget, values: dict, errors: dict[str, str]) -> dict[str, str]:
    """Refuse a change to the vote's rule once it is fixed (fields without another problem)."""
    if not budget_is_locked(budget):
        return {}
    return {
        field: _("Het stemmen is begonnen: dit ligt vast en kan niet meer veranderen.")
        for field in LOCKED_FIELDS
        if field not in errors and _differs(getattr(budget, field), values[field])
    }


def _apply(budget: Budget, values: dict, *, creating: bool) -> dict:
    """Set the values on the budget; what the audit log records (all values when creating, else
    [before, after] per changed field)."""
    changes = {}
    for field, value in values.items():
        if creating:
            changes[field] = _plain(value)
        elif _differs(getattr(budget, field), value):
            changes[field] = [_plain(getattr(budget, field)), _plain(value)]
        setattr(budget, field, value)
    return changes


def budget_save(
    *,
    actor,
    process,
    budget: Budget | None = None,
    title: str,
    amount,
    ballot_type: str,
    description: str = "",
    area=None,
    required_attributes: list[str] | tuple = (),
    support_threshold: int = 0,
    max_choices: int | None = None,
    points: int | None = None,
    rule: str = OutcomeRule.MES_ADD1_GREEDY,
    min_score: int | None = None,
    category_budgets: dict | None = None,
    request=None,
) -> Budget:
    """Create (budget=None) or change a budget of the process. `amount` may be a Decimal or Dutch
    text ('12.500'). Raises PermissionDenied for others than process managers, ValidationError
    (per field, in Dutch) on bad values or on a change to the vote's rule after voting started."""
    if not permissions.can_manage_budgets(actor, process):
        raise PermissionDenied(_("U mag de budgetten van dit proces niet instellen."))
    if budget is not None and budget.process_id != process.pk:
        raise PermissionDenied(_("Dit budget hoort niet bij dit proces."))
    values, errors = _values(
        title=title,
        description=description,
        area=area,
        amount=amount,
        required_attributes=required_attributes,
        support_threshold=support_threshold,
        ballot_type=ballot_type,
        max_choices=max_choices,
        points=points,
        rule=rule,
        min_score=min_score,
        category_budgets=category_budgets,
    )
    errors = {**_validate(process, values), **errors}
    creating = budget is None
    if budget is not None:
        errors.update(_locked_changes(budget, values, errors))
    if errors:
        raise ValidationError(errors)
    budget = budget or Budget(process=process)
    changes = _apply(budget, values, creating=creating)
    with transaction.atomic():
        budget.full_clean(exclude=["process"])
        budget.save()
        if changes:
            action = AuditAction.CREATED if creating else AuditAction.CHANGED
            audit.record(actor, action, budget, changes, request)
    return budget


def _normalise_categories(categories) -> dict[str, str]:
    """{"Groen": 20000} or {"Groen": "20.000"} -> {"Groen": "20000.00"}: one stored form, so an
    unchanged value never reads as a change of a locked budget."""
    result = {}
    for name, value in (categories or {}).items():
        name = str(name).strip()
        amount = parse_money(str(value)) if not isinstance(value, Decimal | int) else value
        if not name or len(name) > CATEGORY_MAX:
            raise ValueError(_("Geef elke categorie een naam van hoogstens 60 tekens."))
        if Decimal(amount) <= 0:
            raise ValueError(_("Het bedrag van elke categorie moet meer dan € 0 zijn."))
        result[name] = str(Decimal(amount).quantize(Decimal("0.01")))
    return result


def _plain(value):
    """A JSON-friendly form for the audit log (areas by pk)."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _differs(before, after) -> bool:
    if hasattr(before, "pk") or hasattr(after, "pk"):
        return getattr(before, "pk", None) != getattr(after, "pk", None)
    if isinstance(before, Decimal) or isinstance(after, Decimal):
        if before is None or after is None:
            return before is not after
        return Decimal(before) != Decimal(after)
    if isinstance(before, list) and isinstance(after, list):
        return sorted(before) != sorted(after)
    return before != after


def budget_delete(*, actor, budget: Budget, request=None) -> None:
    """Remove a budget that has no projects yet and whose vote has not started."""
    if not permissions.can_manage_budgets(actor, budget.process):
        raise PermissionDenied(_("U mag de budgetten van dit proces niet instellen."))
    if budget_is_locked(budget):
        raise ValidationError(_("Het stemmen is begonnen: dit budget kan niet meer weg."))
    if budget.projects.exists():
        raise ValidationError(
            _("Er zijn al projecten voorgesteld voor dit budget. Het kan daarom niet weg.")
        )
    with transaction.atomic():
        audit.record(actor, AuditAction.DELETED, budget, {"title": budget.title}, request)
        budget.delete()


def budget_lock(
    budget: Budget, *, actor=None, at=None, request=None, system: bool = False
) -> Budget:
    """Fix the vote's rule (ballot, rule, amount, eligibility). Called when voting starts;
    calling it again changes nothing. `system=True` (a vote set it off): the audit entry names
    no one and no address, so the log never shows who voted first."""
    moment = at or timezone.now()
    with transaction.atomic():
        updated = Budget.objects.filter(pk=budget.pk, locked_at__isnull=True).update(
            locked_at=moment
        )
        if updated:
            budget.locked_at = moment
            audit.record(
                actor, AuditAction.LOCKED, budget, {"locked_at": moment}, request, system=system
            )
        else:
            budget.locked_at = Budget.objects.values_list("locked_at", flat=True).get(pk=budget.pk)
    return budget
