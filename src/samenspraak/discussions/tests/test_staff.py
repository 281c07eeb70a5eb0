"""Community-manager tools: who may use them (per role), and what they do."""

from __future__ import annotations

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import AuditLogEntry, OutboxEvent
from samenspraak.discussions import services
from samenspraak.discussions.models import Moderation, Space, SpaceKind
from samenspraak.organisations.factories import AreaFactory

pytestmark = pytest.mark.django_db

ALLOWED = [Role.MODERATOR, Role.PROCESS_MANAGER, Role.ADMINISTRATOR]
REFUSED = [Role.RESIDENT, Role.COUNCIL_MEMBER, Role.CLERK]


def staff_urls(thread):
    return [
        reverse("discussions:manage_list"),
        reverse("discussions:space_create"),
        reverse("discussions:space_edit", args=[thread.space.pk]),
        reverse("discussions:thread_manage", args=[thread.pk]),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_community_managers_reach_the_staff_pages(client, thread, role):
    client.force_login(StaffUserFactory(role=role))
    for url in staff_urls(thread):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", REFUSED)
def test_other_roles_get_403(client, thread, role):
    user = UserFactory(role=role) if role == Role.RESIDENT else StaffUserFactory(role=role)
    client.force_login(user)
    for url in staff_urls(thread):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("discussions:thread_manage", args=[thread.pk]), {"action": "pin"}
    )
    assert response.status_code == 403
    thread.refresh_from_db()
    assert not thread.pinned


def test_anonymous_goes_to_log_in(client, thread):
    for url in staff_urls(thread):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url


@pytest.mark.forged_session
def test_staff_without_the_second_factor_in_this_session_is_sent_away(client, thread):
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    response = client.get(reverse("discussions:manage_list"))
    assert response.status_code == 302


def test_services_refuse_people_without_the_role(thread, resident):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.thread_close(actor=resident, thread=thread, reason="Weg ermee")
    with pytest.raises(PermissionDenied):
        services.summary_write(actor=resident, thread=thread, summary="Samenvatting")
    with pytest.raises(PermissionDenied):
        services.thread_pin(actor=resident, thread=thread, pinned=True)


def test_create_a_space_with_house_rules(client, municipality, moderator):
    area = AreaFactory(municipality=municipality, name="Oost")
    client.force_login(moderator)
    response = client.post(
        reverse("discussions:space_create"),
        {
            "name": "Buurtgesprek Oost",
            "kind": SpaceKind.AREA,
            "area": area.pk,
            "intro": "Praat mee over **Oost**.",
            "house_rules": "Over de buurt: alleen onderwerpen uit Oost\nGeen namen",
            "moderation": Moderation.PRE,
            "is_open": "on",
        },
    )
    assert response.status_code == 302
    space = Space.objects.get()
    assert (
        space.slug == "buurtgesprek-oost" and space.area == area and space.created_by == moderator
    )
    assert space.rule_list() == [
        ("Over de buurt", "alleen onderwerpen uit Oost"),
        ("Geen namen", ""),
    ]
    assert AuditLogEntry.objects.filter(action="discussions.space_created").exists()
    page = client.get(space.get_absolute_url()).content.decode()
    assert "<strong>Oost</strong>" in page and "alleen onderwerpen uit Oost" in page


def test_an_area_space_needs_an_area(client, municipality, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("discussions:space_create"),
        {"name": "Zonder gebied", "kind": SpaceKind.AREA, "moderation": Moderation.POST},
    )
    assert response.status_code == 400
    assert "Kies het gebied van dit buurtgesprek." in response.content.decode()
    assert "Zonder gebied" in response.content.decode()
    assert not Space.objects.exists()


def test_close_needs_a_reason_then_reopen(client, thread, moderator):
    client.force_login(moderator)
    url = reverse("discussions:thread_manage", args=[thread.pk])
    response = client.post(url, {"action": "close", "reason": ""})
    assert response.status_code == 400
    assert "Schrijf de reden op." in response.content.decode()
    client.post(url, {"action": "close", "reason": "Alles is gezegd."})
    thread.refresh_from_db()
    assert not thread.is_open and thread.closed_reason == "Alles is gezegd."
    client.post(url, {"action": "reopen", "reason": "Er is nieuws."})
    thread.refresh_from_db()
    assert thread.is_open and thread.closed_reason == ""
    actions = list(
        AuditLogEntry.objects.filter(action__startswith="discussions.thread").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["discussions.thread_closed", "discussions.thread_reopened"]
    types = set(OutboxEvent.objects.values_list("type", flat=True))
    assert {
        "nl.samenspraak.discussions.thread.closed",
        "nl.samenspraak.discussions.thread.reopened",
    } <= types


def test_pin_and_summary(client, thread, manager):
    client.force_login(manager)
    url = reverse("discussions:thread_manage", args=[thread.pk])
    client.post(url, {"action": "pin"})
    thread.refresh_from_db()
    assert thread.pinned
    response = client.post(
        url, {"action": "summary", "summary": "Voor: meer groen. Tegen: kosten."}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.summary_by == manager and thread.summary_at is not None
    assert OutboxEvent.objects.filter(type="nl.samenspraak.discussions.summary.written").exists()
    response = client.post(url, {"action": "summary", "summary": "x" * 5001})
    assert response.status_code == 400
    assert "Maximaal 5000 tekens" in response.content.decode()


def test_the_intro_preview_saves_nothing(client, municipality, moderator):
    area = AreaFactory(municipality=municipality)
    client.force_login(moderator)
    response = client.post(
        reverse("discussions:space_create"),
        {
            "name": "Buurtgesprek",
            "kind": SpaceKind.AREA,
            "area": area.pk,
            "intro": "Praat **mee**.",
            "moderation": Moderation.POST,
            "voorbeeld": "1",
        },
    )
    assert response.status_code == 200
    assert "<strong>mee</strong>" in response.content.decode()
    assert not Space.objects.exists()
