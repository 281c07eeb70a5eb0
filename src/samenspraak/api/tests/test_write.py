"""Writes for integrations: token, scope, the same services (and rules) as the staff pages."""

import json

import pytest

from samenspraak.accounts.models import Role
from samenspraak.api.tests.conftest import bearer, make_token

pytestmark = pytest.mark.django_db

ANSWER = {
    "body": "Dank u wel. We zetten er drie bankjes bij.",
    "outcome": "adopted",
    "reason": "Past in het ontwerp.",
}


def post(client, url, data, token=None, **extra):
    headers = bearer(token) if token else {}
    return client.post(
        url, data=json.dumps(data), content_type="application/json", **headers, **extra
    )


def test_answer_an_input_with_a_token(api, world, manager, answer_token):
    from samenspraak.core.models import AuditLogEntry

    item = world.inputs[0]
    response = post(api, f"/api/v1/inputs/{item.pk}/answer", ANSWER, answer_token)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "answered"
    assert response.json()["answer"]["outcome"] == "adopted"
    item.refresh_from_db()
    assert item.answer.answered_by == manager
    assert AuditLogEntry.objects.filter(
        action="consultation.input_answered", actor=manager
    ).exists()


def test_staff_can_answer_input_of_a_draft_process(api, world, answer_token):
    response = post(api, f"/api/v1/inputs/{world.draft_input.pk}/answer", ANSWER, answer_token)
    assert response.status_code == 200


def test_writes_need_a_valid_token_with_the_scope(api, world, manager, update_token):
    url = f"/api/v1/inputs/{world.inputs[0].pk}/answer"
    assert post(api, url, ANSWER).status_code == 401
    assert post(api, url, ANSWER).has_header("WWW-Authenticate")
    assert post(api, url, ANSWER, "ssp_abc_def").status_code == 401
    assert post(api, url, ANSWER, "onzin").status_code == 401
    # A token for updates does not answer input.
    response = post(api, url, ANSWER, update_token)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    integration, token = make_token(manager, "inputs:answer")
    integration.is_active = False
    integration.save()
    assert post(api, url, ANSWER, token).status_code == 401


def test_the_staff_member_behind_the_token_must_still_be_allowed(api, world, manager):
    integration, token = make_token(manager, "inputs:answer")
    manager.role = Role.RESIDENT
    manager.save()
    response = post(api, f"/api/v1/inputs/{world.inputs[0].pk}/answer", ANSWER, token)
    assert response.status_code == 403


def test_a_staff_session_is_no_way_in(api, world, manager):
    """No session authentication on the API: a logged-in staff member without a token (and so
    without a CSRF token either) cannot write."""
    api.force_login(manager)
    response = post(api, f"/api/v1/inputs/{world.inputs[0].pk}/answer", ANSWER)
    assert response.status_code == 401


def test_every_rule_broken_is_listed(api, world, answer_token):
    bad = {"body": "Kort", "outcome": "adopted", "reason": "Nee"}
    response = post(api, f"/api/v1/inputs/{world.inputs[0].pk}/answer", bad, answer_token)
    assert response.status_code == 400
    params = {row["name"]: row["reason"] for row in response.json()["invalidParams"]}
    assert set(params) == {"body", "reason"}
    assert params["reason"] == "Leg uit waarom: schrijf minstens 5 tekens."
    missing = post(api, f"/api/v1/inputs/{world.inputs[0].pk}/answer", {}, answer_token)
    assert {row["name"] for row in missing.json()["invalidParams"]} == {
        "body",
        "outcome",
        "reason",
    }


def test_not_json_is_a_problem_not_a_crash(api, world, answer_token):
    response = api.post(
        f"/api/v1/inputs/{world.inputs[0].pk}/answer",
        data="body=hallo",
        content_type="application/x-www-form-urlencoded",
        **bearer(answer_token),
    )
    assert response.status_code == 415
    assert response["Content-Type"] == "application/problem+json"
    broken = api.post(
        f"/api/v1/inputs/{world.inputs[0].pk}/answer",
        data="{kapot",
        content_type="application/json",
        **bearer(answer_token),
    )
    assert broken.status_code == 400


def test_publish_an_update(api, world, manager, update_token):
    from samenspraak.information.models import Update

    data = {"title": "Het ontwerp is klaar", "body": "<p>Bekijk het ontwerp.</p><script>x</script>"}
    response = post(api, "/api/v1/processes/plein/updates", data, update_token)
    assert response.status_code == 201, response.content
    update = Update.objects.get(pk=response.json()["id"])
    assert update.author == manager and update.body == data["body"]  # kept as written
    assert response.json()["bodyHtml"] == "<p>Bekijk het ontwerp.</p>"  # as the site shows it
    listed = api.get("/api/v1/processes/plein/updates").json()["results"]
    assert [u["title"] for u in listed] == ["Het ontwerp is klaar"]
    empty = post(api, "/api/v1/processes/plein/updates", {"title": "", "body": ""}, update_token)
    assert {row["name"] for row in empty.json()["invalidParams"]} == {"title", "body"}


def test_rate_limit_per_integration(api, world, manager, settings):
    settings.SAMENSPRAAK_API_RATE_LIMIT = "2/m"
    _one, first = make_token(manager, "inputs:answer")
    _two, second = make_token(manager, "inputs:answer")
    url = f"/api/v1/inputs/{world.inputs[0].pk}/answer"
    assert post(api, url, ANSWER, first).status_code == 200
    assert post(api, url, ANSWER, first).status_code == 200
    limited = post(api, url, ANSWER, first)
    assert limited.status_code == 429
    assert limited.has_header("Retry-After")
    assert limited.json()["detail"].startswith("Probeer het over")
    assert post(api, url, ANSWER, second).status_code == 200  # another integration's own count
