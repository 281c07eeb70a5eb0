"""organisations.selectors.map_context: the area outlines the place map draws (consultation's
input form and budgeting's project form use it)."""

import pytest

from samenspraak.organisations.factories import AreaFactory, MunicipalityFactory
from samenspraak.organisations.selectors import map_context

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[5.0, 52.0], [5.1, 52.0], [5.1, 52.1], [5.0, 52.1], [5.0, 52.0]]],
}


def test_only_this_municipalitys_areas_with_an_outline_in_one_query(
    django_assert_num_queries, settings
):
    settings.SAMENSPRAAK_MAP_TILES = "https://tiles.example.nl/{z}/{x}/{y}.png"
    here = MunicipalityFactory()
    AreaFactory(municipality=here, name="Noord", shape=SQUARE)
    AreaFactory(municipality=here, name="Zonder vorm", shape=None)
    AreaFactory(municipality=MunicipalityFactory(), name="Elders", shape=SQUARE)
    with django_assert_num_queries(1):
        context = map_context(here.pk)
    features = context["map_shapes"]["features"]
    assert context["map_shapes"]["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in features] == ["Noord"]
    assert features[0]["geometry"] == SQUARE
    assert context["map_tiles"] == "https://tiles.example.nl/{z}/{x}/{y}.png"


def test_no_outlines_gives_an_empty_collection():
    here = MunicipalityFactory()
    AreaFactory(municipality=here, shape=None)
    assert map_context(here.pk)["map_shapes"] == {"type": "FeatureCollection", "features": []}
