"""Permission matrix: role x before/during/after the survey phase."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samenspraak.accounts.models import Role
from samenspraak.processes.models import ProcessStatus
from samenspraak.surveys import permissions
from samenspraak.surveys.models import Response
from samenspraak.surveys.tests.conftest import set_phase, user_with_role, valid_post

pytestmark = pytest.mark.django_db

R, M, PM, CM, CL, A = (
    Role.RESIDENT,
    Role.MODERATOR,
    Role.PROCESS_MANAGER,
    Role.COUNCIL_MEMBER,
    Role.CLERK,
    Role.ADMINISTRATOR,
)
ALL = [None, R, M, PM, CM, CL, A]


def _expected(table, role, when):
    return role in table[when]


RESPOND = {"before": set(), "during": {R}, "after": set()}
EDIT = {"before": {PM, A}, "during": set(), "after": set()}
RESULTS = {"before": {M, PM, CM, CL, A}, "during": {M, PM, CM, CL, A}, "after": set(ALL)}


@pytest.mark.parametrize("when", ["before", "during", "after"])
@pytest.mark.parametrize("role", ALL)
def test_permission_matrix(survey, role, when):
    set_phase(survey, when)
    user = user_with_role(role) or AnonymousUser()
    assert permissions.can_respond(user, survey) is _expected(RESPOND, role, when)
    assert permissions.can_edit(user, survey) is _expected(EDIT, role, when)
    assert permissions.can_view_results(user, survey) is _expected(RESULTS, role, when)
    assert permissions.can_export(user) is (role in {M, PM, CM, CL, A})
    assert permissions.can_manage_surveys(user) is (role in {PM, A})


@pytest.mark.parametrize("when", ["before", "during", "after"])
def test_anonymous_may_respond_only_during_phase_when_allowed(survey, when):
    survey.allow_anonymous = True
    survey.save()
    set_phase(survey, when)
    assert permissions.can_respond(AnonymousUser(), survey) is (when == "during")


def test_nobody_responds_to_an_unpublished_process(survey):
    survey.process.status = ProcessStatus.DRAFT
    survey.process.save()
    assert not permissions.can_respond(user_with_role(R), survey)


@pytest.mark.parametrize("when", ["before", "during", "after"])
@pytest.mark.parametrize("role", ALL)
def test_respond_page_by_role_and_phase(client, survey, role, when):
    set_phase(survey, when)
    user = user_with_role(role)
    if user:
        client.force_login(user)
    url = reverse("surveys:respond", args=[survey.process.slug, survey.pk])
    response = client.post(url, valid_post(survey))
    allowed = _expected(RESPOND, role, when)
    assert response.status_code == (302 if allowed else 403)
    assert Response.objects.count() == (1 if allowed else 0)


@pytest.mark.parametrize("when", ["before", "during", "after"])
@pytest.mark.parametrize("role", ALL)
def test_results_page_by_role_and_phase(client, survey, role, when):
    set_phase(survey, when)
    user = user_with_role(role)
    if user:
        client.force_login(user)
    url = reverse("surveys:results", args=[survey.process.slug, survey.pk])
    assert client.get(url).status_code == (200 if _expected(RESULTS, role, when) else 403)


@pytest.mark.parametrize("role", ALL)
def test_builder_pages_by_role(client, survey, role):
    set_phase(survey, "before")
    user = user_with_role(role)
    if user:
        client.force_login(user)
    url = reverse("surveys:question_add", args=[survey.process.slug, survey.pk])
    response = client.get(url)
    if role is None:
        assert response.status_code == 302 and "login" in response["Location"]
    else:
        assert response.status_code == (200 if role in {PM, A} else 403)


@pytest.mark.parametrize("when", ["during", "after"])
def test_questions_are_locked_once_the_survey_has_started(client, survey, when):
    set_phase(survey, when)
    client.force_login(user_with_role(PM))
    url = reverse("surveys:question_add", args=[survey.process.slug, survey.pk])
    response = client.post(url, {"kind": "open", "text": "Nog een vraag"}, follow=True)
    assert "kunnen niet meer worden gewijzigd" in response.content.decode()
    assert survey.questions.count() == 5


@pytest.mark.parametrize("role", ALL)
def test_csv_export_by_role(client, survey, role):
    user = user_with_role(role)
    if user:
        client.force_login(user)
    response = client.get(reverse("surveys:export", args=[survey.process.slug, survey.pk]))
    if role is None:
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in {M, PM, CM, CL, A} else 403)
