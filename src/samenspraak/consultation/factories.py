"""Factories for input, supports, answers and answer templates.

`InputFactory()` makes online input in a running collect phase of a new process;
`InputFactory(phase=p)` puts it in phase `p`. `OfficialAnswerFactory(input=i)` answers it
(and marks it answered).
"""

import datetime

import factory
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation.models import (
    COLLECT,
    AnswerTemplate,
    Input,
    InputStatus,
    OfficialAnswer,
    Outcome,
    Support,
)
from samenspraak.organisations.factories import current_or_new_municipality
from samenspraak.processes.factories import PhaseFactory


class InputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Input

    phase = factory.SubFactory(PhaseFactory, kind=COLLECT)
    process = factory.LazyAttribute(lambda o: o.phase.process)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Meer bankjes op het plein {n}")
    body = "Er zijn te weinig plekken om even te zitten, vooral voor ouderen."
    created_at = factory.LazyFunction(timezone.now)
    due_date = factory.LazyAttribute(
        lambda o: (
            timezone.localtime(o.created_at).date() + datetime.timedelta(days=o.process.answer_days)
        )
    )


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    input = factory.SubFactory(InputFactory)
    user = factory.SubFactory(UserFactory)


class OfficialAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialAnswer
        skip_postgeneration_save = True

    input = factory.SubFactory(InputFactory)
    body = "Dank u wel. We nemen dit mee in het ontwerp van het plein."
    outcome = Outcome.ADOPTED
    reason = "Meer zitplekken past in het plan en er is budget voor."
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def mark_answered(obj, create, extracted, **kwargs):
        if create:
            Input.objects.filter(pk=obj.input_id).update(
                status=InputStatus.ANSWERED, answered_at=obj.published_at
            )
            obj.input.status = InputStatus.ANSWERED
            obj.input.answered_at = obj.published_at


class AnswerTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnswerTemplate

    municipality = factory.LazyFunction(current_or_new_municipality)
    title = factory.Sequence(lambda n: f"Standaardantwoord {n}")
    body = "Dank u wel voor uw inbreng. We nemen die mee bij het besluit."
    outcome = Outcome.PARTLY_ADOPTED
