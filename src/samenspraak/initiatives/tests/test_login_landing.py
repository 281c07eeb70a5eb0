"""A council member whose profile the clerk verified lands on their own page after the
password and the second factor (core.components.LoginLanding); a council member without a
verified profile, other staff and residents land where they always did, and a ?next= wins."""

import pytest
from django.urls import reverse

from samenspraak.accounts.factories import STAFF_PASSWORD, StaffUserFactory, totp_code
from samenspraak.accounts.models import Role
from samenspraak.initiatives import selectors, services
from samenspraak.organisations.factories import current_or_new_municipality

pytestmark = pytest.mark.django_db


def verify(clerk, user):
    services.council_member_save(
        actor=clerk,
        municipality=current_or_new_municipality(),
        user=user,
        name="Sanne de Wit",
        party="Groen Voorbeeldstad",
    )


def log_in(client, user, next_url=""):
    """Password, then the authenticator code; returns where the person is sent."""
    data = {"login": user.email, "password": STAFF_PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("account_login"), data)
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(user)})
    assert response.status_code == 302
    return response["Location"]


def test_a_verified_council_member_lands_on_their_own_page(client, clerk, council_member):
    verify(clerk, council_member)
    landing = log_in(client, council_member)
    assert landing == reverse("initiatives:council_dashboard")
    page = client.get(landing)
    assert page.status_code == 200
    assert "Sanne de Wit" in page.content.decode()


def test_a_council_member_without_a_verified_profile_lands_on_the_staff_page(
    client, council_member
):
    assert log_in(client, council_member) == reverse("staff:index")


@pytest.mark.parametrize("role", [Role.CLERK, Role.PROCESS_MANAGER, Role.ADMINISTRATOR])
def test_other_staff_land_on_the_staff_page(client, role):
    assert log_in(client, StaffUserFactory(role=role)) == reverse("staff:index")


def test_next_goes_before_the_landing(client, clerk, council_member):
    verify(clerk, council_member)
    assert log_in(client, council_member, next_url="/initiatieven/") == "/initiatieven/"


def test_the_landing_costs_one_query_and_none_for_others(
    clerk, council_member, django_assert_num_queries
):
    verify(clerk, council_member)
    with django_assert_num_queries(1):
        assert selectors.council_landing(council_member) == reverse("initiatives:council_dashboard")
    with django_assert_num_queries(0):
        assert selectors.council_landing(clerk) is None
