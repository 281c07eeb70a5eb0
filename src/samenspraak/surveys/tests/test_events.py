"""A stored survey response emits SurveyResponseSubmitted (core.events): ids, never answers."""

import pytest
from django.core.exceptions import ValidationError

from samenspraak.accounts.factories import UserFactory
from samenspraak.core.models import OutboxEvent
from samenspraak.surveys import services
from samenspraak.surveys.events import SurveyResponseSubmitted
from samenspraak.surveys.tests.conftest import questions

pytestmark = pytest.mark.django_db


def test_a_response_emits_an_event_and_a_refused_one_does_not(survey):
    person = UserFactory()
    first = questions(survey)[0]
    response = services.response_submit(survey=survey, respondent=person, answers={first.pk: 0})
    with pytest.raises(ValidationError):  # once per person
        services.response_submit(survey=survey, respondent=person, answers={first.pk: 1})

    [event] = OutboxEvent.objects.all()
    assert event.type == SurveyResponseSubmitted.type
    assert event.payload == {
        "response_id": response.pk,
        "survey_id": survey.pk,
        "process_id": survey.process_id,
    }
