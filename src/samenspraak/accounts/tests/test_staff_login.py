"""Staff: password plus TOTP, forced TOTP set-up, no log-in by code, waits after failures."""

import datetime

import pyotp
import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts import selectors
from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, totp_code
from samenspraak.accounts.models import LoginFailure, Role
from samenspraak.core.models import AuditLogEntry

from .conftest import CODE_LINE, log_in_staff, request_login_code

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "U heeft te vaak een verkeerd wachtwoord of een verkeerde code ingevuld."


def _logged_in(client) -> bool:
    return client.get(reverse("accounts:overview")).status_code == 200


@pytest.mark.parametrize(
    "role",
    [Role.MODERATOR, Role.PROCESS_MANAGER, Role.COUNCIL_MEMBER, Role.CLERK, Role.ADMINISTRATOR],
)
def test_staff_logs_in_with_password_and_totp(client, role):
    user = StaffUserFactory(role=role)
    response = log_in_staff(client, user)
    assert response.status_code == 302
    assert _logged_in(client)


def test_password_alone_is_not_enough_for_staff_with_totp(client):
    """After the right password the second factor is asked; without it nobody is logged in."""
    user = StaffUserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _logged_in(client)


def test_wrong_totp_code_is_refused(client):
    user = StaffUserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD})
    wrong = "000000" if pyotp.TOTP(user.totp_secret).now() != "000000" else "111111"
    response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert response.status_code == 200
    assert 'id="id_code-error"' in response.content.decode()
    assert not _logged_in(client)


@pytest.mark.parametrize(("periods_ago", "accepted"), [(1, True), (3, False)])
def test_code_from_the_previous_period_still_works_but_an_old_one_does_not(
    client, periods_ago, accepted
):
    """A code typed just as the 30-second window turns over is accepted (one period of
    tolerance); a code from a minute and a half ago is not."""
    user = StaffUserFactory()
    client.post(reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD})
    old = totp_code(user, offset_periods=-periods_ago)
    if not accepted and old in {totp_code(user, offset_periods=k) for k in (-1, 0, 1)}:
        pytest.skip("the old code happens to equal a current one (1 in ~300,000)")
    client.post(reverse("mfa_authenticate"), {"code": old})
    assert _logged_in(client) is accepted


def test_staff_cannot_log_in_by_email_code(client):
    """Leaving the password empty sends a staff member no code: the page is the usual "code
    sent" one (nobody learns the address is staff) and the mail says to use the password."""
    user = StaffUserFactory()
    response = request_login_code(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert len(mail.outbox) == 1
    assert "wachtwoord en de code uit uw authenticator-app" in mail.outbox[0].body
    assert not CODE_LINE.search(mail.outbox[0].body)
    response = Client().post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 2
    assert not CODE_LINE.search(mail.outbox[1].body)


def test_staff_without_totp_is_sent_to_set_it_up(client):
    user = StaffUserFactory(totp=False)
    response = log_in_staff(client, user, totp=False)
    assert response.status_code == 302
    for name in ("accounts:overview", "web:home", "accounts:data"):
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"] == reverse("mfa_activate_totp"), name
    setup = client.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    body = setup.content.decode()
    assert "tweede factor" in body
    assert "<script" not in body and "style=" not in body


def test_staff_who_set_up_totp_gets_through(client):
    user = StaffUserFactory(totp=False)
    log_in_staff(client, user, totp=False)
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    response = client.post(
        reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()}, follow=False
    )
    assert response.status_code == 302
    assert _logged_in(client)


def test_logout_is_reachable_without_totp(client):
    user = StaffUserFactory(totp=False)
    log_in_staff(client, user, totp=False)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Location"] != reverse("mfa_activate_totp")
    assert client.get(reverse("accounts:overview"))["Location"].startswith(reverse("account_login"))


def test_five_wrong_passwords_make_this_source_wait(client, settings):
    """The fifth failure from one source makes that source wait; even the right password is
    then refused there, and the wait is written to the audit log (with the source)."""
    user = StaffUserFactory()
    for attempt in range(5):
        response = Client().post(
            reverse("account_login"), {"login": user.email, "password": f"fout-{attempt}"}
        )
        assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert "Probeer het over 15 minuten opnieuw." in response.content.decode()
    assert f'value="{user.email}"' in response.content.decode()
    entry = AuditLogEntry.objects.get(action="accounts.locked_out")
    assert entry.target_id == str(user.pk)
    assert entry.ip_address == "127.0.0.1"
    assert user.email not in str(entry.changes) + entry.target_repr

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD}
    )
    assert response.status_code == 200
    assert LOCKED_TEXT in response.content.decode()
    assert AuditLogEntry.objects.filter(action="accounts.locked_out").count() == 1


def _failures(user, count, *, at=None, ip_address="127.0.0.1"):
    LoginFailure.objects.bulk_create(
        [
            LoginFailure(
                user=user,
                login_key=selectors.login_key(user.email),
                ip_address=ip_address,
                at=at or timezone.now(),
            )
            for _ in range(count)
        ]
    )


def test_lock_ends_after_the_wait(client, settings):
    user = StaffUserFactory()
    _failures(
        user,
        5,
        at=timezone.now() - datetime.timedelta(seconds=settings.SAMENSPRAAK_LOCKOUT_SECONDS + 1),
    )
    assert log_in_staff(client, user).status_code == 302
    assert _logged_in(client)
    assert not LoginFailure.objects.filter(user=user).exists()


def test_four_failures_do_not_lock(client):
    user = StaffUserFactory()
    for attempt in range(4):
        Client().post(reverse("account_login"), {"login": user.email, "password": f"x{attempt}"})
    assert log_in_staff(client, user).status_code == 302
    assert _logged_in(client)
    assert not AuditLogEntry.objects.filter(action="accounts.locked_out").exists()


def test_wrong_password_message_is_dutch_and_keeps_email(client):
    user = StaffUserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": "fout"})
    body = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet" in body
    assert f'value="{user.email}"' in body


def test_admin_action_unlocks_a_locked_account(client):
    locked = StaffUserFactory()
    _failures(locked, 5, ip_address="198.51.100.7")
    assert selectors.lockout_until(email=locked.email, ip_address="198.51.100.7")
    admin = StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    log_in_staff(client, admin)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock", "_selected_action": [locked.pk]},
    )
    assert response.status_code == 302
    assert not LoginFailure.objects.filter(user=locked).exists()
    assert not selectors.lockout_until(email=locked.email, ip_address="198.51.100.7")


def test_wrong_authenticator_codes_count_towards_the_lock(client):
    """Knowing the password is not enough to guess the second factor: five wrong codes lock."""
    user = StaffUserFactory()
    right = pyotp.TOTP(user.totp_secret).now()
    wrong = "000000" if right != "000000" else "111111"
    client.post(reverse("account_login"), {"login": user.email, "password": STAFF_PASSWORD})
    for _ in range(5):
        response = client.post(reverse("mfa_authenticate"), {"code": wrong})
    assert LOCKED_TEXT in response.content.decode()
    response = client.post(reverse("mfa_authenticate"), {"code": right})
    assert LOCKED_TEXT in response.content.decode()
    assert not _logged_in(client)
    assert AuditLogEntry.objects.filter(action="accounts.locked_out").count() == 1
