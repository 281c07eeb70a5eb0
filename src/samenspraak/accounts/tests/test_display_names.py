"""Residents cannot take a public name that passes for the municipality or an official."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samenspraak.accounts import services
from samenspraak.accounts.display_names import reserved_word
from samenspraak.accounts.factories import StaffUserFactory, UserFactory
from samenspraak.accounts.models import Role, User

pytestmark = pytest.mark.django_db

IMPERSONATING = [
    "Gemeente Voorbeeldstad",
    "gemeente",
    "G e m e e n t e  Voorbeeldstad",
    "Gem3ente",
    "Jan (officieel)",
    "Officiëel account",
    "Griffie",
    "Raadslid Jansen",
    "Raads1id",
    "RAADSLlD",
    "Wethouder de Vries",
    "W3th0uder",
    "Burgemeester",
    "Bürgemeester",
    "Beheerder",
    "Moderator",
    "M0d3r4t0r",
    "Samenspraak",
    "Samen-spraak team",
]
FINE = ["Tulpje", "Jan de Vries", "Buurvrouw Ans", "Fietser 042", "Raad van de buurt"]


@pytest.mark.parametrize("name", IMPERSONATING)
def test_look_alikes_of_official_names_are_recognised(name):
    assert reserved_word(name) is not None


@pytest.mark.parametrize("name", FINE)
def test_ordinary_names_are_fine(name):
    assert reserved_word(name) is None


def test_sign_up_with_an_official_name_is_refused_keeping_what_was_typed(client):
    response = client.post(
        reverse("account_signup"), {"email": "nep@example.org", "display_name": "W3th0uder Kees"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "lijkt op een naam van de gemeente of van een functie (Wethouder)" in body
    assert 'value="W3th0uder Kees"' in body
    assert 'value="nep@example.org"' in body
    assert not User.objects.filter(email="nep@example.org").exists()


def test_renaming_to_an_official_name_is_refused_keeping_what_was_typed(client):
    resident = UserFactory(display_name="Tulpje")
    client.force_login(resident)
    response = client.post(reverse("accounts:profile"), {"display_name": "Gemeente Voorbeeldstad"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies een andere publieke naam" in body
    assert 'value="Gemeente Voorbeeldstad"' in body
    resident.refresh_from_db()
    assert resident.display_name == "Tulpje"


def test_the_service_holds_the_rule_for_every_caller():
    resident = UserFactory(display_name="Tulpje")
    with pytest.raises(ValidationError) as error:
        services.profile_update(user=resident, display_name="Burgemeester")
    assert "display_name" in error.value.message_dict
    resident.refresh_from_db()
    assert resident.display_name == "Tulpje"


def test_staff_may_carry_their_function_in_their_name(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    clerk = StaffUserFactory(role=Role.CLERK)
    assert services.profile_update(user=clerk, display_name="Griffie Voorbeeldstad")
    from samenspraak.accounts.tests.conftest import log_in_staff

    client = Client()
    log_in_staff(client, clerk)
    response = client.post(reverse("accounts:profile"), {"display_name": "Griffie Noord"})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.display_name == "Griffie Noord"
