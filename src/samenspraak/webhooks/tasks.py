"""Sending a delivery through the task queue, with retries and backoff.

One attempt: lock the delivery, POST its CloudEvent (signed) with a timeout and without
following redirects, record the answer. 2xx is delivered; anything else (or no answer) is
retried after core.events' backoff (30 s, 1 min, 2 min, ... at most an hour) as a deferred task;
after MAX_ATTEMPTS it is given up (failed_at) and stays in the log for replay.
"""

from __future__ import annotations

import datetime
import logging
import time

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from samenspraak.core import events
from samenspraak.webhooks import cloudevents, signing, targets
from samenspraak.webhooks.models import Delivery

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
USER_AGENT = "Samenspraak-Webhooks/1"


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
    refused = targets.problem(subscription.target_url, resolve=True)
    if refused:
        return None, refused
    headers = {
        "Content-Type": f"{cloudevents.CONTENT_TYPE}; charset=utf-8",
        "User-Agent": USER_AGENT,
        **signing.headers(subscription.secret, str(delivery.event_id), delivery.body),
    }
    try:
        response = requests.post(
            subscription.target_url,
            data=delivery.body.encode(),
            headers=headers,
            timeout=timeout(),
            allow_redirects=False,
        )
    except requests.RequestException as error:
        return None, f"{type(error).__name__}: {error}"
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"


def attempt(delivery_id: int, *, now: datetime.datetime | None = None) -> str:
    """Try one delivery. Returns "delivered", "retry", "failed", "done" (nothing left to do),
    "busy" (another worker has it) or "gone"."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None:
            return "busy" if Delivery.objects.filter(pk=delivery_id).exists() else "gone"
        if delivery.delivered_at or delivery.failed_at:
            return "done"
        if not delivery.subscription.is_active:
            delivery.failed_at = timezone.now()
            delivery.last_error = "subscription inactive"
            delivery.save(update_fields=["failed_at", "last_error"])
            return "failed"
        started = time.monotonic()
        status, error = _post(delivery)
        delivery.response_ms = int((time.monotonic() - started) * 1000)
        delivery.status_code = status
        delivery.attempts += 1
        delivery.last_error = error[:2000]
        fields = ["response_ms", "status_code", "attempts", "last_error", "next_attempt_at"]
        if not error:
            delivery.delivered_at, delivery.next_attempt_at = timezone.now(), None
            delivery.save(update_fields=[*fields, "delivered_at"])
            return "delivered"
        logger.warning("webhooks: delivery %s failed: %s", delivery.pk, delivery.last_error)
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.failed_at, delivery.next_attempt_at = timezone.now(), None
            delivery.save(update_fields=[*fields, "failed_at"])
            return "failed"
        delivery.next_attempt_at = (now or timezone.now()) + events.backoff(delivery.attempts)
        delivery.save(update_fields=fields)
        retry_at, pk = delivery.next_attempt_at, delivery.pk
        transaction.on_commit(lambda: enqueue(pk, run_after=retry_at), robust=True)
        return "retry"
