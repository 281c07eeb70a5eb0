import pytest
from django.urls import reverse

from samenspraak.accounts.factories import StaffUserFactory
from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory


@pytest.fixture
def admin_client(client, db):
    # Staff always have a second factor (accounts' middleware), so the factory sets up TOTP.
    client.force_login(StaffUserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "url_name",
    ["admin:organisations_municipality_changelist", "admin:organisations_area_changelist"],
)
def test_admin_lists_municipalities_and_areas(admin_client, url_name):
    """Functional administrators can list the municipality and its areas in the Django admin."""
    wijk = AreaFactory(municipality=MunicipalityFactory(), name="Binnenstad")
    AreaFactory(parent=wijk, name="Oude Gracht")
    response = admin_client.get(reverse(url_name))
    assert response.status_code == 200


def test_admin_area_form_opens_with_parent_autocomplete(admin_client):
    """The area form opens; the parent is chosen by searching, not from a list of every area."""
    area = AreaFactory(municipality=MunicipalityFactory())
    response = admin_client.get(reverse("admin:organisations_area_change", args=[area.pk]))
    assert response.status_code == 200
    assert "admin-autocomplete" in response.content.decode()
