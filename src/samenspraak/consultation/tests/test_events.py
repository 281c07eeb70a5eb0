"""Input services emit domain events (core.events) in their own transaction."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samenspraak.consultation import services
from samenspraak.consultation.events import InputAnswered, InputSubmitted
from samenspraak.consultation.models import Channel
from samenspraak.core.models import OutboxEvent

pytestmark = pytest.mark.django_db


def payloads(event_type):
    events = OutboxEvent.objects.filter(type=event_type).order_by("pk")
    return list(events.values_list("payload", flat=True))


def test_submitting_and_registering_input_emit_input_submitted(phase, resident, manager):
    online = services.input_submit(
        author=resident, phase=phase, title="Meer groen op het plein", body="Graag meer bomen."
    )
    with pytest.raises(ValidationError):
        services.input_submit(author=resident, phase=phase, title="", body="")
    paper = services.input_register_offline(
        actor=manager,
        phase=phase,
        channel=Channel.PAPER,
        received_on=timezone.localdate() - datetime.timedelta(days=1),
        title="Brief over het plein",
        body="Per post ontvangen.",
    )
    assert payloads(InputSubmitted.type) == [
        {
            "input_id": online.pk,
            "process_id": phase.process_id,
            "phase_id": phase.pk,
            "channel": "online",
        },
        {
            "input_id": paper.pk,
            "process_id": phase.process_id,
            "phase_id": phase.pk,
            "channel": "paper",
        },
    ]


def test_answering_emits_input_answered_first_then_changed(phase, resident, manager):
    item = services.input_submit(
        author=resident, phase=phase, title="Meer groen op het plein", body="Graag meer bomen."
    )
    for _time in range(2):
        answer = services.input_answer(
            actor=manager,
            input=item,
            body="Dank u wel voor het idee.",
            outcome="adopted",
            reason="Past in het plan.",
        )
    assert payloads(InputAnswered.type) == [
        {
            "input_id": item.pk,
            "process_id": phase.process_id,
            "answer_id": answer.pk,
            "first": True,
        },
        {
            "input_id": item.pk,
            "process_id": phase.process_id,
            "answer_id": answer.pk,
            "first": False,
        },
    ]
