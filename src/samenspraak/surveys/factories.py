"""Factories: `SurveyFactory()` is a survey in a running "surveys.respond" phase of a published
process; `QuestionFactory(survey=s, kind=QuestionKind.SINGLE, choices=[...])` adds a question."""

import factory

from samenspraak.processes.factories import PhaseFactory
from samenspraak.surveys.models import PHASE_KIND, Question, QuestionKind, Survey


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    phase = factory.SubFactory(PhaseFactory, kind=PHASE_KIND)
    process = factory.LazyAttribute(lambda o: o.phase.process)
    title = factory.Sequence(lambda n: f"Enquête over het plein {n}")
    intro = "Wat vindt u van het plein? Het invullen duurt vijf minuten."
    allow_anonymous = False


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    survey = factory.SubFactory(SurveyFactory)
    order = factory.Sequence(lambda n: n)
    kind = QuestionKind.SINGLE
    text = factory.Sequence(lambda n: f"Vraag {n}")
    choices = factory.LazyAttribute(
        lambda o: (
            ["Ja", "Nee"]
            if o.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
            else []
        )
    )
    required = True
