"""Webhooks end to end: a real event, the real database task queue and worker, and a real HTTP
receiver on 127.0.0.1 that records what arrives."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samenspraak.api.tests.conftest import bearer
from samenspraak.consultation import services as consultation
from samenspraak.consultation.events import InputAnswered
from samenspraak.core.tests.test_events import run_worker
from samenspraak.information.events import UpdatePublished
from samenspraak.webhooks import signing
from samenspraak.webhooks.models import Delivery

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]

SEND_TASK = "samenspraak.webhooks.tasks.send_delivery"


def subscribe(token, url, *types):
    response = Client().post(
        "/api/v1/webhooks/subscriptions",
        {"targetUrl": url, "eventTypes": list(types)},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    return response.json()


def answer(manager, item):
    consultation.input_answer(
        actor=manager,
        input=item,
        body="Dank voor uw idee, we plaatsen twee bankjes.",
        outcome="adopted",
        reason="Past in het plan.",
    )


def test_an_answer_arrives_as_a_signed_cloudevent_with_ids_only(
    receiver, manager, item, token, settings
):
    settings.SAMENSPRAAK_SITE_URL = "https://inspraak.example.nl"
    settings.SAMENSPRAAK_OIN = "00000001234567890000"
    created = subscribe(token, receiver.url, InputAnswered.type)
    assert created["secret"].startswith("whsec_")

    answer(manager, item)
    run_worker()

    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert request.headers["Content-Type"].startswith("application/cloudevents+json")
    event = json.loads(request.body)
    assert event["specversion"] == "1.0"
    assert event["type"] == InputAnswered.type
    assert event["source"] == "urn:nld:oin:00000001234567890000:systeem:samenspraak"
    assert event["subject"] == str(item.pk)
    assert event["dataref"] == f"https://inspraak.example.nl/api/v1/inputs/{item.pk}"
    assert event["datacontenttype"] == "application/json"
    assert event["data"]["input_id"] == item.pk
    assert datetime.datetime.fromisoformat(event["time"])
    assert request.headers["webhook-id"] == event["id"]
    assert signing.verify(created["secret"], request.headers, request.body)
    assert not signing.verify(signing.new_secret(), request.headers, request.body)
    # No personal data or free text: not the author's, not the staff member's, not the answer.
    for private in ("Bakker", "bakker@example.org", "Jansen", "jansen@gemeente.nl", "bankjes"):
        assert private.lower() not in request.body.lower()

    delivery = Delivery.objects.get()
    assert delivery.status_code == 200 and delivery.delivered_at and delivery.attempts == 1
    assert delivery.response_ms is not None


def test_types_not_subscribed_to_are_not_sent(receiver, manager, item, token):
    subscribe(token, receiver.url, UpdatePublished.type)
    answer(manager, item)
    run_worker()
    assert receiver.requests == []
    assert not Delivery.objects.exists()


def test_a_failing_receiver_gets_a_retry_after_backoff(receiver, manager, item, token):
    created = subscribe(token, receiver.url, InputAnswered.type)
    receiver.statuses = [500]
    answer(manager, item)
    run_worker()

    delivery = Delivery.objects.get()
    assert len(receiver.requests) == 1
    assert delivery.attempts == 1 and delivery.status_code == 500
    assert delivery.delivered_at is None and "HTTP 500" in delivery.last_error
    retry = DBTaskResult.objects.get(task_path=SEND_TASK, status="READY")
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=20)
    run_worker()  # not due yet
    assert len(receiver.requests) == 1

    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    delivery.refresh_from_db()
    assert len(receiver.requests) == 2
    assert delivery.attempts == 2 and delivery.status_code == 200 and delivery.delivered_at
    assert delivery.last_error == ""
    second = receiver.requests[1]
    assert second.body == receiver.requests[0].body
    assert signing.verify(created["secret"], second.headers, second.body)


def test_replay_resends_the_same_event(receiver, manager, item, token):
    subscribe(token, receiver.url, InputAnswered.type)
    answer(manager, item)
    run_worker()
    delivery = Delivery.objects.get()

    log = Client().get("/api/v1/webhooks/deliveries", **bearer(token)).json()
    assert [row["id"] for row in log["results"]] == [delivery.pk]
    assert log["results"][0]["statusCode"] == 200
    response = Client().post(f"/api/v1/webhooks/deliveries/{delivery.pk}/replay", **bearer(token))
    assert response.status_code == 202, response.content
    run_worker()
    assert len(receiver.requests) == 2
    assert receiver.requests[0].body == receiver.requests[1].body
    delivery.refresh_from_db()
    assert delivery.delivered_at and delivery.attempts == 1

    call_command("webhooks_replay", str(delivery.pk), verbosity=0)
    run_worker()
    assert len(receiver.requests) == 3


def test_an_unsubscribed_integration_gets_nothing_more(receiver, manager, item, token):
    created = subscribe(token, receiver.url, InputAnswered.type)
    response = Client().delete(f"/api/v1/webhooks/subscriptions/{created['id']}", **bearer(token))
    assert response.status_code == 204
    answer(manager, item)
    run_worker()
    assert receiver.requests == []


def test_the_sweep_sends_what_is_due_when_its_task_was_lost(receiver, manager, item, token):
    subscribe(token, receiver.url, InputAnswered.type)
    receiver.statuses = [503]
    answer(manager, item)
    run_worker()
    DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY").delete()  # the task is lost
    delivery = Delivery.objects.get()
    call_command("webhooks_deliver", verbosity=0)  # not due yet: nothing happens
    assert len(receiver.requests) == 1

    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    call_command("webhooks_deliver", verbosity=0)
    delivery.refresh_from_db()
    assert len(receiver.requests) == 2 and delivery.delivered_at and delivery.attempts == 2
