"""Registrations are personal data: export and erasure through accounts.privacy, and the
retention clock deletes them after the assembly while the anonymised publication stays."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from samenspraak.accounts import privacy
from samenspraak.assemblies import services, tasks
from samenspraak.assemblies.models import PoolMember, Registration
from samenspraak.assemblies.tests.test_draw import ready_to_draw
from samenspraak.core.models import AuditLogEntry, OutboxEvent

pytestmark = pytest.mark.django_db


def test_export_and_erase_cover_registrations_by_account_and_by_email(assembly, manager, resident):
    from samenspraak.assemblies.factories import make_ready

    invitations = make_ready(assembly, manager)
    characteristics = {"Leeftijd": "jong", "Opleiding": "laag"}
    services.registration_create(
        assembly=assembly,
        code=invitations[0].code,
        name="Met account",
        phone="06 12345678",
        characteristics=characteristics,
        consent=True,
        user=resident,
    )
    services.registration_create(
        assembly=assembly,
        code=invitations[1].code,
        name="Zonder account",
        email=resident.email.upper(),
        characteristics=characteristics,
        consent=True,
    )
    services.registration_create(
        assembly=assembly,
        code=invitations[2].code,
        name="Iemand anders",
        email="anders@example.org",
        characteristics=characteristics,
        consent=True,
    )
    exported = privacy.export_user_data(resident)["assemblies"]["registrations"]
    assert sorted(r["name"] for r in exported) == ["Met account", "Zonder account"]
    assert exported[0]["characteristics"] == characteristics
    privacy.anonymise_user_data(resident)
    assert list(Registration.objects.values_list("name", flat=True)) == ["Iemand anders"]


def test_retention_clock_erases_after_the_assembly_and_keeps_the_publication(
    assembly, manager, run_draw
):
    ready_to_draw(assembly, manager)
    run_draw(assembly, manager)
    services.publish(actor=manager, assembly=assembly)
    now = timezone.now()
    assert tasks.retention_clock(now) == 0  # the phase still runs
    assert Registration.objects.filter(assembly=assembly).count() == 15
    later = assembly.phase.ends_at + tasks.RETENTION + datetime.timedelta(minutes=1)
    assert tasks.retention_clock(later) == 1
    assert not Registration.objects.filter(assembly=assembly).exists()
    assert tasks.retention_clock(later) == 0  # once
    assembly.refresh_from_db()
    assert assembly.registrations_erased_at is not None
    members = PoolMember.objects.filter(assembly=assembly)
    assert members.count() == 15 and not members.filter(registration__isnull=False).exists()
    assert len(assembly.draw.result["probabilities"]) == 15  # the publication stays
    assert OutboxEvent.objects.filter(
        type="nl.samenspraak.assemblies.registrations.erased"
    ).exists()
    entry = AuditLogEntry.objects.get(action="assemblies.registrations_erased")
    assert entry.actor is None and entry.changes == {"registrations": 15}
