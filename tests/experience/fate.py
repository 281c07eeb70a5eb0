"""A budget whose greedy count is done: A (3 votes) is chosen, B (2 votes) does not fit."""

import datetime
from decimal import Decimal

from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.budgeting import results
from samenspraak.budgeting.factories import BudgetFactory, BudgetProjectFactory
from samenspraak.budgeting.models import OutcomeRule
from samenspraak.budgeting.phases import PROPOSE, VOTE
from samenspraak.budgeting.tests.test_results import cast
from samenspraak.consultation.factories import OfficialAnswerFactory
from samenspraak.consultation.models import Outcome
from samenspraak.processes.factories import PhaseFactory, ProcessFactory


def counted_budget():
    now = timezone.now()
    process = ProcessFactory(title="Buurtbudget Noord")
    PhaseFactory(
        process=process,
        kind=PROPOSE,
        starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=10),
    )
    vote = PhaseFactory(
        process=process,
        kind=VOTE,
        order=2,
        starts_at=now - datetime.timedelta(days=9),
        ends_at=now + datetime.timedelta(days=1),
    )
    budget = BudgetFactory(
        process=process, title="Noord", amount=Decimal("100"), rule=OutcomeRule.GREEDY
    )
    a = BudgetProjectFactory(budget=budget, estimated_cost=Decimal("60"))
    b = BudgetProjectFactory(budget=budget, estimated_cost=Decimal("60"))
    for project, title in ((a, "Speeltuin"), (b, "Bankjes")):
        project.input.title = title
        project.input.save(update_fields=["title"])
        # The feasibility review answers the input with outcome "Overgenomen".
        OfficialAnswerFactory(input=project.input, outcome=Outcome.ADOPTED)
    for _n in range(3):
        cast(budget, {a: 1})
    for _n in range(2):
        cast(budget, {b: 1})
    return budget, a, b, vote


def count_and_publish(budget, vote):
    vote.ends_at = timezone.now() - datetime.timedelta(minutes=1)
    vote.save(update_fields=["ends_at"])
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    result = results.result_compute(results.budget_get(budget.pk))
    return results.result_publish(result, actor=manager)
