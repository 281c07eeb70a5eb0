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


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ('{"type": "Point", "coordinates": [5.1, 52.1]}', "Polygon of MultiPolygon"),
        ('{"type": "Polygon", "coordinates": [[[5.1, 52.1], [5.2, 52.1], [5.2, 52.2]]]}', "vier"),
        (
            '{"type": "Polygon", "coordinates": [[[5, 52], [5.2, 52], [5.2, 52.2], [5, 52.2]]]}',
            "gesloten",
        ),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [500, 52], [5, 53], [5, 52]]]}', "WGS84"),
    ],
)
def test_a_bad_shape_typed_in_the_admin_gets_a_message_and_is_not_saved(
    admin_client, typed, message
):
    """The admin saved any JSON as a shape; the model field now checks it (core.geo)."""
    area = AreaFactory(municipality=MunicipalityFactory(), name="Binnenstad")
    url = reverse("admin:organisations_area_change", args=[area.pk])
    data = {
        "municipality": area.municipality_id,
        "kind": area.kind,
        "name": area.name,
        "slug": area.slug,
        "cbs_code": "",
        "description": "",
        "shape": typed,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    area.refresh_from_db()
    assert area.shape is None or area.shape != typed
