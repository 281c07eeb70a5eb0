"""Factories for delivery tests."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from samenspraak.delivery.models import DeliveryProject, Milestone, ProjectStatus
from samenspraak.organisations.factories import current_or_new_municipality


class DeliveryProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryProject

    municipality = factory.LazyFunction(current_or_new_municipality)
    title = factory.Sequence(lambda n: f"Nieuwe bomen in de Lindelaan {n}")
    description = "We planten **twintig** bomen."
    status = ProjectStatus.IN_PROGRESS
    progress = 40
    budget_planned = Decimal("50000")
    budget_spent = Decimal("12000")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    is_public = True


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(DeliveryProjectFactory)
    title = factory.Sequence(lambda n: f"Mijlpaal {n}")
    planned_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10))
    done_on = None
