"""Nobody learns from a log-in form whether an address is a staff account, a resident's, or
none at all: the same status, page and text for each (ACCOUNT_PREVENT_ENUMERATION, and our
forms never mention staff for a particular address). And residents never get a password."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.test import Client
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.tests.conftest import fast_password_hashing  # noqa: F401 (autouse)

pytestmark = pytest.mark.django_db

UNKNOWN = "niemand@example.org"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def addresses():
    return {
        "staff": StaffUserFactory().email,
        "resident": UserFactory().email,
        "unknown": UNKNOWN,
    }


def _answer(response, email):
    """What someone sees: status, where it leads, and the page with their own input blanked."""
    body = CSRF.sub("", response.content.decode()).replace(email, "ADRES")
    return response.status_code, response.get("Location"), body


def _answers(addresses, path, data):
    answers = {}
    for kind, email in addresses.items():
        answers[kind] = _answer(Client().post(path, data(email)), email)
    return answers


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("account_login", lambda email: {"login": email, "password": "Fout-wachtwoord-123"}),
        ("account_login", lambda email: {"login": email, "password": ""}),
        ("account_request_login_code", lambda email: {"email": email}),
        ("account_reset_password", lambda email: {"email": email}),
    ],
    ids=["password", "code-via-log-in", "code", "password-reset"],
)
def test_every_form_answers_alike_for_staff_resident_and_unknown_addresses(addresses, name, data):
    answers = _answers(addresses, reverse(name), data)
    assert answers["staff"] == answers["unknown"], name
    assert answers["resident"] == answers["unknown"], name


def test_after_many_failures_the_answer_is_still_alike(addresses):
    """The wait after five failures applies to every address, not only to staff accounts."""
    answers = {}
    for kind, email in addresses.items():
        client = Client()
        for attempt in range(6):
            response = client.post(
                reverse("account_login"), {"login": email, "password": f"fout-{attempt}"}
            )
        answers[kind] = _answer(response, email)
    assert "U heeft te vaak" in answers["unknown"][2]
    assert answers["staff"] == answers["unknown"] == answers["resident"]


def test_the_code_page_text_is_the_same_for_staff(addresses):
    """After asking for a code the next page (with its message) does not tell staff apart."""
    pages = {}
    for kind in ("staff", "unknown"):
        client = Client()
        client.post(reverse("account_login"), {"login": addresses[kind], "password": ""})
        page = client.get(reverse("account_confirm_login_code"))
        pages[kind] = _answer(page, addresses[kind])
    assert pages["staff"] == pages["unknown"]


def test_a_resident_gets_no_reset_link_but_is_told_how_to_log_in(addresses):
    Client().post(reverse("account_reset_password"), {"email": addresses["resident"]})
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "/password/reset/key/" not in body
    assert "U heeft geen wachtwoord" in body


def test_staff_still_get_a_reset_link(addresses):
    Client().post(reverse("account_reset_password"), {"email": addresses["staff"]})
    assert "/password/reset/key/" in mail.outbox[0].body


def test_a_reset_link_never_gives_a_resident_a_password(client):
    """Even with a valid key (say, one sent while the person was staff) no password is set."""
    resident = UserFactory()
    key = f"{user_pk_to_url_str(resident)}-{default_token_generator.make_token(resident)}"
    response = client.get(
        reverse("account_reset_password_from_key", args=["x", "y"]).replace("x-y", key)
    )
    form_url = response["Location"]
    password = "Een-heel-lang-wachtwoord-2026"
    response = client.post(form_url, {"password1": password, "password2": password})
    assert response.status_code == 200
    assert "U heeft geen wachtwoord nodig" in response.content.decode()
    resident.refresh_from_db()
    assert not resident.has_usable_password()


@pytest.mark.parametrize("name", ["account_set_password", "account_change_password"])
def test_a_resident_cannot_set_or_change_a_password(client, name):
    resident = UserFactory()
    client.force_login(resident)
    password = "Een-heel-lang-wachtwoord-2026"
    response = client.post(
        reverse(name), {"password1": password, "password2": password, "oldpassword": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    resident.refresh_from_db()
    assert not resident.has_usable_password()
