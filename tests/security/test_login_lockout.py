"""Failed log-ins are counted per address *and* source: a stranger cannot lock the owner out,
and the stranger's own waits grow with every further failure."""

import datetime

import pytest
from django.db.models import F
from django.test import Client
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.accounts.models import LoginFailure
from samenspraak.accounts.tests.conftest import (
    fast_password_hashing,  # noqa: F401 (autouse)
    log_in_staff,
)
from samenspraak.core.models import AuditLogEntry

pytestmark = pytest.mark.django_db

STRANGER, OWNER = "198.51.100.66", "203.0.113.10"
WAIT = "U heeft te vaak een verkeerd wachtwoord of een verkeerde code ingevuld."


def _logged_in(client) -> bool:
    return client.get(reverse("accounts:overview")).status_code == 200


def test_a_strangers_fifty_wrong_passwords_do_not_stop_the_owner(settings):
    settings.SAMENSPRAAK_RATE_LIMIT = ""  # the stranger's flood is the point here
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "", "login_failed": ""}
    owner = StaffUserFactory()
    stranger = Client(REMOTE_ADDR=STRANGER)
    for attempt in range(50):
        response = stranger.post(
            reverse("account_login"), {"login": owner.email, "password": f"raden-{attempt}"}
        )
        assert response.status_code == 200
    assert WAIT in response.content.decode()

    client = Client(REMOTE_ADDR=OWNER)
    assert log_in_staff(client, owner).status_code == 302
    assert _logged_in(client)
    # The owner's log-in does not wipe the stranger's count.
    response = stranger.post(reverse("account_login"), {"login": owner.email, "password": "x"})
    assert WAIT in response.content.decode()


def test_allauths_own_failure_limit_does_not_lock_the_owner_either():
    """allauth counts failures per address (10 per 15 minutes); ours keys that per source."""
    owner = StaffUserFactory()
    for attempt in range(12):
        Client(REMOTE_ADDR=f"198.51.100.{attempt + 1}").post(
            reverse("account_login"), {"login": owner.email, "password": f"raden-{attempt}"}
        )
    client = Client(REMOTE_ADDR=OWNER)
    assert log_in_staff(client, owner).status_code == 302
    assert _logged_in(client)


def _fail(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": "fout"}
    ).content.decode()


def _let_time_pass(seconds):
    LoginFailure.objects.update(at=F("at") - datetime.timedelta(seconds=seconds))


def test_repeated_failures_from_one_source_wait_longer_each_time(settings):
    """Four failures are free; the fifth makes the source wait a quarter of an hour, and each
    further failure doubles the wait, up to the maximum."""
    settings.SAMENSPRAAK_LOCKOUT_MAX_SECONDS = 2 * 3600
    user = StaffUserFactory()
    stranger = Client(REMOTE_ADDR=STRANGER)
    for _ in range(4):
        assert WAIT not in _fail(stranger, user)
    assert "Probeer het over 15 minuten opnieuw." in _fail(stranger, user)
    # While waiting, attempts are refused without counting.
    assert "Probeer het over 15 minuten opnieuw." in _fail(stranger, user)
    assert LoginFailure.objects.count() == 5
    expected = ["30 minuten", "60 minuten", "120 minuten", "120 minuten"]
    waited = 15 * 60
    for text in expected:
        _let_time_pass(waited + 1)
        assert f"Probeer het over {text} opnieuw." in _fail(stranger, user)
        waited = int(text.split()[0]) * 60
    assert AuditLogEntry.objects.filter(action="accounts.locked_out").count() == 5


def test_wrong_authenticator_codes_wait_per_source_too():
    user = StaffUserFactory()
    thief = Client(REMOTE_ADDR=STRANGER)
    log_in_staff(thief, user, totp=False)  # the right password: the thief stops at the code
    for _ in range(5):
        response = thief.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert WAIT in response.content.decode()
    client = Client(REMOTE_ADDR=OWNER)
    assert log_in_staff(client, user).status_code == 302
    assert _logged_in(client)
