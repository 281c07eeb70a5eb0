"""Subscribing through the API: scope, validation as problem+json, audit, privacy, signing."""

import pytest
from django.core.management import call_command
from django.test import Client

from samenspraak.accounts import privacy as account_privacy
from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import Role
from samenspraak.api.tests.conftest import bearer, make_token
from samenspraak.consultation.events import InputAnswered
from samenspraak.core.models import AuditLogEntry
from samenspraak.webhooks import checks, signing, targets
from samenspraak.webhooks.models import Subscription

URL = "/api/v1/webhooks/subscriptions"


@pytest.fixture
def manager(db):
    return StaffUserFactory(role=Role.PROCESS_MANAGER, email="beheer@gemeente.nl")


@pytest.fixture
def token(manager):
    return make_token(manager, "webhooks:manage")[1]


def post(token, body):
    return Client().post(URL, body, content_type="application/json", **bearer(token))


def test_subscribing_needs_the_scope(manager):
    other = make_token(manager, "inputs:answer")[1]
    body = {"targetUrl": "https://ontvanger.example.nl/hook", "eventTypes": [InputAnswered.type]}
    assert post(other, body).status_code == 403
    assert Client().get(URL).status_code == 401
    assert not Subscription.objects.exists()


def test_every_wrong_field_is_listed_in_dutch(token, settings):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = False
    response = post(token, {"targetUrl": "http://10.0.0.5/hook", "eventTypes": ["nl.x.y.z"]})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problems = {p["name"]: p["reason"] for p in response.json()["invalidParams"]}
    assert problems["targetUrl"] == "Het adres moet beginnen met https://."
    assert "Onbekende soort gebeurtenis: nl.x.y.z" in problems["eventTypes"]
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://192.168.1.1/hook",
        "https://169.254.169.254/latest",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://gis.gemeente.internal/hook",
    ],
)
def test_production_refuses_internal_targets(url, settings):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = []
    assert targets.problem(url) == "Webhooks gaan alleen naar openbare adressen op internet."


def test_production_accepts_public_https_and_local_is_for_development(settings):
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = []
    settings.SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = False
    assert targets.problem("https://8.8.8.8/hook") is None
    assert targets.problem("https://user:pw@ontvanger.example.nl/") is not None
    assert targets.problem("http://8.8.8.8/hook") == "Het adres moet beginnen met https://."
    settings.SAMENSPRAAK_WEBHOOKS_ALLOW_HTTP = True
    # http only to this machine, and this machine only through the allow-list.
    assert targets.problem("http://8.8.8.8/hook") == "Het adres moet beginnen met https://."
    assert targets.problem("http://127.0.0.1:8123/hook") is not None
    settings.SAMENSPRAAK_WEBHOOKS_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert targets.problem("http://127.0.0.1:8123/hook") is None
    assert targets.problem("https://10.1.2.3/hook") is not None


def test_a_subscription_is_audited_listed_and_its_secret_shown_once(token, manager, receiver):
    body = {"targetUrl": receiver.url, "eventTypes": [InputAnswered.type]}
    created = post(token, body).json()
    subscription = Subscription.objects.get()
    assert created["secret"] == subscription.secret
    listed = Client().get(URL, **bearer(token)).json()["results"]
    assert [row["id"] for row in listed] == [subscription.pk]
    assert "secret" not in listed[0]
    entry = AuditLogEntry.objects.get(action="webhooks.subscribed")
    assert entry.actor == manager and "secret" not in str(entry.changes)
    # Another integration neither sees nor deletes it.
    stranger = make_token(StaffUserFactory(role=Role.PROCESS_MANAGER), "webhooks:manage")[1]
    assert Client().get(URL, **bearer(stranger)).json()["results"] == []
    assert Client().delete(f"{URL}/{subscription.pk}", **bearer(stranger)).status_code == 404


def test_privacy_export_and_erase_cover_subscriptions(token, manager, receiver):
    post(token, {"targetUrl": receiver.url, "eventTypes": [InputAnswered.type]})
    exported = account_privacy.export_user_data(manager)
    assert receiver.url in str(exported)
    assert "webhooks.Subscription.created_by" not in account_privacy.uncovered_references()
    account_privacy.anonymise_user_data(manager)
    subscription = Subscription.objects.get()
    assert subscription.created_by is None and not subscription.is_active


def test_a_signature_fails_on_a_changed_body_or_an_old_timestamp():
    secret = signing.new_secret()
    headers = signing.headers(secret, "abc", '{"a":1}', timestamp=1_000_000)
    assert signing.verify(secret, headers, '{"a":1}', now=1_000_010)
    assert not signing.verify(secret, headers, '{"a":2}', now=1_000_010)
    assert not signing.verify(secret, headers, '{"a":1}', now=1_000_000 + 3600)


def test_the_oin_is_checked_and_needed_to_subscribe(settings, token):
    settings.SAMENSPRAAK_OIN = "12345"
    assert [e.id for e in checks.check_oin()] == ["webhooks.E001"]
    settings.SAMENSPRAAK_OIN = "00000001234567890000"
    assert checks.check_oin() == []
    settings.SAMENSPRAAK_OIN = ""  # production without webhooks starts, but cannot subscribe
    assert checks.check_oin() == []
    body = {"targetUrl": "https://ontvanger.example.nl/h", "eventTypes": [InputAnswered.type]}
    response = post(token, body)
    assert response.status_code == 400
    assert "SAMENSPRAAK_OIN ontbreekt" in response.json()["detail"]
    assert not Subscription.objects.exists()


def test_replay_command_says_clearly_when_the_delivery_is_unknown(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen aflevering 999"):
        call_command("webhooks_replay", "999")
