"""Factories: `ConversationFactory()` is a conversation in a running "conversations.vote" phase
of a published process; `StatementFactory(conversation=c)` adds an accepted statement of the
municipality."""

import factory

from samenspraak.conversations.models import PHASE_KIND, Conversation, Statement, StatementStatus
from samenspraak.processes.factories import PhaseFactory


class ConversationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conversation

    phase = factory.SubFactory(PhaseFactory, kind=PHASE_KIND)
    process = factory.LazyAttribute(lambda o: o.phase.process)
    title = factory.Sequence(lambda n: f"Stellingen over het plein {n}")
    intro = "Geef bij elke stelling aan of u het ermee eens bent."
    allow_statements = True


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    conversation = factory.SubFactory(ConversationFactory)
    text = factory.Sequence(lambda n: f"Het plein heeft meer bankjes nodig ({n})")
    seeded = True
    status = StatementStatus.ACCEPTED
