"""Who may open which page: a role × page matrix, plus the second factor on staff pages."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.processes.models import ProcessStatus
from samenspraak.representation.models import ProcessSetting

STAFF_PAGES = ["overview", "import", "process", "paper"]
ROLES = [
    None,
    Role.RESIDENT,
    Role.MODERATOR,
    Role.COUNCIL_MEMBER,
    Role.PROCESS_MANAGER,
    Role.ADMINISTRATOR,
]


def url(name, process):
    if name in {"overview", "import"}:
        return reverse(f"representation:{name}")
    return reverse(f"representation:{name}", args=[process.slug])


def log_in(client, role):
    if role is None:
        return None
    user = UserFactory() if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages(client, town, role, name):
    log_in(client, role)
    response = client.get(url(name, town["process"]))
    if role is None:
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    elif role in {Role.PROCESS_MANAGER, Role.ADMINISTRATOR}:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_publishing_is_for_managers(client, town, role):
    log_in(client, role)
    process = town["process"]
    client.post(reverse("representation:publish", args=[process.slug]), {"openbaar": "ja"})
    published = ProcessSetting.objects.filter(process=process, published=True).exists()
    assert published is (role in {Role.PROCESS_MANAGER, Role.ADMINISTRATOR})


@pytest.mark.forged_session
def test_staff_pages_need_the_second_factor(client, town):
    client.force_login(town["manager"])
    response = client.get(reverse("representation:overview"))
    assert response.status_code == 302


@pytest.mark.parametrize("role", ROLES)
def test_public_figures_only_once_published(client, town, role):
    process = town["process"]
    log_in(client, role)
    figures = reverse("representation:figures", args=[process.slug])
    manager = role in {Role.PROCESS_MANAGER, Role.ADMINISTRATOR}
    assert client.get(figures).status_code == (200 if manager else 404)
    ProcessSetting.objects.create(process=process, published=True)
    assert client.get(figures).status_code == 200
    process.status = ProcessStatus.DRAFT
    process.save()
    assert client.get(figures).status_code == (200 if manager else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_residents_answer(client, town, role):
    log_in(client, role)
    response = client.get(reverse("representation:questions", args=[town["process"].slug]))
    if role is None:
        assert response.status_code == 302
    elif role == Role.RESIDENT:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "Medewerkers van de gemeente beantwoorden deze vragen niet" in (
            response.content.decode()
        )


def test_no_questions_on_a_draft(client, town):
    process = town["process"]
    process.status = ProcessStatus.DRAFT
    process.save()
    client.force_login(UserFactory())
    assert client.get(reverse("representation:questions", args=[process.slug])).status_code == 404
