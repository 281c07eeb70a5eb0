"""Surveys' section of Mijn Samenspraak: the surveys the person filled in, with the outcomes once
they may be seen."""

import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts.factories import UserFactory
from samenspraak.processes.factories import PhaseFactory
from samenspraak.surveys import sections
from samenspraak.surveys.factories import SurveyFactory
from samenspraak.surveys.models import PHASE_KIND, Response

pytestmark = pytest.mark.django_db


def test_responses_say_when_the_outcomes_can_be_seen(django_assert_num_queries):
    user = UserFactory()
    running = SurveyFactory(title="Loopt")
    now = timezone.now()
    over = SurveyFactory(
        title="Voorbij",
        phase=PhaseFactory(
            kind=PHASE_KIND,
            starts_at=now - datetime.timedelta(days=9),
            ends_at=now - datetime.timedelta(days=2),
        ),
    )
    Response.objects.create(survey=running, respondent=user)
    Response.objects.create(survey=over, respondent=user)
    Response.objects.create(survey=over, respondent=UserFactory())
    Response.objects.create(survey=over)  # anonymous

    with django_assert_num_queries(1):
        shown = {r.survey.title: r.results_open for r in sections.mine_responses(user)["responses"]}

    assert shown == {"Loopt": False, "Voorbij": True}


def test_no_responses_shows_no_section():
    Response.objects.create(survey=SurveyFactory())
    assert sections.mine_responses(UserFactory()) is None
