"""core.geo: one strict check for shapes people give, one lenient reading of stored shapes."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from samenspraak.core.geo import (
    MAX_POSITIONS,
    MAX_SHAPE_BYTES,
    parse_shape,
    point_in_shape,
    read_polygons,
    validate_shape,
)

SQUARE = {"type": "Polygon", "coordinates": [[[5, 52], [5.2, 52], [5.2, 52.2], [5, 52.2], [5, 52]]]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{niet json", "geen geldige JSON"),
        ("[" * 100_000 + "]" * 100_000, "geen geldige JSON"),  # nesting: no RecursionError
        (b"\xff\xfe", "geen geldige JSON"),
        ('"Polygon"', "GeoJSON-object"),
        ('{"type": "LineString", "coordinates": [[5, 52], [6, 53]]}', "Polygon of MultiPolygon"),
        ('{"type": "MultiPolygon", "coordinates": []}', "minstens één polygoon"),
        ('{"type": "Polygon", "coordinates": []}', "minstens één ring"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [5, 52]]]}', "vier punten"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 53]]]}', "gesloten"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 95], [5, 52]]]}', "WGS84"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, NaN], [5, 52]]]}', "WGS84"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], [true, 52], [6, 3], [5, 52]]]}', "lengte"),
        ('{"type": "Polygon", "coordinates": [[[5, 52], ["6", 52], [6, 3], [5, 52]]]}', "lengte"),
    ],
)
def test_bad_shapes_get_a_clear_dutch_message(text, message):
    with translation.override("nl"), pytest.raises(ValidationError) as error:
        parse_shape(text)
    assert message in error.value.messages[0]


def test_size_limits():
    with translation.override("nl"), pytest.raises(ValidationError, match="te groot"):
        parse_shape(" " * (MAX_SHAPE_BYTES + 1))
    ring = [[5 + i / MAX_POSITIONS, 52] for i in range(MAX_POSITIONS)] + [[5, 52]]
    with translation.override("nl"), pytest.raises(ValidationError, match="te veel punten"):
        validate_shape({"type": "Polygon", "coordinates": [ring]})


def test_a_good_polygon_and_multipolygon_are_accepted():
    assert parse_shape(json.dumps(SQUARE)) == SQUARE
    multi = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]}
    assert parse_shape(json.dumps(multi).encode()) == multi


def test_reading_a_stored_shape_unwraps_features_and_never_raises():
    feature = {"type": "Feature", "properties": {}, "geometry": SQUARE}
    assert read_polygons(feature) == read_polygons(SQUARE)
    assert len(read_polygons({"type": "FeatureCollection", "features": [feature, feature]})) == 2
    odd_shapes = [None, "x", {}, {"type": "Polygon", "coordinates": "x"}, {"type": "Point"}]
    odd_shapes.append({"type": "FeatureCollection"})  # raised TypeError before mypy saw it
    for odd in odd_shapes:
        assert read_polygons(odd) is None
    half_bad = {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"], [[[5, "a"]]]]}
    assert read_polygons(half_bad) is None


def test_point_in_shape_respects_holes():
    outer = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    shape = {"type": "Polygon", "coordinates": [outer, hole]}
    assert point_in_shape(2, 2, shape)
    assert not point_in_shape(5, 5, shape)
    assert not point_in_shape(5, 11, shape)
    assert not point_in_shape(1, 1, {"type": "Point", "coordinates": [1, 1]})
