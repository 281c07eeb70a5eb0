"""Writes for results: compute (close the vote, count, run the budget's fixed rule, store)
and publish (once the vote has ended; hand-over to execution with a news update).

The rule is the budget's own (`Budget.rule`), fixed when the vote opened; nothing here lets
staff pick another rule for the published outcome."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pbengine.model import total_cost
from samenspraak.budgeting import voting
from samenspraak.budgeting.events import BudgetResultPublished
from samenspraak.budgeting.models import (
    Budget,
    BudgetProject,
    BudgetResult,
    ComputationStage,
)
from samenspraak.budgeting.results.compare import rule_spend
from samenspraak.budgeting.results.election import (
    budget_election,
    election_tally,
    euros,
    plain_json,
    run_rule,
    snapshot_text,
)
from samenspraak.budgeting.results.explain import money
from samenspraak.budgeting.results.selectors import (
    publish_problem,
    result_of,
    turnout_facts,
    vote_has_ended,
)
from samenspraak.core import audit, events
from samenspraak.core.links import absolute_url
from samenspraak.information.services import update_create
from samenspraak.processes.permissions import can_manage_process


class AuditAction:
    COMPUTED = "budgeting.result_computed"
    PUBLISHED = "budgeting.result_published"


def _require_manager(actor, budget: Budget) -> None:
    if actor is not None and not can_manage_process(actor, budget.process):
        raise PermissionDenied


def _require_vote_ended(budget: Budget) -> None:
    if not vote_has_ended(budget):
        raise ValidationError(
            _(
                "De stemming loopt nog. De uitslag kan pas worden berekend als de stemming "
                "voorbij is."
            )
        )


def check_can_compute(budget: Budget, actor=None) -> None:
    """Raise PermissionDenied (staff who do not manage the process) or ValidationError (in Dutch:
    the vote still runs, the result is published) when the result cannot be computed now."""
    _require_manager(actor, budget)
    _require_vote_ended(budget)
    existing = result_of(budget)
    if existing is not None and existing.published_at is not None:
        raise ValidationError(_("De uitslag is al gepubliceerd en verandert niet meer."))


def result_compute(budget: Budget, *, actor=None, request=None, progress=None) -> BudgetResult:
    """Close the vote, count the ballots and run the budget's fixed rule; store (or refresh) its
    result with a snapshot of the ballots as counted (`BudgetResult.snapshot`, what exports
    serve), and then what every offered rule would spend on them (`BudgetResult.rule_spend`).

    Refused while the vote runs and once the result is published (a published outcome does not
    change). From the computed result on, no ballot of any channel is added
    (`voting.results_exist`). `actor` None is the system (demo data, commands); staff must
    manage the process. `progress(stage)` (a ComputationStage) is told each stage before it
    starts, outside the count's transaction (the background task shows it to staff).
    """
    check_can_compute(budget, actor)
    if progress is not None:
        progress(ComputationStage.CLOSING)
    # The close: no voter keys, ballots rewritten so not even the database's write order or
    # transaction stamps tie one to the register row written with it. It stays done even if the
    # count below fails.
    voting.vote_close(budget)
    if progress is not None:
        progress(ComputationStage.COUNTING)
    with transaction.atomic():
        # Again, holding the budget row until the result is stored: a paper ballot entered
        # since is rewritten too, and none slips in between the count and the result.
        voting.vote_close(budget)
        rows = voting.ballots_for_tally(budget)
        if not rows:
            raise ValidationError(_("Er zijn geen stemmen uitgebracht, dus er is geen uitslag."))
        election, by_id = budget_election(budget, ballots=rows)
        outcome = run_rule(election, budget.rule, budget=budget)
        tally = {
            "vote_type": election.vote_type,
            "projects": election_tally(election),
            # Voters per channel, from the register: a ballot does not say how it was cast.
            "channels": voting.turnout(budget)["by_channel"],
            "turnout": turnout_facts(budget),
            "spent": str(euros(total_cost(election, outcome.selected))),
            "details": plain_json(outcome.details),
        }
        result, _created = BudgetResult.objects.update_or_create(
            budget=budget,
            defaults={
                "rule": budget.rule,
                "selected": [int(p) for p in outcome.selected],
                "explanations": plain_json(outcome.explanations),
                "tally": tally,
                "ballots": len(rows),
                "computed_at": timezone.now(),
                "snapshot": snapshot_text(election, outcome.selected),
                "rule_spend": [],
            },
        )
        if actor is not None:
            audit.record(
                actor,
                AuditAction.COMPUTED,
                budget,
                {"rule": budget.rule, "selected": result.selected, "ballots": result.ballots},
                request,
            )
    # What every other offered rule would spend on the same ballots, for staff (information
    # only: the outcome is the fixed rule's). Outside the count's transaction: it runs every
    # rule, and the stored result stands meanwhile. The ballots no longer change (closed).
    if progress is not None:
        progress(ComputationStage.COMPARING)
    result.rule_spend = rule_spend(election, budget, known=outcome)
    BudgetResult.objects.filter(pk=result.pk).update(rule_spend=result.rule_spend)
    return result


def result_publish(result: BudgetResult, *, actor, request=None) -> BudgetResult:
    """Publish the outcome under the budget's fixed rule, and hand it over to execution.

    The hand-over is a news update on the process listing the funded projects with their cost
    (followers get it by e-mail); the execution app picks the projects up from there.
    """
    budget = result.budget
    if actor is None or not can_manage_process(actor, budget.process):
        raise PermissionDenied
    problem = publish_problem(result)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        locked = BudgetResult.objects.select_for_update().get(pk=result.pk)
        if locked.published_at is not None:
            raise ValidationError(_("De uitslag is al gepubliceerd."))
        result.published_at = timezone.now()
        result.published_by = actor
        result.save(update_fields=["published_at", "published_by"])
        audit.record(
            actor,
            AuditAction.PUBLISHED,
            budget,
            {"rule": result.rule, "selected": result.selected},
            request,
        )
        _hand_over(result, actor=actor, request=request)
        events.emit(
            BudgetResultPublished(
                result_id=result.pk, budget_id=budget.pk, process_id=budget.process_id
            )
        )
    return result


def _hand_over(result: BudgetResult, *, actor, request=None) -> None:
    budget = result.budget
    projects = BudgetProject.objects.in_bulk(result.selected)
    funded = [projects[pk] for pk in result.selected if pk in projects]
    with translation.override("nl"):
        title = _("Uitslag %(budget)s: %(count)s projecten krijgen geld") % {
            "budget": budget.title,
            "count": len(funded),
        }
        body = render_to_string(
            "budgeting/results/update_body.html",
            {
                "budget": budget,
                "funded": [(p, money(p.cost)) for p in funded],
                "total_text": money(sum((p.cost for p in funded), Decimal(0))),
                "url": absolute_url(reverse("budgeting:results", args=[budget.pk])),
            },
        )
    update_create(
        actor=actor, process=budget.process, title=title[:160], body=body, request=request
    )
