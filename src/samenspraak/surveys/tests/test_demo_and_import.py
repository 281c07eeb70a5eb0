"""Survey import from a design, bulk responses, and the demo chapter."""

import random

import pytest
from django.core.exceptions import PermissionDenied

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.processes.factories import PhaseFactory
from samenspraak.surveys import demo_data, selectors, services
from samenspraak.surveys.models import Response

pytestmark = pytest.mark.django_db


def test_survey_import_builds_all_questions_with_the_condition():
    phase = PhaseFactory(kind="surveys.respond")
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    survey = services.survey_import(
        actor=manager, process=phase.process, phase=phase, design=demo_data.DESIGN
    )
    questions = list(survey.questions.order_by("order"))
    assert [q.kind for q in questions] == ["single", "multiple", "scale", "ranking", "open"]
    assert questions[1].show_if_question == questions[0]
    assert questions[1].show_if_values == [0]


def test_survey_import_needs_a_manager():
    phase = PhaseFactory(kind="surveys.respond")
    with pytest.raises(PermissionDenied):
        services.survey_import(
            actor=UserFactory(), process=phase.process, phase=phase, design=demo_data.DESIGN
        )


def test_responses_import_stores_each_respondent_once_and_results_add_up():
    phase = PhaseFactory(kind="surveys.respond")
    manager = StaffUserFactory(role=Role.PROCESS_MANAGER)
    survey = services.survey_import(
        actor=manager, process=phase.process, phase=phase, design=demo_data.DESIGN
    )
    questions = list(survey.questions.order_by("order"))
    rng = random.Random(1)
    people = UserFactory.create_batch(5)
    rows = [(p, demo_data._answers(rng, questions)) for p in people + people[:2]]
    rows.append((None, demo_data._answers(rng, questions)))
    assert services.responses_import(survey=survey, rows=rows) == 6
    assert Response.objects.filter(survey=survey).count() == 6
    total, results = selectors.survey_results(selectors.survey_detail(phase.process, survey.pk))
    assert total == 6
    assert sum(bar.count for bar in results[0].bars) == 6
    assert sum(bar.count for bar in results[2].bars) == 6
    # Ranking: every response ranks every item, so each bar counts all six.
    assert [bar.count for bar in results[3].bars] == [6, 6, 6]
