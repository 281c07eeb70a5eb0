"""Factories for processes and phases.

`ProcessFactory()` is a published consultation-level process in the current municipality with
no phases; `PhaseFactory(process=p, kind="consultation.collect")` adds a phase that runs now
(from a day ago until a week from now) unless `starts_at`/`ends_at` are given.
`ProcessFactory(with_phase="consultation.collect")` does both in one go.
"""

import datetime

import factory
from django.utils import timezone

from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.models import (
    ParticipationLevel,
    Phase,
    PolicyPhase,
    Process,
    ProcessStatus,
)


class ProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Process
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(current_or_new_municipality)
    title = factory.Sequence(lambda n: f"Plannen voor het plein {n}")
    slug = factory.Sequence(lambda n: f"plein-{n}")
    summary = "Wat wilt u op het plein?"
    goal = "We willen weten wat inwoners belangrijk vinden voor het nieuwe plein."
    level = ParticipationLevel.CONSULT
    commitment = "Het college gebruikt de inbreng bij het ontwerp en reageert op elke inbreng."
    commitment_owner = "Het college van B&W"
    decision_maker = "De gemeenteraad"
    policy_phase = PolicyPhase.POLICY_MAKING
    status = ProcessStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def with_phase(self, create, kind, **kwargs):
        if create and kind:
            PhaseFactory(process=self, kind=kind)


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    process = factory.SubFactory(ProcessFactory)
    kind = "processes.inform"
    title = factory.Sequence(lambda n: f"Fase {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    order = factory.Sequence(lambda n: n)
