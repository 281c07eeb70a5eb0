"""Computing a budget's result in the background, with its progress for staff.

Counting and running the rule can take a while on a large vote, so the staff results page does
not do it in the request: `computation_start` queues `compute_result` (the project's task queue,
django-tasks) and records a `ResultComputation` (queued, running with its stage, done, failed
with the reason in plain Dutch). The page shows that state and refreshes itself until it is done.

One computation per budget at a time: starting locks the budget row, and a start while one is
queued or running returns that one (a double click, or two staff members at once). A computation
that has not moved for `STUCK_AFTER` (a worker that died) may be started again.

The task lives here, next to the service that queues it, so this module imports nothing that
imports it back (budgeting.tasks imports voting, voting does not import tasks).
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samenspraak.budgeting import results
from samenspraak.budgeting.models import Budget, ComputationState, ResultComputation

logger = logging.getLogger(__name__)

#: A queued or running computation that has not changed for this long is taken as lost.
STUCK_AFTER = datetime.timedelta(minutes=15)


def computation_of(budget: Budget) -> ResultComputation | None:
    """The budget's latest computation, if one was ever started."""
    return ResultComputation.objects.filter(budget=budget).first()


def _stuck(computation: ResultComputation, now: datetime.datetime) -> bool:
    return computation.in_progress and computation.updated_at < now - STUCK_AFTER


def computation_start(budget: Budget, *, actor, request=None) -> ResultComputation:
    """Queue the computation of the budget's result, unless one is queued or running already
    (then that one is returned and nothing new starts). Raises PermissionDenied for staff who do
    not manage the process and ValidationError (in Dutch) while the vote runs or once the result
    is published."""
    results.check_can_compute(budget, actor)
    now = timezone.now()
    with transaction.atomic():
        # One start at a time per budget: a second request waits here and then sees the first.
        Budget.objects.select_for_update().filter(pk=budget.pk).order_by().values_list("pk").get()
        computation = computation_of(budget)
        if computation is not None and computation.in_progress and not _stuck(computation, now):
            return computation
        if computation is None:
            computation = ResultComputation(budget=budget)
        computation.state = ComputationState.QUEUED
        computation.stage = ""
        computation.error = ""
        computation.queued_at = computation.updated_at = now
        computation.finished_at = None
        computation.save()
    # After the commit: the worker (or the inline backend in tests) finds the row queued.
    compute_result.enqueue(budget.pk, getattr(actor, "pk", None))
    computation.refresh_from_db()
    return computation


def _mark(computation: ResultComputation, **fields) -> None:
    fields["updated_at"] = timezone.now()
    ResultComputation.objects.filter(pk=computation.pk).update(**fields)
    for name, value in fields.items():
        setattr(computation, name, value)


@task()
def compute_result(budget_id: int, actor_id: int | None = None) -> str:
    """Run `results.result_compute` for the budget and record how it went; returns the state.
    Problems are stored for staff in Dutch, never raised (an unexpected error is logged too)."""
    computation = ResultComputation.objects.select_related("budget__process").get(
        budget_id=budget_id
    )
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    _mark(computation, state=ComputationState.RUNNING, stage="", error="")
    error = ""
    try:
        results.result_compute(
            computation.budget, actor=actor, progress=lambda stage: _mark(computation, stage=stage)
        )
    except ValidationError as problem:
        error = " ".join(problem.messages)
    except PermissionDenied:
        error = _("U mag de uitslag van dit budget niet (meer) berekenen.")
    except Exception:
        logger.exception("Computing the result of budget %s failed", budget_id)
        error = _(
            "Er ging iets mis in het systeem bij het berekenen van de uitslag. Probeer het "
            "opnieuw. Lukt het dan nog niet, neem dan contact op met de beheerder."
        )
    _mark(
        computation,
        state=ComputationState.FAILED if error else ComputationState.DONE,
        stage="",
        error=error,
        finished_at=timezone.now(),
    )
    return computation.state
