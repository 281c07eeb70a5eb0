"""Sending a delivery through the task queue, with retries and backoff.

One attempt: lock the delivery, POST its CloudEvent (signed) to the address checked just now
(targets.resolve/request: one DNS lookup, no redirects) with a timeout, record the answer. 2xx
is delivered; 410 Gone switches the subscription off (no more retries, until staff switch it
on); anything else (or no answer) is retried after core.events' backoff (30 s, 1 min, 2 min,
... at most an hour) as a deferred task; after MAX_ATTEMPTS it is given up (failed_at) and stays
in the log for replay. A receiver that allowed N requests a minute (WebHook-Allowed-Rate) gets
no more: a delivery over the rate waits, without using up an attempt.
"""

from __future__ import annotations

import datetime
import logging
import time

import urllib3
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task, task_backends

from samenspraak.core import audit, events
from samenspraak.webhooks import cloudevents, signing, targets, validation
from samenspraak.webhooks.models import Delivery, Subscription
from samenspraak.webhooks.selectors import attempts_in_last_minute

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
GONE = 410
#: Audit action when a receiver's 410 switches its subscription off (services.AuditAction).
GONE_ACTION = "webhooks.gone"


def timeout() -> float:
    return float(getattr(settings, "SAMENSPRAAK_WEBHOOKS_TIMEOUT", 10))


def enqueue(delivery_id: int, *, run_after: datetime.datetime | None = None) -> None:
    """Queue an attempt; if the queue is down the sweep (`webhooks_deliver`) sends it later."""
    try:
        if run_after is None:
            send_delivery.enqueue(delivery_id)
        elif task_backends[send_delivery.backend].supports_defer:
            send_delivery.using(run_after=run_after).enqueue(delivery_id)
    except Exception:
        logger.exception("webhooks: could not queue delivery %s", delivery_id)


@task()
def send_delivery(delivery_id: int) -> str:
    return attempt(delivery_id)


def _post(delivery: Delivery) -> tuple[int | None, str]:
    """(status code or None, error text) of one POST."""
    subscription = delivery.subscription
    try:
        target = targets.resolve(subscription.target_url)
    except targets.Refused as refused:
        return None, refused.message
    headers = {
        "Content-Type": f"{cloudevents.CONTENT_TYPE}; charset=utf-8",
        # After the handshake every delivery names its origin (http-webhook.md §4.1.2).
        "WebHook-Request-Origin": validation.origin(),
        **signing.headers(subscription.secret, str(delivery.event_id), delivery.body),
    }
    try:
        answer = targets.request(
            "POST", target, headers=headers, body=delivery.body.encode(), timeout=timeout()
        )
    except urllib3.exceptions.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"
    if 200 <= answer.status < 300:
        return answer.status, ""
    return answer.status, f"HTTP {answer.status}: {answer.text[:500]}"


def switch_off_gone(subscription: Subscription, delivery: Delivery) -> None:
    """The receiver answered 410 Gone: it wants nothing more. Switch the subscription off (no
    more retries or deliveries) until staff switch it on again (services.
    subscription_reactivate); written to the audit log as the system's doing."""
    if not subscription.is_active:
        return
    subscription.is_active = False
    subscription.deactivated_at = timezone.now()
    subscription.deactivated_reason = _("De ontvanger antwoordde 410 Gone (aflevering %(id)s).") % {
        "id": delivery.pk
    }
    subscription.save(update_fields=["is_active", "deactivated_at", "deactivated_reason"])
    audit.record(
        None,
        GONE_ACTION,
        subscription,
        {"target_url": subscription.target_url, "delivery": delivery.pk, "status": GONE},
        system=True,
    )


def attempt(delivery_id: int, *, now: datetime.datetime | None = None) -> str:
    """Try one delivery. Returns "delivered", "retry", "failed", "gone" (410: subscription
    switched off), "throttled" (over the receiver's rate: tried later), "done" (nothing left
    to do), "busy" (another worker has it) or "missing"."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "busy" if Delivery.objects.filter(pk=delivery_id).exists() else "missing"
        if delivery.delivered_at or delivery.failed_at:
            return "done"
        subscription = delivery.subscription
        if not subscription.receives:
            delivery.failed_at = timezone.now()
            delivery.last_error = (
                "subscription inactive" if not subscription.is_active else "not validated"
            )
            delivery.save(update_fields=["failed_at", "last_error"])
            return "failed"
        current = now or timezone.now()
        if subscription.allowed_rate and (
            attempts_in_last_minute(subscription.pk, now=current) >= subscription.allowed_rate
        ):
            delivery.next_attempt_at = current + datetime.timedelta(seconds=60)
            delivery.save(update_fields=["next_attempt_at"])
            retry_at, pk = delivery.next_attempt_at, delivery.pk
            transaction.on_commit(lambda: enqueue(pk, run_after=retry_at), robust=True)
            return "throttled"
        started = time.monotonic()
        status, error = _post(delivery)
        delivery.response_ms = int((time.monotonic() - started) * 1000)
        delivery.status_code = status
        delivery.attempts += 1
        delivery.last_attempt_at = current
        delivery.last_error = error[:2000]
        fields = [
            "response_ms",
            "status_code",
            "attempts",
            "last_attempt_at",
            "last_error",
            "next_attempt_at",
        ]
        if not error:
            delivery.delivered_at, delivery.next_attempt_at = timezone.now(), None
            delivery.save(update_fields=[*fields, "delivered_at"])
            return "delivered"
        logger.warning("webhooks: delivery %s failed: %s", delivery.pk, delivery.last_error)
        if status == GONE:
            delivery.failed_at, delivery.next_attempt_at = timezone.now(), None
            delivery.last_error = (error + " (abonnement uitgezet)")[:2000]
            delivery.save(update_fields=[*fields, "failed_at"])
            switch_off_gone(subscription, delivery)
            return "gone"
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.failed_at, delivery.next_attempt_at = timezone.now(), None
            delivery.save(update_fields=[*fields, "failed_at"])
            return "failed"
        delivery.next_attempt_at = current + events.backoff(delivery.attempts)
        delivery.save(update_fields=fields)
        retry_at, pk = delivery.next_attempt_at, delivery.pk
        transaction.on_commit(lambda: enqueue(pk, run_after=retry_at), robust=True)
        return "retry"
