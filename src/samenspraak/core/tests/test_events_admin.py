"""Staff read domain events and their deliveries in Django admin; nobody edits them there."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.core.models import EventDelivery, OutboxEvent

pytestmark = pytest.mark.django_db


def test_admin_lists_events_with_their_failed_deliveries_read_only(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    admin = StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    event = OutboxEvent.objects.create(
        event_id="3f1c1d1e-0000-4000-8000-000000000001",
        type="nl.samenspraak.consultation.input.answered",
        payload={"input_id": 1},
        occurred_at="2026-12-01T10:00:00Z",
        attempts=2,
        last_error="samenspraak.x.y: RuntimeError: mail server away",
    )
    EventDelivery.objects.create(
        event=event, subscriber="samenspraak.x.y", attempts=2, last_error="mail server away"
    )
    client.force_login(admin)

    listing = client.get(reverse("admin:core_outboxevent_changelist"))
    assert listing.status_code == 200
    assert "nl.samenspraak.consultation.input.answered" in listing.content.decode()
    detail = client.get(reverse("admin:core_outboxevent_change", args=[event.pk]))
    assert detail.status_code == 200
    assert "mail server away" in detail.content.decode()
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:core_outboxevent_add")).status_code == 403
