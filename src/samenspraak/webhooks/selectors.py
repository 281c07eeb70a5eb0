"""Reads for webhooks: an integration's subscriptions and deliveries, what is due."""

from __future__ import annotations

import datetime

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from samenspraak.webhooks.models import Delivery, Subscription

#: The sweep leaves deliveries this young to their own task.
SWEEP_GRACE_SECONDS = 60


def subscriptions_of(integration) -> QuerySet[Subscription]:
    return Subscription.objects.filter(integration=integration).order_by("pk")


def subscriptions_for(event_type: str) -> list[Subscription]:
    """Active, validated subscriptions of active integrations that asked for `event_type`
    (an unvalidated receiver gets nothing: validation.py).

    One query. PostgreSQL picks the matching lists itself (JSON containment); SQLite, the
    embedded default of `make run`, has no such lookup, so there the few active subscriptions
    are read and matched here."""
    active = Subscription.objects.filter(
        is_active=True, validated_at__isnull=False, integration__is_active=True
    ).order_by("pk")
    if connection.features.supports_json_field_contains:
        return list(active.filter(event_types__contains=[event_type]))
    return [item for item in active if event_type in (item.event_types or [])]


def attempts_in_last_minute(subscription_id: int, *, now: datetime.datetime) -> int:
    """Deliveries to this subscription tried in the last minute (for WebHook-Allowed-Rate)."""
    since = now - datetime.timedelta(minutes=1)
    return Delivery.objects.filter(
        subscription_id=subscription_id, last_attempt_at__gt=since
    ).count()


def deliveries_of(integration) -> QuerySet[Delivery]:
    return (
        Delivery.objects.filter(subscription__integration=integration)
        .select_related("subscription")
        .order_by("-pk")
    )


def due_deliveries(*, now: datetime.datetime | None = None) -> QuerySet[Delivery]:
    """Deliveries not yet done nor given up whose task was lost or whose retry is due."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        Q(next_attempt_at__isnull=True, created_at__lte=now - datetime.timedelta(seconds=60))
        | Q(next_attempt_at__lte=now),
        delivered_at__isnull=True,
        failed_at__isnull=True,
    ).order_by("pk")


def public_process_slug(process_id: int) -> str | None:
    from samenspraak.processes.selectors import published

    return published().filter(pk=process_id).values_list("slug", flat=True).first()
