"""Writing municipalities and areas through organisations.services: bad data never gets saved."""

import pytest
from django.core.exceptions import ValidationError

from samenspraak.core.geo import validate_shape
from samenspraak.organisations.models import Area, AreaKind
from samenspraak.organisations.services import (
    area_create,
    areas_create,
    municipality_create,
)

pytestmark = pytest.mark.django_db

SQUARE = {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.0]]]}


@pytest.fixture
def municipality():
    return municipality_create(name="Gemeente Proefdorp", slug="proefdorp")


def test_municipality_with_a_bad_oin_is_rejected():
    with pytest.raises(ValidationError) as error:
        municipality_create(name="Gemeente X", slug="x", oin="1234")
    assert "oin" in error.value.message_dict


@pytest.mark.parametrize(
    "shape",
    [
        {"type": "Point", "coordinates": [5.0, 52.0]},
        {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1]]]},
        {"type": "Polygon", "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.0, 52.0]]]},
        {"type": "Polygon", "coordinates": [[[500, 52.0], [5.1, 52.0], [5.1, 52.1], [500, 52.0]]]},
        {"type": "Polygon", "coordinates": [[["5", 52.0], [5.1, 52.0], [5.1, 52.1], ["5", 52.0]]]},
        {"type": "MultiPolygon", "coordinates": []},
        "not a shape",
    ],
)
def test_invalid_shapes_are_rejected(shape, municipality):
    with pytest.raises(ValidationError):
        validate_shape(shape)
    with pytest.raises(ValidationError) as error:
        area_create(municipality=municipality, name="Noord", slug="noord", shape=shape)
    assert not Area.objects.exists()
    if isinstance(shape, dict):
        assert "shape" in error.value.message_dict


def test_closed_polygon_and_multipolygon_are_accepted(municipality):
    validate_shape(SQUARE)
    validate_shape({"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]})
    wijk = area_create(municipality=municipality, name="Noord", slug="noord", shape=SQUARE)
    assert wijk.shape == SQUARE and wijk.kind == AreaKind.DISTRICT


def test_a_buurt_lies_in_a_wijk_of_the_same_municipality(municipality):
    other = municipality_create(name="Gemeente Anders", slug="anders")
    wijk = area_create(municipality=municipality, name="Noord", slug="noord")
    buurt = area_create(
        municipality=municipality, name="Bloemen", slug="bloemen", kind="buurt", parent=wijk
    )
    with pytest.raises(ValidationError):
        area_create(municipality=municipality, name="Los", slug="los", kind="buurt")
    with pytest.raises(ValidationError):
        area_create(municipality=municipality, name="Diep", slug="diep", kind="buurt", parent=buurt)
    with pytest.raises(ValidationError):
        area_create(municipality=other, name="Fout", slug="fout", kind="buurt", parent=wijk)
    with pytest.raises(ValidationError):
        area_create(municipality=municipality, name="Wijk2", slug="wijk2", parent=wijk)


def test_areas_create_is_all_or_nothing(municipality):
    plan = [
        {"name": "Noord", "slug": "noord", "children": [{"name": "A", "slug": "a"}]},
        {"name": "Zuid", "slug": "zuid", "children": [{"name": "Dubbel", "slug": "noord"}]},
    ]
    with pytest.raises(ValidationError):
        areas_create(municipality=municipality, plan=plan)
    assert not Area.objects.exists()
    created = areas_create(municipality=municipality, plan=plan[:1])
    assert [(a.slug, a.parent.slug if a.parent else None) for a in created] == [
        ("noord", None),
        ("a", "noord"),
    ]
