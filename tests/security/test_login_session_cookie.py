"""A resident's log-in lasts as long as the browser is open (ACCOUNT_SESSION_REMEMBER=False):
the session cookie has no Expires or Max-Age, whichever way the person logged in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.accounts.tests.conftest import code_from_mail, log_in_staff, request_login_code

pytestmark = pytest.mark.django_db


def _is_browser_session_cookie(response) -> bool:
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    return not cookie["expires"] and not cookie["max-age"]


def test_a_residents_cookie_after_a_code_log_in_ends_with_the_browser():
    client = Client()
    user = UserFactory()
    request_login_code(client, user.email)
    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_mail()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert _is_browser_session_cookie(response)


def test_a_cookie_after_sign_up_ends_with_the_browser():
    client = Client()
    client.post(reverse("account_signup"), {"email": "nieuw@example.org", "display_name": "Tulp"})
    response = client.post(reverse("account_email_verification_sent"), {"code": code_from_mail()})
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert _is_browser_session_cookie(response)


def test_a_staff_cookie_after_password_and_code_ends_with_the_browser(settings):
    from samenspraak.accounts.factories import StaffUserFactory

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    client = Client()
    response = log_in_staff(client, StaffUserFactory())
    assert _is_browser_session_cookie(response)
