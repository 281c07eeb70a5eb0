"""Mijn gegevens: download everything as JSON; delete the account, keeping nothing personal."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse

from samenspraak.accounts import privacy, services
from samenspraak.accounts.factories import (
    NotificationConsentFactory,
    StaffUserFactory,
    UserFactory,
    VerifiedAttributeFactory,
)
from samenspraak.accounts.models import (
    AttributeKind,
    LoginFailure,
    NotificationConsent,
    User,
    VerifiedAttribute,
)
from samenspraak.core.models import AuditLogEntry
from samenspraak.organisations.factories import AreaFactory

from .conftest import log_in_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered_handler():
    """A stand-in for a later app (e.g. consultation) that registers its own data."""
    calls = []
    privacy.register(
        "test_contributions",
        label="Bijdragen (test)",
        exporter=lambda user: [{"title": "Meer bankjes", "author": user.display_name}],
        anonymiser=lambda user: calls.append(user.pk),
    )
    yield calls
    privacy.unregister("test_contributions")


def test_export_holds_profile_attributes_consents_addresses_and_audit(client, registered_handler):
    area = AreaFactory(name="Oost")
    user = UserFactory(display_name="Tulpje")
    VerifiedAttributeFactory(user=user, kind=AttributeKind.RESIDENT_OF_AREA, area=area)
    NotificationConsentFactory(user=user)
    AuditLogEntry.objects.create(actor=user, action="test.did", target_repr="iets")
    AuditLogEntry.objects.create(actor=None, action="test.other", target_repr="anders")
    client.force_login(user)

    response = client.get(reverse("accounts:data_download"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    account = data["account"]
    assert account["profile"]["email"] == user.email
    assert account["profile"]["display_name"] == "Tulpje"
    assert account["profile"]["role"] == "resident"
    assert account["verified_attributes"][0]["area"] == "Oost"
    assert account["verified_attributes"][0]["source"] == "demo"
    assert [c["kind"] for c in account["notification_consents"]] == ["answers"]
    assert account["email_addresses"] == [{"email": user.email, "primary": True, "verified": True}]
    assert [e["action"] for e in account["audit_log_as_actor"]] == ["test.did"]
    assert data["test_contributions"] == [{"title": "Meer bankjes", "author": "Tulpje"}]


def test_export_shows_second_factor_but_never_its_secret(client):
    user = StaffUserFactory()
    log_in_staff(client, user)
    response = client.get(reverse("accounts:data_download"))
    body = response.content.decode()
    data = json.loads(body)
    assert [f["type"] for f in data["account"]["second_factors"]] == ["totp"]
    assert user.totp_secret not in body
    encrypted = Authenticator.objects.get(user=user).data["secret"]
    assert encrypted not in body
    assert "password" not in body.replace('"has_password"', "")


def test_data_page_lists_what_is_in_the_download(client, registered_handler):
    client.force_login(UserFactory())
    body = client.get(reverse("accounts:data")).content.decode()
    assert "Bijdragen (test)" in body
    assert reverse("accounts:data_download") in body


def test_delete_needs_the_confirm_checkbox(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 400
    assert "Zet een vinkje" in response.content.decode()
    user.refresh_from_db()
    assert user.is_active and user.anonymised_at is None


def test_delete_anonymises_and_keeps_nothing_personal(client, registered_handler):
    user = UserFactory(display_name="Tulpje")
    email = user.email
    VerifiedAttributeFactory(user=user)
    NotificationConsentFactory(user=user)
    LoginFailure.objects.create(user=user)
    entry = AuditLogEntry.objects.create(actor=user, action="test.did")
    client.force_login(user)

    response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")

    user.refresh_from_db()
    assert user.email != email and user.email.endswith(".invalid")
    assert user.display_name == "Oud-deelnemer"
    assert not user.is_active
    assert not user.has_usable_password()
    assert user.anonymised_at is not None
    assert not VerifiedAttribute.objects.filter(user=user).exists()
    assert not NotificationConsent.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()
    assert not LoginFailure.objects.filter(user=user).exists()
    assert not User.objects.filter(email__iexact=email).exists()
    assert registered_handler == [user.pk]
    entry.refresh_from_db()
    assert entry.actor_id == user.pk  # the log stays, pointing at an anonymous account
    # Logged out, and cannot log in again.
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_deleted_address_can_sign_up_again(client):
    user = UserFactory()
    email = user.email
    services.account_anonymise(user=user)
    response = client.post(reverse("account_signup"), {"email": email, "display_name": "Terug"})
    assert response.status_code == 302
    assert User.objects.get(email=email).display_name == "Terug"


def test_two_deleted_accounts_get_distinct_placeholders():
    first, second = UserFactory(), UserFactory()
    services.account_anonymise(user=first)
    services.account_anonymise(user=second)
    assert first.email != second.email


def test_staff_cannot_delete_their_own_account(client):
    user = StaffUserFactory()
    log_in_staff(client, user)
    assert client.get(reverse("accounts:delete")).status_code == 403
    assert client.post(reverse("accounts:delete"), {"confirm": "on"}).status_code == 403
    user.refresh_from_db()
    assert user.is_active


def test_anonymise_deletes_mfa_authenticators():
    user = StaffUserFactory()
    services.account_anonymise(user=user)
    assert not Authenticator.objects.filter(user=user).exists()
