"""Writes for webhooks: subscribe, change, validate, unsubscribe, switch off on 410 Gone and on
again, deliver an event, replay a delivery."""

from __future__ import annotations

import functools

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspraak.core import audit, events
from samenspraak.webhooks import cloudevents, signing, targets, tasks, validation
from samenspraak.webhooks.models import Delivery, Subscription
from samenspraak.webhooks.permissions import can_manage_webhooks, can_oversee_webhooks
from samenspraak.webhooks.selectors import subscriptions_for

MAX_SUBSCRIPTIONS = 20


class AuditAction:
    SUBSCRIBED = "webhooks.subscribed"
    UNSUBSCRIBED = "webhooks.unsubscribed"
    REPLAYED = "webhooks.replayed"
    CHANGED = "webhooks.changed"
    VALIDATED = "webhooks.validated"
    VALIDATION_FAILED = "webhooks.validation_failed"
    GONE = tasks.GONE_ACTION
    REACTIVATED = "webhooks.reactivated"


def _check(actor, integration) -> None:
    if not can_manage_webhooks(actor, integration):
        raise PermissionDenied(_("Deze koppeling mag geen webhooks beheren."))


def _check_owner_or_staff(actor, integration) -> None:
    if not (can_manage_webhooks(actor, integration) or can_oversee_webhooks(actor)):
        raise PermissionDenied(_("U mag deze webhook niet beheren."))


def _target_errors(target_url: str) -> dict:
    refused = targets.problem(target_url)
    if refused:
        return {"targetUrl": refused}
    if len(target_url) > 500:
        return {"targetUrl": _("Het adres mag hoogstens 500 tekens zijn.")}
    return {}


def _event_type_errors(wanted: list[str]) -> dict:
    known = events.event_types()
    unknown = [t for t in wanted if t not in known]
    if unknown:
        return {
            "eventTypes": _("Onbekende soort gebeurtenis: %(types)s. Kies uit: %(known)s.")
            % {"types": ", ".join(unknown), "known": ", ".join(sorted(known))}
        }
    if not wanted:
        return {"eventTypes": _("Kies minstens één soort gebeurtenis.")}
    return {}


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
    errors = {**_target_errors(target_url), **_event_type_errors(wanted)}
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
    subscription_validate(actor=actor, subscription=subscription, request=request)
    return subscription, secret


def subscription_update(
    *, actor, subscription: Subscription, target_url=None, event_types=None, request=None
) -> Subscription:
    """Change the address and/or the event types. A new address is validated again: until
    the receiver there agrees, nothing is sent."""
    _check(actor, subscription.integration)
    changes: dict = {}
    errors: dict = {}
    if target_url is not None:
        target_url = target_url.strip()
        if target_url != subscription.target_url:
            errors.update(_target_errors(target_url))
            changes["target_url"] = [subscription.target_url, target_url]
    if event_types is not None:
        wanted = list(dict.fromkeys(event_types))
        errors.update(_event_type_errors(wanted))
        if wanted != subscription.event_types:
            changes["event_types"] = [subscription.event_types, wanted]
    if errors:
        raise ValidationError(errors)
    if not changes:
        return subscription
    with transaction.atomic():
        fields = []
        if "target_url" in changes:
            subscription.target_url = target_url
            subscription.validated_at = None
            subscription.validation_error = ""
            subscription.allowed_rate = None
            fields += ["target_url", "validated_at", "validation_error", "allowed_rate"]
        if "event_types" in changes:
            subscription.event_types = changes["event_types"][1]
            fields.append("event_types")
        subscription.save(update_fields=fields)
        audit.record(actor, AuditAction.CHANGED, subscription, changes, request)
    if "target_url" in changes:
        subscription_validate(actor=actor, subscription=subscription, request=request)
    return subscription


def subscription_validate(*, actor, subscription: Subscription, request=None) -> bool:
    """Run the validation handshake with the receiver (validation.py) and store the result:
    validated (with the rate it allows) or not, with the reason. Its integration or staff
    who oversee integrations may ask for it. The request to the receiver runs outside any
    database transaction."""
    _check_owner_or_staff(actor, subscription.integration)
    outcome = validation.handshake(subscription.target_url)
    with transaction.atomic():
        locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.target_url != subscription.target_url:
            return False  # changed meanwhile; that change validates its own address
        locked.validated_at = timezone.now() if outcome.ok else None
        locked.validation_error = outcome.error
        locked.allowed_rate = outcome.allowed_rate
        locked.save(update_fields=["validated_at", "validation_error", "allowed_rate"])
        audit.record(
            actor,
            AuditAction.VALIDATED if outcome.ok else AuditAction.VALIDATION_FAILED,
            locked,
            {"target_url": locked.target_url, "allowed_rate": outcome.allowed_rate}
            if outcome.ok
            else {"target_url": locked.target_url, "error": outcome.error},
            request,
        )
    for name in ("validated_at", "validation_error", "allowed_rate"):
        setattr(subscription, name, getattr(locked, name))
    return outcome.ok


def subscription_reactivate(*, actor, subscription: Subscription, request=None) -> bool:
    """Staff switch a subscription on again (after 410 Gone), and the receiver is asked
    again at once: it receives only once it agrees. Returns whether it did."""
    if not can_oversee_webhooks(actor):
        raise PermissionDenied(_("Alleen een beheerder zet een webhook weer aan."))
    if not subscription.integration.is_active:
        raise ValidationError(_("De koppeling van dit abonnement staat uit."))
    with transaction.atomic():
        was = subscription.deactivated_reason
        subscription.is_active = True
        subscription.deactivated_at = None
        subscription.deactivated_reason = ""
        subscription.save(update_fields=["is_active", "deactivated_at", "deactivated_reason"])
        audit.record(actor, AuditAction.REACTIVATED, subscription, {"was": was}, request)
    return subscription_validate(actor=actor, subscription=subscription, request=request)


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
    if delivery.subscription.validated_at is None:
        raise ValidationError(_("De ontvanger van dit abonnement is nog niet gevalideerd."))
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
