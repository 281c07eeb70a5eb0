"""Shared set-up for the voting tests (no tests here): a budget whose vote phase runs now."""

import datetime
from decimal import Decimal

from django.utils import timezone

from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.phases import VOTE
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

DAY = datetime.timedelta(days=1)


def vote_budget(*, when="during", projects=5, cost=Decimal("30000"), **budget_fields):
    """A budget in a published process with a `budgeting.vote` phase before/during/after now,
    and `projects` feasible projects of `cost` each."""
    process = ProcessFactory()
    now = timezone.now()
    starts, ends = {
        "during": (now - DAY, now + 5 * DAY),
        "before": (now + DAY, now + 5 * DAY),
        "after": (now - 5 * DAY, now - DAY),
    }[when]
    PhaseFactory(process=process, kind=VOTE, starts_at=starts, ends_at=ends)
    budget = BudgetFactory(process=process, **budget_fields)
    items = [BudgetProjectFactory(budget=budget, estimated_cost=cost) for _i in range(projects)]
    budget.refresh_from_db()
    return budget, items
