"""Every staff session has passed the second factor, whichever route logged it in.

The admin log-in, a password reset by mail and a forged session cookie all end in the same
password + authenticator-code log-in (accounts.middleware, accounts.views.admin_login).
"""

import re

import pytest
from django.contrib.auth import authenticate
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from samenspraak.accounts import selectors
from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, totp_code
from samenspraak.accounts.models import Role
from samenspraak.accounts.tests.conftest import (
    fast_password_hashing,  # noqa: F401 (autouse)
    log_in_staff,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nieuw-wachtwoord-Voorbeeldstad-2027"  # noqa: S105 (test data)
ADMIN_INDEX = "/beheer/django/"
RESET_LINK = re.compile(r"https?://[^\s]+/account/password/reset/key/[^\s]+")


@pytest.fixture
def administrator():
    return StaffUserFactory(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def _reaches(client, path) -> bool:
    return client.get(path).status_code == 200


def _audit_log():
    return reverse("staff:audit_log")


def test_the_admin_log_in_page_sends_people_to_our_log_in(client):
    response = client.get("/beheer/django/login/?next=/beheer/django/accounts/user/")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fbeheer%2Fdjango%2Faccounts%2Fuser%2F"
    )
    # An address elsewhere is not followed after the log-in.
    response = client.get("/beheer/django/login/?next=https://elders.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fbeheer%2Fdjango%2F"


def test_password_alone_at_the_admin_log_in_reaches_neither_admin_nor_audit_log(
    client, administrator
):
    response = client.post(
        "/beheer/django/login/?next=/beheer/django/",
        {"username": administrator.email, "password": STAFF_PASSWORD, "next": ADMIN_INDEX},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not _reaches(client, ADMIN_INDEX)
    assert not _reaches(client, _audit_log())


@pytest.mark.forged_session
def test_a_forged_session_of_staff_with_totp_gets_nothing(client, administrator):
    """A session that says "logged in" but never passed the second factor (here Django's own
    force_login) is ended at the first request."""
    client.force_login(administrator)
    response = client.get(ADMIN_INDEX)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fbeheer%2Fdjango%2F"
    # Logged out: the next page asks for a log-in again.
    assert client.get(reverse("accounts:overview"))["Location"].startswith(reverse("account_login"))
    client.force_login(administrator)
    assert not _reaches(client, _audit_log())
    client.force_login(administrator)
    assert (
        client.post(reverse("accounts:profile"), {"display_name": "Overgenomen"}).status_code == 302
    )
    administrator.refresh_from_db()
    assert administrator.display_name != "Overgenomen"


@pytest.mark.forged_session
def test_a_forged_session_of_staff_without_totp_cannot_set_one_up(client):
    """Setting up the first authenticator needs a password log-in in this very session."""
    staff = StaffUserFactory(totp=False)
    client.force_login(staff)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not selectors.user_has_totp(staff)


def _reset_password_by_mail(client, user, password=NEW_PASSWORD):
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    link = RESET_LINK.search(mail.outbox[-1].body).group(0)
    response = client.get(link)
    assert response.status_code == 302  # allauth moves the key out of the address
    form_url = response["Location"]
    return client.post(form_url, {"password1": password, "password2": password})


def test_reset_by_mail_logs_nobody_in_and_the_log_in_still_asks_for_the_code(client, administrator):
    response = _reset_password_by_mail(client, administrator)
    assert response.status_code == 302
    assert not _reaches(client, reverse("accounts:overview"))
    assert not _reaches(client, ADMIN_INDEX)
    # The new password alone at the admin's log-in opens nothing either.
    client.post(
        "/beheer/django/login/?next=/beheer/django/",
        {"username": administrator.email, "password": NEW_PASSWORD, "next": ADMIN_INDEX},
    )
    assert not _reaches(client, ADMIN_INDEX)
    assert not _reaches(client, _audit_log())

    response = client.post(
        reverse("account_login"),
        {"login": administrator.email, "password": NEW_PASSWORD, "next": ADMIN_INDEX},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _reaches(client, ADMIN_INDEX)
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(administrator)})
    assert response["Location"] == ADMIN_INDEX
    assert _reaches(client, ADMIN_INDEX)
    assert _reaches(client, _audit_log())


def test_even_a_reset_that_logs_in_asks_for_the_second_factor(client, administrator, settings):
    """ACCOUNT_LOGIN_ON_PASSWORD_RESET stays False; if someone switched it on, the code is
    still asked before anything is reachable."""
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
    response = _reset_password_by_mail(client, administrator)
    assert response["Location"] == reverse("mfa_authenticate")
    assert not _reaches(client, ADMIN_INDEX)
    assert not _reaches(client, _audit_log())


def test_staff_without_totp_after_a_reset_that_logs_in_get_no_further(client, settings):
    settings.ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
    staff = StaffUserFactory(role=Role.ADMINISTRATOR, totp=False)
    _reset_password_by_mail(client, staff)
    assert not _reaches(client, reverse("mfa_activate_totp"))
    assert not _reaches(client, _audit_log())


def test_password_and_code_through_the_admin_route_reach_the_admin_and_audit_log(
    client, administrator
):
    login_page = client.get(ADMIN_INDEX, follow=True)
    assert login_page.request["PATH_INFO"] == reverse("account_login")
    response = client.post(
        login_page.request["PATH_INFO"] + "?" + login_page.request["QUERY_STRING"],
        {"login": administrator.email, "password": STAFF_PASSWORD, "next": ADMIN_INDEX},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(administrator)})
    assert response["Location"] == ADMIN_INDEX
    assert _reaches(client, ADMIN_INDEX)
    assert _reaches(client, _audit_log())


def test_logged_in_staff_without_admin_access_get_a_403_not_a_loop(client):
    staff = StaffUserFactory(role=Role.MODERATOR)
    log_in_staff(client, staff)
    response = client.get(ADMIN_INDEX, follow=True)
    assert response.status_code == 403


def test_wrong_passwords_at_the_admin_log_in_log_nobody_in(client, administrator):
    for attempt in range(40):
        response = client.post(
            "/beheer/django/login/", {"username": administrator.email, "password": f"x{attempt}"}
        )
        assert response.status_code in (302, 429)  # sent to our log-in, or rate limited
    assert not _reaches(client, ADMIN_INDEX)


def test_a_failed_password_on_any_route_counts_towards_the_wait(administrator):
    """Django's authenticate() is what every password route calls; its failures count for the
    address from that source, as the log-in form's do."""
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.40")
    for attempt in range(5):
        assert authenticate(request, email=administrator.email, password=f"x{attempt}") is None
    assert selectors.lockout_until(email=administrator.email, ip_address="203.0.113.40")
    assert not selectors.lockout_until(email=administrator.email, ip_address="203.0.113.41")
    other_source = Client(REMOTE_ADDR="203.0.113.41")
    assert log_in_staff(other_source, administrator).status_code == 302
