"""Factories for budgeting tests: a budget in a process with a proposal phase, and projects."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from samenspraak.budgeting.models import BallotType, Budget, BudgetProject, Feasibility
from samenspraak.consultation.models import Input
from samenspraak.processes.factories import ProcessFactory
from samenspraak.processes.models import Phase


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    process = factory.SubFactory(ProcessFactory)
    title = factory.Sequence(lambda n: f"Buurtbudget {n}")
    amount = Decimal("100000")
    ballot_type = BallotType.APPROVAL


class BudgetProjectFactory(factory.django.DjangoModelFactory):
    """A reviewed, feasible project: an Input in the budget's process plus its cost."""

    class Meta:
        model = BudgetProject

    budget = factory.SubFactory(BudgetFactory)
    estimated_cost = Decimal("10000")
    final_cost = factory.LazyAttribute(lambda o: o.estimated_cost)
    feasibility = Feasibility.FEASIBLE

    @factory.lazy_attribute
    def input(self):
        process = self.budget.process
        phase = process.phases.first()
        if phase is None:
            now = timezone.now()
            phase = Phase.objects.create(
                process=process,
                kind="budgeting.propose",
                title="Projecten voorstellen",
                starts_at=now - datetime.timedelta(days=30),
                ends_at=now + datetime.timedelta(days=30),
            )
        count = Input.objects.filter(process=process).count() + 1
        return Input.objects.create(
            process=process,
            phase=phase,
            title=f"Project {count}",
            body="Een project voor de buurt, met een korte uitleg.",
            due_date=timezone.localdate() + datetime.timedelta(days=21),
            created_at=timezone.now(),
        )
