"""The CloudEvents validation handshake, 410 Gone, and what staff see and do about both.

Against the real HTTP receiver on 127.0.0.1 (receiver.py), the real database task queue and
worker."""

import pytest
from django.test import Client

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.api.tests.conftest import bearer
from samenspraak.consultation.events import InputAnswered
from samenspraak.core.models import AuditLogEntry
from samenspraak.core.tests.test_events import run_worker
from samenspraak.webhooks import services, validation
from samenspraak.webhooks.models import Delivery, Subscription
from samenspraak.webhooks.tests import receiver as receiver_module
from samenspraak.webhooks.tests.test_delivery import SEND_TASK, answer, subscribe

pytestmark = [pytest.mark.real_queue, pytest.mark.django_db(transaction=True)]

ADMIN_LIST = "/beheer/django/webhooks/subscription/"


@pytest.fixture
def second_receiver():
    receiver, server = receiver_module.start()
    yield receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def administrator():
    return StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_the_handshake_asks_with_our_origin_and_a_willing_receiver_gets_events(
    receiver, manager, item, token, settings
):
    settings.SAMENSPRAAK_SITE_URL = "https://inspraak.example.nl"
    receiver.handshake_headers = {"WebHook-Allowed-Rate": "120"}
    created = subscribe(token, receiver.url, InputAnswered.type)

    assert len(receiver.handshakes) == 1
    assert receiver.handshakes[0].headers["WebHook-Request-Origin"] == "inspraak.example.nl"
    assert receiver.requests == []  # the handshake sends no event
    assert created["validatedAt"] and created["validationError"] == ""
    assert created["allowedRate"] == 120
    assert AuditLogEntry.objects.filter(action="webhooks.validated").count() == 1

    answer(manager, item)
    run_worker()
    assert len(receiver.requests) == 1
    # Every delivery names its origin, as the handshake did.
    assert receiver.requests[0].headers["WebHook-Request-Origin"] == "inspraak.example.nl"


@pytest.mark.parametrize(
    "consent, headers, reason",
    [
        (False, {}, "WebHook-Allowed-Origin"),  # OPTIONS answered 200, but no consent header
        (False, {"WebHook-Allowed-Origin": "iemand-anders.example.org"}, "WebHook-Allowed-Origin"),
        (True, {"Allow": "GET, OPTIONS"}, "geen POST"),
        (True, {"WebHook-Allowed-Rate": "veel"}, "WebHook-Allowed-Rate"),
    ],
)
def test_a_receiver_that_does_not_agree_gets_nothing(
    receiver, manager, item, token, consent, headers, reason
):
    receiver.consent, receiver.handshake_headers = consent, headers
    created = subscribe(token, receiver.url, InputAnswered.type)
    assert created["validatedAt"] is None
    assert reason in created["validationError"]
    entry = AuditLogEntry.objects.get(action="webhooks.validation_failed")
    assert reason in entry.changes["error"]

    answer(manager, item)
    run_worker()
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_the_integration_validates_again_once_its_receiver_agrees(receiver, manager, item, token):
    receiver.consent = False
    created = subscribe(token, receiver.url, InputAnswered.type)
    assert created["validatedAt"] is None

    receiver.consent = True
    url = f"/api/v1/webhooks/subscriptions/{created['id']}/validate"
    response = Client().post(url, **bearer(token))
    assert response.status_code == 200, response.content
    assert response.json()["validatedAt"] and response.json()["validationError"] == ""
    answer(manager, item)
    run_worker()
    assert len(receiver.requests) == 1


def test_a_new_address_is_validated_before_it_gets_anything(
    receiver, second_receiver, manager, item, token
):
    created = subscribe(token, receiver.url, InputAnswered.type)
    second_receiver.consent = False
    url = f"/api/v1/webhooks/subscriptions/{created['id']}"
    response = Client().patch(
        url, {"targetUrl": second_receiver.url}, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 200, response.content
    assert response.json()["targetUrl"] == second_receiver.url
    assert response.json()["validatedAt"] is None
    assert len(second_receiver.handshakes) == 1
    entry = AuditLogEntry.objects.get(action="webhooks.changed")
    assert entry.changes["target_url"] == [receiver.url, second_receiver.url]

    answer(manager, item)
    run_worker()
    assert receiver.requests == [] and second_receiver.requests == []

    # A bad new address is refused as a problem+json, and the old state is kept.
    response = Client().patch(
        url, {"targetUrl": "ftp://x"}, content_type="application/json", **bearer(token)
    )
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "targetUrl"
    assert Subscription.objects.get().target_url == second_receiver.url


def test_410_gone_switches_the_subscription_off_and_staff_switch_it_on(
    receiver, manager, item, token, administrator
):
    created = subscribe(token, receiver.url, InputAnswered.type)
    receiver.statuses = [410]
    answer(manager, item)
    run_worker()

    delivery = Delivery.objects.get()
    assert delivery.status_code == 410 and delivery.failed_at and delivery.attempts == 1
    assert "HTTP 410" in delivery.last_error and "uitgezet" in delivery.last_error
    subscription = Subscription.objects.get()
    assert not subscription.is_active and subscription.deactivated_at
    assert "410 Gone" in subscription.deactivated_reason
    gone = AuditLogEntry.objects.get(action="webhooks.gone")
    assert gone.actor is None and gone.changes["delivery"] == delivery.pk
    # No retry was queued, and the integration sees why.
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(task_path=SEND_TASK, status="READY").exists()
    listed = Client().get(f"/api/v1/webhooks/subscriptions/{created['id']}", **bearer(token))
    assert listed.json()["active"] is False and "410" in listed.json()["deactivatedReason"]
    # Replay is refused while it is off; the integration cannot switch it on itself.
    replay = Client().post(f"/api/v1/webhooks/deliveries/{delivery.pk}/replay", **bearer(token))
    assert replay.status_code == 400

    # Staff see the state in the list and switch it on again; it is validated again at once.
    staff = Client()
    staff.force_login(administrator)
    page = staff.get(ADMIN_LIST).content.decode()
    assert "Uit: De ontvanger antwoordde 410 Gone" in page
    handshakes = len(receiver.handshakes)
    response = staff.post(
        ADMIN_LIST, {"action": "reactivate", "_selected_action": [subscription.pk]}
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.is_active and subscription.receives and not subscription.deactivated_at
    assert len(receiver.handshakes) == handshakes + 1
    assert AuditLogEntry.objects.get(action="webhooks.reactivated").actor == administrator
    assert "Ontvangt berichten" in staff.get(ADMIN_LIST).content.decode()

    answer(manager, item)  # a second answer: a new event
    run_worker()
    assert len(receiver.requests) == 2
    assert Delivery.objects.filter(delivered_at__isnull=False).count() == 1


def test_staff_revalidate_from_the_list_and_others_may_not(receiver, token, administrator, manager):
    receiver.consent = False
    subscribe(token, receiver.url, InputAnswered.type)
    subscription = Subscription.objects.get()
    staff = Client()
    staff.force_login(administrator)
    page = staff.get(ADMIN_LIST).content.decode()
    assert "Niet gevalideerd: De ontvanger gaf geen toestemming" in page

    receiver.consent = True
    staff.post(ADMIN_LIST, {"action": "validate_again", "_selected_action": [subscription.pk]})
    subscription.refresh_from_db()
    assert subscription.validated_at is not None
    entry = AuditLogEntry.objects.filter(action="webhooks.validated").latest("pk")
    assert entry.actor == administrator

    # Another integration's staff member may neither validate nor switch it on.
    stranger = StaffUserFactory(role=Role.PROCESS_MANAGER)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.subscription_validate(actor=stranger, subscription=subscription)
    with pytest.raises(PermissionDenied):
        services.subscription_reactivate(actor=manager, subscription=subscription)


def test_a_receiver_that_does_not_answer_is_not_validated(token, settings):
    # A port nobody listens on: connection refused, said plainly.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    outcome = validation.handshake(f"http://127.0.0.1:{port}/hook")
    assert not outcome.ok and "gaf geen antwoord" in outcome.error


def test_the_receivers_rate_is_respected(receiver, manager, token):
    from samenspraak.consultation.factories import InputFactory
    from samenspraak.processes.factories import PhaseFactory, ProcessFactory

    receiver.handshake_headers = {"WebHook-Allowed-Rate": "2"}
    subscribe(token, receiver.url, InputAnswered.type)
    phase = PhaseFactory(process=ProcessFactory(slug="rustig"), kind="collect")
    for number in range(3):
        answer(manager, InputFactory(phase=phase, title=f"Idee {number}"))
    run_worker()
    assert len(receiver.requests) == 2
    waiting = Delivery.objects.get(delivered_at__isnull=True)
    assert waiting.attempts == 0 and waiting.next_attempt_at is not None
