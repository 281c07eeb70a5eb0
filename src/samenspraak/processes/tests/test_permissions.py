"""Who may manage processes: a matrix of role × the process being before, during or after its
phase. Managing does not depend on the phase; only process managers and administrators may."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.organisations.factories import MunicipalityFactory
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.permissions import can_manage_process, can_view_process

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
WHEN = {
    "before": (5 * DAY, 10 * DAY),
    "during": (-1 * DAY, 10 * DAY),
    "after": (-10 * DAY, -1 * DAY),
}
MANAGES = {
    Role.RESIDENT: False,
    Role.MODERATOR: False,
    Role.COUNCIL_MEMBER: False,
    Role.CLERK: False,
    Role.PROCESS_MANAGER: True,
    Role.ADMINISTRATOR: True,
}


def make_user(role):
    return UserFactory(role=role) if role == Role.RESIDENT else StaffUserFactory(role=role)


def process_in(when):
    start, end = WHEN[when]
    process = ProcessFactory()
    PhaseFactory(process=process, starts_at=timezone.now() + start, ends_at=timezone.now() + end)
    return process


@pytest.mark.parametrize("when", list(WHEN))
@pytest.mark.parametrize("role", list(MANAGES))
def test_manage_pages_by_role_and_phase(client, role, when):
    MunicipalityFactory()
    process = process_in(when)
    user = make_user(role)
    assert can_manage_process(user, process) is MANAGES[role]
    client.force_login(user)
    expected = 200 if MANAGES[role] else 403
    urls = [
        reverse("processes:manage_list"),
        reverse("processes:manage_new"),
        reverse("processes:manage_templates"),
        reverse("processes:manage_calendar"),
        reverse("processes:manage_from_template"),
        reverse("processes:manage_step", args=[process.slug, "doel"]),
        reverse("processes:manage_step", args=[process.slug, "fasen"]),
        reverse("processes:manage_step", args=[process.slug, "publiceren"]),
        reverse("processes:manage_save_template", args=[process.slug]),
    ]
    for url in urls:
        assert client.get(url).status_code == expected, url
    # Writing is refused the same way, and changes nothing.
    response = client.post(reverse("processes:manage_unpublish", args=[process.slug]))
    assert response.status_code == (302 if MANAGES[role] else 403)
    process.refresh_from_db()
    assert process.is_published is not MANAGES[role]


def test_anonymous_people_are_sent_to_log_in(client):
    MunicipalityFactory()
    process = ProcessFactory()
    for url in (
        reverse("processes:manage_list"),
        reverse("processes:manage_step", args=[process.slug, "doel"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "login" in response["Location"]


@pytest.mark.parametrize("role", list(MANAGES))
def test_drafts_are_visible_only_to_managers(role):
    process = ProcessFactory(status="draft")
    assert can_view_process(make_user(role), process) is MANAGES[role]
    assert can_view_process(make_user(role), ProcessFactory()) is True


def test_services_refuse_people_who_do_not_manage():
    from django.core.exceptions import PermissionDenied

    from samenspraak.processes import services

    process = ProcessFactory(status="draft")
    with pytest.raises(PermissionDenied):
        services.process_publish(actor=StaffUserFactory(role=Role.MODERATOR), process=process)
    with pytest.raises(PermissionDenied):
        services.process_create(
            actor=UserFactory(), municipality=process.municipality, title="x", summary="x", goal="x"
        )
