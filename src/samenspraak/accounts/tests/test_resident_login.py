"""Residents: sign up with e-mail and public name, log in with a code sent by e-mail."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.accounts.models import Role

from .conftest import code_from_mail, request_login_code

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_signup_with_email_and_name_then_code_logs_in():
    """Sign-up asks no password; the e-mailed code confirms the address and logs the person in."""
    from django.test import Client

    client = Client()
    response = client.post(
        reverse("account_signup"),
        {"email": "Nieuw@Example.org", "display_name": "Tulpje"},
    )
    assert response.status_code == 302
    user = User.objects.get(email__iexact="nieuw@example.org")
    assert user.display_name == "Tulpje"
    assert user.role == Role.RESIDENT
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    code = code_from_mail()

    response = client.get(response["Location"])
    assert response.status_code == 200
    response = client.post(reverse("account_email_verification_sent"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200


def test_signup_without_display_name_keeps_email_and_explains(client):
    response = client.post(
        reverse("account_signup"), {"email": "a@example.org", "display_name": ""}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="a@example.org"' in body
    assert "Vul een publieke naam in" in body or "Dit veld is verplicht" in body
    assert 'aria-describedby="id_display_name-error"' in body or "id_display_name-error" in body


def test_login_by_code_sent_by_email(client):
    """Leaving the password empty sends a code; typing it logs the resident in."""
    user = UserFactory()
    response = request_login_code(client, user.email)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_confirm_login_code"))
    assert mail.outbox[-1].to == [user.email]
    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_mail()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200
    assert "samenspraak.accounts.login_email" not in client.session


def test_wrong_code_gives_dutch_message_and_stays_on_page(client):
    user = UserFactory()
    request_login_code(client, user.email)
    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG0"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Deze code klopt niet" in body
    assert user.email in body
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_too_many_wrong_codes_go_back_with_email_filled_in(client):
    """After three wrong codes the code stops working; the form shows the typed address."""
    user = UserFactory()
    request_login_code(client, user.email)
    right = code_from_mail()
    for _ in range(3):
        response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG0"})
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    body = page.content.decode()
    assert "te vaak een verkeerde code" in body
    assert f'value="{user.email}"' in body
    # The right code no longer works either.
    response = client.post(reverse("account_confirm_login_code"), {"code": right})
    assert client.get(reverse("accounts:overview")).status_code == 302


def test_expired_code_is_refused_with_message_and_email_kept(client, monkeypatch, settings):
    user = UserFactory()
    request_login_code(client, user.email)
    code = code_from_mail()
    later = time.time() + settings.ACCOUNT_LOGIN_BY_CODE_TIMEOUT + 5
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(reverse("account_confirm_login_code"), {"code": code}, follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert "De code is verlopen" in body
    assert f'value="{user.email}"' in body
    assert not response.context["user"].is_authenticated


def test_unknown_email_gets_same_answer_as_known(client):
    """No account enumeration: an unknown address goes to the same code page."""
    response = request_login_code(client, "niemand@example.org")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_confirm_login_code"))


def test_invalid_email_comes_back_with_message(client):
    response = client.post(reverse("account_login"), {"login": "geen-adres", "password": ""})
    assert response.status_code == 200
    assert 'value="geen-adres"' in response.content.decode()


def test_code_requests_are_rate_limited_per_address():
    """A fourth code request for one address within minutes is refused, without a 500."""
    from django.test import Client

    user = UserFactory()
    for _ in range(3):
        assert request_login_code(Client(), user.email).status_code == 302
    response = request_login_code(Client(), user.email)
    assert response.status_code == 200
    assert "te vaak" in response.content.decode()
    assert f'value="{user.email}"' in response.content.decode()
    assert len(mail.outbox) == 3


def test_login_page_is_rate_limited_per_ip(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    statuses = [
        client.post(reverse("account_login"), {"login": "x@example.org"}).status_code
        for _ in range(4)
    ]
    assert statuses[-1] == 429
    assert "Even wachten" in client.post(reverse("account_login"), {"login": "x"}).content.decode()


def test_login_pages_use_site_layout_without_inline_style_or_script(client):
    for name in ("account_login", "account_signup", "account_request_login_code"):
        body = client.get(reverse(name)).content.decode()
        assert "utrecht-button--primary-action" in body, name
        assert "<script" not in body and "style=" not in body and "<style" not in body, name
        assert 'class="utrecht-form-label"' in body, name
