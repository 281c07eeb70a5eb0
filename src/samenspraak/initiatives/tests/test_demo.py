import random
from types import SimpleNamespace

import pytest

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.initiatives.demo_data import route
from samenspraak.initiatives.factories import eligible_resident
from samenspraak.initiatives.models import (
    CouncilDecision,
    CouncilReaction,
    Initiative,
    Outcome,
    PaperList,
    Status,
)
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db


def test_demo_chapter_has_an_initiative_in_every_state_and_a_paper_list():
    district = AreaFactory()
    ctx = SimpleNamespace(
        rng=random.Random(3),
        municipality=district.municipality,
        residents=[eligible_resident() for _ in range(40)],
        staff={
            "clerk": [StaffUserFactory(role=Role.CLERK)],
            "council_member": [StaffUserFactory(role=Role.COUNCIL_MEMBER) for _ in range(2)],
        },
        districts=[district],
        neighbourhoods=[],
        data={},
    )
    route(ctx)
    assert set(Initiative.objects.values_list("status", flat=True)) == set(Status.values)
    assert PaperList.objects.filter(duplicates__gte=1).exists()
    decided = Initiative.objects.get(status=Status.DECIDED)
    assert [
        d.outcome for d in CouncilDecision.objects.filter(initiative=decided).order_by("decided_on")
    ] == [
        Outcome.POSTPONED,
        Outcome.ADOPTED,
    ]
    steps = list(decided.steps.values_list("at", flat=True))
    assert steps == sorted(steps)
    assert CouncilReaction.objects.filter(member__isnull=False).count() == 2
    for initiative in Initiative.objects.exclude(status__in=[Status.CONCEPT]):
        assert initiative.steps.count() >= 2


def test_demo_council_link_reacts_on_input_and_processes_and_answers_questions():
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.initiatives.demo_data import council_link
    from samenspraak.initiatives.models import CouncilMember, CouncilQuestion
    from samenspraak.processes.factories import ProcessFactory

    district = AreaFactory()
    ctx = SimpleNamespace(
        rng=random.Random(3),
        municipality=district.municipality,
        residents=[eligible_resident() for _ in range(40)],
        staff={
            "clerk": [StaffUserFactory(role=Role.CLERK)],
            "council_member": [StaffUserFactory(role=Role.COUNCIL_MEMBER) for _ in range(2)],
        },
        districts=[district],
        neighbourhoods=[],
        data={},
    )
    route(ctx)
    process = ProcessFactory()
    InputFactory(process=process)
    council_link(ctx)
    assert CouncilReaction.objects.filter(input__isnull=False).exists()
    assert CouncilReaction.objects.filter(process=process).exists()
    questions = list(CouncilQuestion.objects.all())
    assert {(q.is_answered, q.is_overdue) for q in questions} == {
        (True, False),
        (False, True),
        (False, False),
    }
    assert all(m.areas.exists() for m in CouncilMember.objects.all())
