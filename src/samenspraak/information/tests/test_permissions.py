"""Who may manage and follow a process's information: role x before/during/after the phase.

Information does not depend on the phase: the answer is the same in every phase, which is
exactly what the matrix checks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.information import services
from samenspraak.information.models import Follow
from samenspraak.information.permissions import can_follow, can_manage_information
from samenspraak.processes.factories import PhaseFactory, ProcessFactory
from samenspraak.processes.models import ProcessStatus

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", Role.RESIDENT, Role.MODERATOR, Role.PROCESS_MANAGER, Role.ADMINISTRATOR]
MANAGES = {Role.PROCESS_MANAGER, Role.ADMINISTRATOR}
FOLLOWS = {Role.RESIDENT, Role.MODERATOR, Role.PROCESS_MANAGER, Role.ADMINISTRATOR}
MOMENTS = ["before", "during", "after"]


def make_user(role):
    from django.contrib.auth.models import AnonymousUser

    if role == "anonymous":
        return AnonymousUser()
    if role == Role.RESIDENT:
        return UserFactory()
    return StaffUserFactory(role=role)


def process_at(moment):
    process = ProcessFactory()
    now = timezone.now()
    day = datetime.timedelta(days=1)
    starts = {"before": now + day, "during": now - day, "after": now - 10 * day}[moment]
    PhaseFactory(
        process=process, kind="processes.inform", starts_at=starts, ends_at=starts + 5 * day
    )
    return process


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("role", ROLES)
def test_only_process_managers_and_administrators_manage_information(role, moment):
    """Updates, documents and questions are written by process managers and administrators,
    in every phase; residents, moderators and anonymous visitors are refused by the service."""
    process = process_at(moment)
    user = make_user(role)
    allowed = role in MANAGES
    assert can_manage_information(user, process) is allowed
    writes = [
        lambda: services.update_create(actor=user, process=process, title="Nieuws", body="Tekst"),
        lambda: services.document_create(
            actor=user, process=process, title="Besluit", url="https://example.org/besluit.pdf"
        ),
        lambda: services.faq_create(actor=user, process=process, question="Wat?", answer="Dit."),
    ]
    for write in writes:
        if allowed:
            assert write().pk
        else:
            with pytest.raises(PermissionDenied):
                write()


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("role", ROLES)
def test_every_logged_in_person_can_follow_a_published_process(role, moment):
    """Following needs a log-in, nothing more, in every phase."""
    process = process_at(moment)
    user = make_user(role)
    allowed = role in FOLLOWS
    assert can_follow(user, process) is allowed
    if allowed:
        services.follow(user=user, process=process)
        assert Follow.objects.filter(user=user, process=process).exists()
    else:
        with pytest.raises(PermissionDenied):
            services.follow(user=user, process=process)


def test_a_draft_process_cannot_be_followed():
    """Nobody follows a process that is not published yet."""
    process = ProcessFactory(status=ProcessStatus.DRAFT, published_at=None)
    with pytest.raises(PermissionDenied):
        services.follow(user=UserFactory(), process=process)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), (Role.RESIDENT, 403), (Role.MODERATOR, 403), (Role.PROCESS_MANAGER, 200)],
)
def test_staff_information_page_is_for_managers_only(client, role, expected):
    """The management page sends anonymous visitors to log in and refuses other roles."""
    process = ProcessFactory()
    user = make_user(role)
    if role != "anonymous":
        client.force_login(user)
    response = client.get(f"/beheer/processen/{process.slug}/informatie/")
    assert response.status_code == expected
