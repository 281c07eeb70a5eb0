"""Each person's language is remembered, so the worker can mail them in it (core.mail)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation

from samenspraak.accounts import selectors, services
from samenspraak.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def english(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def dutch(name, *args):
    with translation.override("nl"):
        return reverse(name, args=args)


def test_sign_up_on_the_english_site_remembers_english(client):
    response = client.post(
        english("account_signup"), {"email": "new@example.org", "display_name": "Tulip"}
    )
    assert response.status_code == 302
    assert User.objects.get(email="new@example.org").language == "en"
    Client().post(dutch("account_signup"), {"email": "nieuw@example.org", "display_name": "Tulp"})
    assert User.objects.get(email="nieuw@example.org").language == "nl"


def test_saving_profile_or_mail_choices_remembers_the_language_in_use(client):
    user = UserFactory()
    assert user.language == "nl"
    client.force_login(user)
    client.post(english("accounts:consents"), {"kinds": ["answers"]})
    user.refresh_from_db()
    assert user.language == "en"
    client.post(dutch("accounts:profile"), {"display_name": "Tulpje"})
    user.refresh_from_db()
    assert user.language == "nl"


def test_unknown_languages_are_ignored():
    user = UserFactory(language="en")
    services.language_remember(user=user, language="de")
    user.refresh_from_db()
    assert user.language == "en"


def test_language_is_in_the_export_and_reset_on_erasure():
    user = UserFactory(language="en")
    assert selectors.account_export(user)["profile"]["language"] == "en"
    services.account_anonymise(user=user)
    user.refresh_from_db()
    assert user.language == "nl"
