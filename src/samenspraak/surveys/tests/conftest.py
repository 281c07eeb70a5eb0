import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.surveys.factories import QuestionFactory, SurveyFactory
from samenspraak.surveys.models import QuestionKind


@pytest.fixture
def survey(db):
    """A running survey with one question of each kind; question 2 only shows after 'Ja'."""
    survey = SurveyFactory()
    QuestionFactory(
        survey=survey,
        order=0,
        kind=QuestionKind.SINGLE,
        text="Komt u op het plein?",
        choices=["Ja", "Nee"],
    )
    first = survey.questions.get()
    QuestionFactory(
        survey=survey,
        order=1,
        kind=QuestionKind.MULTIPLE,
        text="Wat doet u daar?",
        choices=["Winkelen", "Spelen", "Zitten"],
        show_if_question=first,
        show_if_values=[0],
    )
    QuestionFactory(
        survey=survey,
        order=2,
        kind=QuestionKind.SCALE,
        text="Hoe tevreden?",
        scale_min=1,
        scale_max=5,
        scale_min_label="Slecht",
        scale_max_label="Goed",
    )
    QuestionFactory(
        survey=survey, order=3, kind=QuestionKind.OPEN, text="Wat mist u?", required=False
    )
    QuestionFactory(
        survey=survey,
        order=4,
        kind=QuestionKind.RANKING,
        text="Wat eerst?",
        choices=["Bomen", "Bankjes", "Speeltoestellen"],
    )
    return survey


def questions(survey):
    return list(survey.questions.order_by("order"))


def valid_post(survey, **overrides):
    q = questions(survey)
    data = {
        f"q{q[0].pk}": "0",
        f"q{q[1].pk}": ["0", "2"],
        f"q{q[2].pk}": "4",
        f"q{q[3].pk}": "Meer groen",
        f"q{q[4].pk}_r0": "2",
        f"q{q[4].pk}_r1": "1",
        f"q{q[4].pk}_r2": "3",
    }
    data.update(overrides)
    return data


def set_phase(survey, when):
    """Move the survey's phase so that now is before, during or after it."""
    now = timezone.now()
    day = datetime.timedelta(days=1)
    starts, ends = {
        "before": (now + day, now + 8 * day),
        "during": (now - day, now + 7 * day),
        "after": (now - 8 * day, now - day),
    }[when]
    phase = survey.phase
    phase.starts_at, phase.ends_at = starts, ends
    phase.save()


def user_with_role(role):
    if role is None:
        return None
    if role == Role.RESIDENT:
        return UserFactory()
    return StaffUserFactory(role=role)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff users get a password; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def add_responses(survey, answers_list):
    """Store responses through the service's storage (no permission check: setup only)."""
    from samenspraak.surveys.models import Response
    from samenspraak.surveys.services import _store_answers

    qs = {q.pk: q for q in survey.questions.all()}
    for answers in answers_list:
        response = Response.objects.create(survey=survey)
        _store_answers(response, qs, answers)
