"""The e-mails residents get are in plain Dutch, name the site and carry the code."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from samenspraak.accounts.factories import UserFactory
from samenspraak.organisations.factories import MunicipalityFactory

from .conftest import code_from_mail, request_login_code

pytestmark = pytest.mark.django_db


def test_login_code_mail_is_dutch_and_names_the_municipality(client):
    MunicipalityFactory(name="Voorbeeldstad")
    user = UserFactory()
    request_login_code(client, user.email)
    message = mail.outbox[-1]
    assert message.subject == "Samenspraak: Uw code om in te loggen"
    assert "Samenspraak Voorbeeldstad" in message.body
    assert code_from_mail() in message.body
    assert "Hello" not in message.body and "Hallo van !" not in message.body


def test_signup_confirmation_page_and_mail_are_our_own_dutch_text():
    client = Client()
    response = client.post(
        reverse("account_signup"), {"email": "nieuw@example.org", "display_name": "Tulp"}
    )
    message = mail.outbox[-1]
    assert "Bevestig uw e-mailadres" in message.subject
    assert code_from_mail() in message.body
    page = client.get(response["Location"]).content.decode()
    assert "Bevestig uw e-mailadres" in page
    assert "nieuw@example.org" in page
    assert "e-emailadres" not in page  # allauth's own Dutch text had this typo
