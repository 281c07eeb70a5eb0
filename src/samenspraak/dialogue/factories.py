"""Factories for comments, reports, house rules and decisions.

`CommentFactory(target=obj)` comments on any object; without a target it comments on a new
process. `HouseRuleFactory()` belongs to the current municipality.
"""

import factory
from django.contrib.contenttypes.models import ContentType

from samenspraak.accounts.factories import UserFactory
from samenspraak.dialogue.models import Comment, HouseRule, Report
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.factories import ProcessFactory


class _GenericTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True
        exclude = ["target"]

    target = factory.SubFactory(ProcessFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)


class CommentFactory(_GenericTargetFactory):
    class Meta:
        model = Comment

    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Goed idee, ik fiets hier elke dag langs ({n}).")


class ReportFactory(_GenericTargetFactory):
    class Meta:
        model = Report

    target = factory.SubFactory(CommentFactory)
    reason = "Dit is beledigend."


class HouseRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseRule

    municipality = factory.LazyFunction(current_or_new_municipality)
    title = factory.Sequence(lambda n: f"Wees respectvol {n}")
    text = "Val geen mensen aan. Reageer op de inhoud."
    order = factory.Sequence(lambda n: n)
