import re

import pytest
from django.core import mail
from django.urls import reverse

from samenspraak.accounts.factories import STAFF_PASSWORD, totp_code


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """E-mail goes through the task queue; in these tests the queue runs tasks at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


CODE_LINE = re.compile(r"^\s*([A-Z0-9]{3,}(?:-[A-Z0-9]+)*)\s*$", re.MULTILINE)


def code_from_mail(message=None) -> str:
    """The one-time code in the last e-mail sent (or in `message`)."""
    message = message or mail.outbox[-1]
    match = CODE_LINE.search(message.body)
    assert match, message.body
    return match.group(1)


def request_login_code(client, email):
    return client.post(reverse("account_login"), {"login": email, "password": ""})


def log_in_staff(client, user, *, password=STAFF_PASSWORD, totp=True):
    """Password, then (when the account has TOTP) the current authenticator code."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    if totp and user.totp_secret:
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response["Location"] == reverse("mfa_authenticate")
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    return response


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Staff passwords are hashed in every staff test; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
