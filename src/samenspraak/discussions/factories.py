"""Factories for spaces, threads and follows (tests and benchmarks)."""

import factory

from samenspraak.accounts.factories import UserFactory
from samenspraak.discussions.models import Follow, Frequency, Space, SpaceKind, Thread
from samenspraak.discussions.selectors import title_key
from samenspraak.organisations.factories import AreaFactory, current_or_new_municipality


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space

    municipality = factory.LazyFunction(current_or_new_municipality)
    name = factory.Sequence(lambda n: f"Buurtgesprek Oost {n}")
    slug = factory.Sequence(lambda n: f"buurtgesprek-oost-{n}")
    kind = SpaceKind.AREA
    area = factory.SubFactory(AreaFactory)
    intro = "Praat mee over de wijk."


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    space = factory.SubFactory(SpaceFactory)
    title = factory.Sequence(lambda n: f"Meer groen in straat {n}")
    title_key = factory.LazyAttribute(lambda o: title_key(o.title))
    body = "Er zijn te weinig bomen in onze straat."
    author = factory.SubFactory(UserFactory)


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Follow

    user = factory.SubFactory(UserFactory)
    space = None
    thread = None
    frequency = Frequency.IMMEDIATE
