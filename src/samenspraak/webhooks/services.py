"""Writes for webhooks: subscribe, unsubscribe, deliver an event, replay a delivery."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.webhooks import cloudevents, signing, targets, tasks
from samenspraak.webhooks.models import Delivery, Subscription
from samenspraak.webhooks.permissions import can_manage_webhooks
from samenspraak.webhooks.selectors import subscriptions_for

MAX_SUBSCRIPTIONS = 20


class AuditAction:
    SUBSCRIBED = "webhooks.subscribed"
    UNSUBSCRIBED = "webhooks.unsubscribed"
    REPLAYED = "webhooks.replayed"


def _check(actor, integration) -> None:
    if not can_manage_webhooks(actor, integration):
        raise PermissionDenied(_("Deze koppeling mag geen webhooks beheren."))


def subscription_create(
    *, actor, integration, target_url: str, event_types, request=None
) -> tuple[Subscription, str]:
    """Subscribe `integration`; return the subscription and its secret (shown only now)."""
    _check(actor, integration)
    target_url = (target_url or "").strip()
    wanted = list(dict.fromkeys(event_types or ()))
    if not cloudevents.configured():
        raise ValidationError(
            _("Webhooks zijn op deze site niet ingesteld (SAMENSPRAAK_OIN ontbreekt).")
        )
    errors = {}
    refused = targets.problem(target_url)
    if refused:
        errors["targetUrl"] = refused
    elif len(target_url) > 500:
        errors["targetUrl"] = _("Het adres mag hoogstens 500 tekens zijn.")
    known = events.event_types()
    unknown = [t for t in wanted if t not in known]
    if unknown:
        errors["eventTypes"] = _("Onbekende soort gebeurtenis: %(types)s. Kies uit: %(known)s.") % {
            "types": ", ".join(unknown),
            "known": ", ".join(sorted(known)),
        }
    elif not wanted:
        errors["eventTypes"] = _("Kies minstens één soort gebeurtenis.")
    if Subscription.objects.filter(integration=integration).count() >= MAX_SUBSCRIPTIONS:
        errors["targetUrl"] = _("Deze koppeling heeft al het grootste aantal abonnementen.")
    if errors:
        raise ValidationError(errors)
    secret = signing.new_secret()
    with transaction.atomic():
        subscription = Subscription.objects.create(
            integration=integration,
            event_types=wanted,
            target_url=target_url,
            secret=secret,
            created_by=actor,
        )
        audit.record(
            actor,
            AuditAction.SUBSCRIBED,
            subscription,
            {"event_types": wanted, "target_url": target_url, "integration": integration.pk},
            request,
        )
    return subscription, secret


def subscription_delete(*, actor, subscription: Subscription, request=None) -> None:
    _check(actor, subscription.integration)
    with transaction.atomic():
        audit.record(
            actor,
            AuditAction.UNSUBSCRIBED,
            subscription,
            {"target_url": subscription.target_url},
            request,
        )
        subscription.delete()


def deliver_event(event: events.Event) -> int:
    """Subscriber of every event (core.events.ALL): one delivery per matching subscription,
    sent by the task queue after commit. Idempotent: a second run adds nothing. Without an
    OIN it fails (core.events retries it), so the event waits until the site is set up."""
    subscriptions = subscriptions_for(event.type)
    if not subscriptions:
        return 0
    body = cloudevents.encode(
        cloudevents.envelope(
            event_id=event.id,
            event_type=event.type,
            occurred_at=event.occurred_at,
            payload=event.payload(),
        )
    )
    made = 0
    for subscription in subscriptions:
        delivery, created = Delivery.objects.get_or_create(
            subscription=subscription,
            event_id=event.id,
            defaults={"event_type": event.type, "body": body},
        )
        if created:
            made += 1
            transaction.on_commit(functools.partial(tasks.enqueue, delivery.pk), robust=True)
    return made


def delivery_replay(*, actor, delivery: Delivery, request=None) -> Delivery:
    """Send a delivery again (the same CloudEvent, the same id: receivers may deduplicate),
    with a fresh round of attempts, whether it arrived or was given up."""
    _check(actor, delivery.subscription.integration)
    if not delivery.subscription.is_active:
        raise ValidationError(_("Dit abonnement staat uit."))
    with transaction.atomic():
        delivery.attempts = 0
        delivery.delivered_at = delivery.failed_at = None
        delivery.next_attempt_at = timezone.now()
        delivery.save(update_fields=["attempts", "delivered_at", "failed_at", "next_attempt_at"])
        audit.record(
            actor, AuditAction.REPLAYED, delivery, {"event_id": str(delivery.event_id)}, request
        )
        transaction.on_commit(lambda: tasks.enqueue(delivery.pk), robust=True)
    return delivery
