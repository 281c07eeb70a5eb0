"""Mijn account: name, verified attributes, e-mail consent, demo check, and who may see what."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspraak.accounts import selectors
from samenspraak.accounts.factories import (
    StaffUserFactory,
    UserFactory,
    VerifiedAttributeFactory,
)
from samenspraak.accounts.models import (
    AttributeKind,
    AttributeSource,
    NotificationKind,
    Role,
    VerifiedAttribute,
)
from samenspraak.organisations.factories import AreaFactory

from .conftest import log_in_staff

pytestmark = pytest.mark.django_db


def test_overview_shows_role_and_attributes(client):
    area = AreaFactory(name="Noordwijk")
    user = UserFactory()
    VerifiedAttributeFactory(user=user, kind=AttributeKind.RESIDENT_OF_AREA, area=area)
    client.force_login(user)
    body = client.get(reverse("accounts:overview")).content.decode()
    assert "Inwoner" in body
    assert "Woont in gebied" in body
    assert "Noordwijk" in body
    assert "Demo-controle (niet echt)" in body
    assert "<script" not in body and "style=" not in body


def test_overview_query_count_does_not_grow_with_attributes(client, django_assert_max_num_queries):
    user = UserFactory()
    for _ in range(6):
        VerifiedAttributeFactory(user=user, kind=AttributeKind.RESIDENT_OF_AREA, area=AreaFactory())
    client.force_login(user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:overview")).status_code == 200


def test_display_name_can_be_changed(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "  Nieuwe naam "})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.display_name == "Nieuwe naam"


def test_empty_display_name_comes_back_with_message(client):
    user = UserFactory(display_name="Oud")
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"display_name": "   "})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Vul een publieke naam in" in body or "verplicht" in body
    assert 'aria-describedby="id_display_name-help id_display_name-error"' in body
    user.refresh_from_db()
    assert user.display_name == "Oud"


def test_too_long_display_name_keeps_what_was_typed(client):
    client.force_login(UserFactory())
    typed = "x" * 80
    response = client.post(reverse("accounts:profile"), {"display_name": typed})
    assert response.status_code == 400
    assert f'value="{typed}"' in response.content.decode()


def test_consent_form_stores_exactly_the_ticked_kinds(client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("accounts:consents"),
        {"kinds": [NotificationKind.ANSWERS, NotificationKind.NEW_IN_AREA]},
    )
    assert selectors.user_consent_kinds(user) == {"answers", "new_in_area"}
    page = client.get(reverse("accounts:overview")).content.decode()
    checked = set(re.findall(r'name="kinds" value="(\w+)"[^>]*checked', page))
    assert checked == {"answers", "new_in_area"}
    client.post(reverse("accounts:consents"), {"kinds": [NotificationKind.ANSWERS]})
    assert selectors.user_consent_kinds(user) == {"answers"}
    client.post(reverse("accounts:consents"), {})
    assert selectors.user_consent_kinds(user) == set()
    assert not selectors.users_consenting_to(NotificationKind.ANSWERS).exists()


def test_unknown_consent_kind_is_refused_without_500(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:consents"), {"kinds": ["spam"]})
    assert response.status_code == 400
    assert selectors.user_consent_kinds(user) == set()


def test_demo_verification_records_area_and_age_for_a_year(client, settings):
    settings.SAMENSPRAAK_DEMO = True
    area = AreaFactory()
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("accounts:demo_verify")).content.decode()
    assert "Dit is een demo: er wordt niets echt gecontroleerd" in page
    response = client.post(
        reverse("accounts:demo_verify"), {"area": area.pk, "age_claim": "18_plus"}
    )
    assert response.status_code == 302
    attributes = {a.kind: a for a in VerifiedAttribute.objects.filter(user=user)}
    assert set(attributes) == {
        AttributeKind.RESIDENT_OF_MUNICIPALITY,
        AttributeKind.RESIDENT_OF_AREA,
        AttributeKind.AGE_16_PLUS,
        AttributeKind.AGE_18_PLUS,
    }
    assert all(a.source == AttributeSource.DEMO for a in attributes.values())
    assert attributes[AttributeKind.RESIDENT_OF_AREA].area == area
    expiry = attributes[AttributeKind.AGE_18_PLUS].expires_at - timezone.now()
    assert datetime.timedelta(days=364) < expiry <= datetime.timedelta(days=365)
    assert selectors.user_has_attribute(user, AttributeKind.RESIDENT_OF_AREA, area=area)


def test_demo_verification_again_replaces_the_earlier_claims(client, settings):
    settings.SAMENSPRAAK_DEMO = True
    first, second = AreaFactory(), AreaFactory()
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("accounts:demo_verify"), {"area": first.pk, "age_claim": "18_plus"})
    client.post(reverse("accounts:demo_verify"), {"area": second.pk, "age_claim": "under_16"})
    kinds = set(VerifiedAttribute.objects.filter(user=user).values_list("kind", flat=True))
    assert kinds == {AttributeKind.RESIDENT_OF_MUNICIPALITY, AttributeKind.RESIDENT_OF_AREA}
    assert not selectors.user_has_attribute(user, AttributeKind.RESIDENT_OF_AREA, area=first)


def test_demo_verification_with_missing_choices_explains(client, settings):
    settings.SAMENSPRAAK_DEMO = True
    area = AreaFactory()
    client.force_login(UserFactory())
    response = client.post(reverse("accounts:demo_verify"), {"area": area.pk})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kies uw leeftijd" in body
    assert f'value="{area.pk}" selected' in body
    response = client.post(reverse("accounts:demo_verify"), {"area": "abc", "age_claim": "x"})
    assert response.status_code == 400


def test_demo_verification_absent_when_demo_is_off(client, settings):
    settings.SAMENSPRAAK_DEMO = False
    area = AreaFactory()
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:demo_verify")).status_code == 404
    response = client.post(
        reverse("accounts:demo_verify"), {"area": area.pk, "age_claim": "18_plus"}
    )
    assert response.status_code == 404
    assert not VerifiedAttribute.objects.filter(user=user).exists()
    assert (
        reverse("accounts:demo_verify")
        not in client.get(reverse("accounts:overview")).content.decode()
    )


def test_expired_attribute_does_not_count():
    user = UserFactory()
    past = timezone.now() - datetime.timedelta(days=400)
    VerifiedAttributeFactory(
        user=user, verified_at=past, expires_at=past + datetime.timedelta(days=365)
    )
    assert not selectors.user_has_attribute(user, AttributeKind.RESIDENT_OF_MUNICIPALITY)


# --- Who may see which account page ------------------------------------------------------

STAFF_ROLES = [
    Role.MODERATOR,
    Role.PROCESS_MANAGER,
    Role.COUNCIL_MEMBER,
    Role.CLERK,
    Role.ADMINISTRATOR,
]
PAGES = [
    "accounts:overview",
    "accounts:data",
    "accounts:data_download",
    "accounts:demo_verify",
    "accounts:delete",
]
LOGIN = "login"

EXPECTED = {
    "anonymous": dict.fromkeys(PAGES, LOGIN),
    Role.RESIDENT: dict.fromkeys(PAGES, 200),
    **{role: {**dict.fromkeys(PAGES, 200), "accounts:delete": 403} for role in STAFF_ROLES},
}


@pytest.mark.parametrize("who", ["anonymous", Role.RESIDENT, *STAFF_ROLES])
@pytest.mark.parametrize("page", PAGES)
def test_account_page_permission_matrix(client, settings, who, page):
    """anonymous → log-in page; residents → everything; staff (with TOTP) → everything but
    deleting their own account."""
    settings.SAMENSPRAAK_DEMO = True
    if who == Role.RESIDENT:
        client.force_login(UserFactory())
    elif who != "anonymous":
        log_in_staff(client, StaffUserFactory(role=who))
    response = client.get(reverse(page))
    expected = EXPECTED[who][page]
    if expected == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", STAFF_ROLES)
def test_staff_without_totp_reach_no_account_page(client, role):
    log_in_staff(client, StaffUserFactory(role=role, totp=False), totp=False)
    for page in PAGES:
        response = client.get(reverse(page))
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("page", ["account_set_password", "account_change_password"])
def test_residents_cannot_give_themselves_a_password(client, page):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse(page),
        {"password1": "Een-heel-lang-wachtwoord-1", "password2": "Een-heel-lang-wachtwoord-1"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:overview")
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_staff_can_change_their_password(client):
    user = StaffUserFactory()
    log_in_staff(client, user)
    assert client.get(reverse("account_change_password")).status_code == 200
