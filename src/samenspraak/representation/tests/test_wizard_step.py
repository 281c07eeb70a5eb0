"""Targets set in the process design: representation's step in the process wizard
("Wie doen mee", after the phases), saved through the same service as its own page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import AuditLogEntry
from samenspraak.representation.models import Target, TargetKind


def step(process, key):
    return reverse("processes:manage_step", args=[process.slug, key])


@pytest.fixture
def manager_client(client, town):
    client.force_login(town["manager"])
    return client


def test_the_targets_step_follows_the_phases_in_the_wizard(manager_client, town):
    process = town["process"]
    page = manager_client.get(step(process, "fasen")).content.decode()
    assert "5. Wie doen mee" in page and "6. Voorbeeld" in page
    # The phases step leads on to it, and it leads on to the preview.
    assert f'href="{step(process, "deelnemers")}">Verder: Wie doen mee' in page
    page = manager_client.get(step(process, "deelnemers")).content.decode()
    assert "stap 5, Wie doen mee" in page
    assert f'href="{step(process, "fasen")}">Vorige stap' in page
    assert f'href="{step(process, "voorbeeld")}">Verder naar het voorbeeld' in page
    assert "Er zijn nog geen doelen." in page


def test_a_target_set_in_the_wizard_is_stored_and_audit_logged(manager_client, town):
    process = town["process"]
    response = manager_client.post(
        step(process, "deelnemers"),
        {"group": f"gebied:{town['north'].pk}", "kind": TargetKind.AT_LEAST, "number": "40"},
    )
    assert response.status_code == 302
    assert response["Location"] == step(process, "deelnemers")  # add another, or go on
    target = Target.objects.get(process=process)
    assert (target.characteristic, target.value, target.number) == (
        "gebied",
        str(town["north"].pk),
        40,
    )
    entry = AuditLogEntry.objects.get(action="representation.target_added")
    assert entry.actor == town["manager"]
    page = manager_client.get(step(process, "deelnemers")).content.decode()
    assert "Noord" in page and "minimaal 40% van de deelnemers" in page


@pytest.mark.parametrize(
    "data, message",
    [
        ({"group": "leeftijd:15-24", "kind": TargetKind.AT_LEAST, "number": "veel"}, "heel getal"),
        ({"group": "leeftijd:15-24", "kind": TargetKind.AT_LEAST, "number": "140"}, "tussen 0"),
        ({"group": "", "kind": TargetKind.AT_LEAST, "number": "20"}, "Kies een groep."),
        ({"group": "leeftijd:99+", "kind": TargetKind.AT_LEAST, "number": "20"}, "geldige keuze"),
    ],
)
def test_bad_input_keeps_what_was_typed_with_a_clear_message(manager_client, town, data, message):
    response = manager_client.post(step(town["process"], "deelnemers"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert f'value="{data["number"]}"' in page
    assert not Target.objects.exists()


def test_a_refusal_of_the_service_shows_on_the_form(manager_client, town):
    """The same target twice: the service refuses it, the wizard says why and keeps the input."""
    process = town["process"]
    data = {"group": "leeftijd:15-24", "kind": TargetKind.AT_LEAST, "number": "20"}
    manager_client.post(step(process, "deelnemers"), data)
    response = manager_client.post(step(process, "deelnemers"), dict(data, number="25"))
    assert response.status_code == 200
    assert 'value="25"' in response.content.decode()
    assert "Voor deze groep is al zo" in response.content.decode()
    assert Target.objects.get().number == 20


def test_deleting_from_the_wizard_comes_back_to_the_step(manager_client, town):
    process = town["process"]
    manager_client.post(
        step(process, "deelnemers"),
        {"group": "geslacht:vrouw", "kind": TargetKind.WITHIN, "number": "5"},
    )
    target = Target.objects.get()
    page = manager_client.get(step(process, "deelnemers")).content.decode()
    delete = reverse("representation:target_delete", args=[process.slug, target.pk])
    link = f"{delete}?terug={step(process, 'deelnemers')}"
    assert link in page
    response = manager_client.post(link)
    assert response["Location"] == step(process, "deelnemers")
    assert not Target.objects.exists()
    # Somewhere else is not a way back: the representation page instead.
    manager_client.post(
        step(process, "deelnemers"),
        {"group": "geslacht:vrouw", "kind": TargetKind.WITHIN, "number": "5"},
    )
    target = Target.objects.get()
    delete = reverse("representation:target_delete", args=[process.slug, target.pk])
    response = manager_client.post(f"{delete}?terug=//example.org/")
    assert response["Location"] == reverse("representation:process", args=[process.slug])


def test_people_who_may_not_set_targets_do_not_see_the_step(client, town):
    """A moderator manages no processes: the wizard is closed to them, this step too."""
    client.force_login(StaffUserFactory(role=Role.MODERATOR))
    assert client.get(step(town["process"], "deelnemers")).status_code == 403


def test_the_step_costs_the_same_queries_with_one_target_or_many(
    manager_client, town, django_assert_max_num_queries
):
    process = town["process"]
    url = step(process, "deelnemers")

    def add(group, number):
        response = manager_client.post(
            url, {"group": group, "kind": TargetKind.AT_LEAST, "number": number}
        )
        assert response.status_code == 302

    add("leeftijd:15-24", "20")
    manager_client.get(url)  # the session and messages settle
    with CaptureQueriesContext(connection) as one:
        assert manager_client.get(url).status_code == 200
    small = len(one)  # now: later requests empty the captured log
    assert small > 0
    for group in ("leeftijd:25-44", "leeftijd:65+", "geslacht:vrouw", "opleiding:laag"):
        add(group, "10")
    add(f"gebied:{town['north'].pk}", "30")
    manager_client.get(url)
    with django_assert_max_num_queries(small):
        page = manager_client.get(url)
    assert page.content.decode().count("Verwijder<span") == 6
