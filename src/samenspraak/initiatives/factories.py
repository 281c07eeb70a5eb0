"""Factories for initiatives, for tests and demo data.

`ByLawFactory()` sets the by-law for one kind in the current municipality;
`eligible_resident()` makes a resident with the verified attributes that let them sign
(lives in the municipality, 16+); `InitiativeFactory(status=Status.COLLECTING)` makes one that
is collecting (with `signatures_needed` and `last_day` set as admission would set them).
"""

import datetime

import factory
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory, VerifiedAttributeFactory
from samenspraak.accounts.models import AttributeKind
from samenspraak.initiatives.models import (
    ByLaw,
    Initiative,
    InitiativeKind,
    Meeting,
    Status,
)
from samenspraak.organisations.factories import current_or_new_municipality


def eligible_resident(*, age=AttributeKind.AGE_16_PLUS, **kwargs):
    user = UserFactory(**kwargs)
    VerifiedAttributeFactory(user=user, kind=AttributeKind.RESIDENT_OF_MUNICIPALITY)
    if age:
        VerifiedAttributeFactory(user=user, kind=age)
    return user


class ByLawFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ByLaw
        django_get_or_create = ("municipality", "kind")

    municipality = factory.LazyFunction(current_or_new_municipality)
    kind = InitiativeKind.AGENDA
    signatures_needed = 3
    collect_days = 90
    minimum_age = 16


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    municipality = factory.LazyFunction(current_or_new_municipality)
    kind = InitiativeKind.AGENDA
    title = factory.Sequence(lambda n: f"Meer bankjes in het park {n}")
    problem = "Oudere bewoners kunnen in het park nergens even uitrusten."
    proposal = "Zet tien bankjes langs het hoofdpad van het park."
    council_ask = "Maak geld vrij voor tien bankjes in het park dit jaar."
    initiator = factory.LazyFunction(eligible_resident)
    status = Status.COLLECTING
    invite_token = factory.Sequence(lambda n: f"uitnodiging-{n}")
    signatures_needed = factory.LazyAttribute(
        lambda o: 3 if o.status not in (Status.CONCEPT, Status.IN_REVIEW) else 0
    )
    last_day = factory.LazyAttribute(
        lambda o: (
            timezone.localdate() + datetime.timedelta(days=30)
            if o.status not in (Status.CONCEPT, Status.IN_REVIEW)
            else None
        )
    )


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    municipality = factory.LazyFunction(current_or_new_municipality)
    title = factory.Sequence(lambda n: f"Raadsvergadering {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    location = "Raadzaal"
