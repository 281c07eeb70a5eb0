import datetime
import random
from types import SimpleNamespace

import pytest
from django.db.models import Count
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.consultation import selectors
from samenspraak.consultation.demo_data import inputs
from samenspraak.consultation.models import (
    COLLECT,
    AnswerTemplate,
    Channel,
    Input,
    OfficialAnswer,
    Outcome,
)
from samenspraak.processes.factories import PhaseFactory, ProcessFactory

pytestmark = pytest.mark.django_db


def context(phases, residents):
    return SimpleNamespace(
        rng=random.Random(7),
        municipality=phases[0].process.municipality if phases else None,
        residents=residents,
        staff={},
        neighbourhoods=[],
        areas=[],
        data={"collect_phases": phases},
    )


def test_demo_chapter_makes_inputs_supports_answers_offline_and_overdue(area):
    """Across a past and a running collect phase: every outcome, offline input, late answers,
    open input past its deadline, and supports counted on each input."""
    now = timezone.now()
    past = PhaseFactory(
        process=ProcessFactory(),
        kind=COLLECT,
        starts_at=now - datetime.timedelta(days=120),
        ends_at=now - datetime.timedelta(days=60),
    )
    running = PhaseFactory(
        process=ProcessFactory(),
        kind=COLLECT,
        starts_at=now - datetime.timedelta(days=40),
        ends_at=now + datetime.timedelta(days=10),
    )
    residents = UserFactory.create_batch(30)
    inputs(context([past, running], residents))
    assert Input.objects.count() == 300
    assert Input.objects.exclude(channel=Channel.ONLINE).exists()
    assert set(OfficialAnswer.objects.values_list("outcome", flat=True)) == set(Outcome.values)
    assert AnswerTemplate.objects.count() == 3
    overall, _rows = selectors.municipality_figures(past.process.municipality)
    assert overall.overdue > 0
    assert 0 < overall.answered < overall.total
    for item in Input.objects.annotate(n=Count("supports")):
        assert item.support_count == item.n


def test_demo_chapter_without_collect_phases_only_adds_templates(area):
    ctx = context([], UserFactory.create_batch(2))
    ctx.municipality = area.municipality
    inputs(ctx)
    assert not Input.objects.exists()
    assert AnswerTemplate.objects.count() == 3
