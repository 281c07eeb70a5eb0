import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenspraak.organisations.factories import SQUARE
from samenspraak.organisations.shapes import PADDING, SIZE, shape_to_svg


def _points(path: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", path)]


def test_polygon_becomes_a_closed_path_with_north_up():
    """A square ring becomes one closed subpath; the northern edge is at the top (small y)."""
    svg = shape_to_svg(SQUARE)
    assert svg.path.startswith("M") and svg.path.endswith("Z")
    assert svg.path.count("M") == 1
    points = _points(svg.path)
    assert len(points) == 5
    # The first point (5.10, 52.08) is the south-west corner: left and at the bottom.
    assert points[0] == (PADDING, svg.height - PADDING)
    # (5.10, 52.09) is north-west: left and at the top.
    assert points[3] == (PADDING, PADDING)


def test_longest_side_fills_the_drawing_and_aspect_follows_latitude():
    """Longitude degrees are shorter than latitude degrees in NL: the aspect ratio reflects it."""
    svg = shape_to_svg(SQUARE)
    # 0.02 deg lon * cos(52.085) ≈ 0.0123 vs 0.01 deg lat: wider than tall.
    assert svg.width == SIZE
    assert svg.height < svg.width
    ratio = (svg.width - 2 * PADDING) / (svg.height - 2 * PADDING)
    assert ratio == pytest.approx(1.229, abs=0.01)
    assert svg.view_box == f"0 0 {svg.width:g} {svg.height:g}"


def test_multipolygon_and_holes_give_one_subpath_per_ring():
    """Each ring (outer or hole) of each polygon becomes its own subpath."""
    outer = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    hole = [[0.4, 0.4], [0.6, 0.4], [0.6, 0.6], [0.4, 0.4]]
    other = [[2.0, 2.0], [3.0, 2.0], [3.0, 3.0], [2.0, 2.0]]
    shape = {"type": "MultiPolygon", "coordinates": [[outer, hole], [other]]}
    assert shape_to_svg(shape).path.count("M") == 3


def test_feature_wrapping_a_polygon_is_accepted():
    """A GeoJSON Feature (as exported by most tools) is unwrapped to its geometry."""
    assert shape_to_svg({"type": "Feature", "properties": {}, "geometry": SQUARE}) is not None


@pytest.mark.parametrize(
    "shape",
    [
        None,
        {},
        "Polygon",
        {"type": "Point", "coordinates": [5.1, 52.1]},
        {"type": "Polygon"},
        {"type": "Polygon", "coordinates": "x"},
        {"type": "Polygon", "coordinates": [[[5.1, 52.1], [5.2, 52.1]]]},
        {"type": "Polygon", "coordinates": [[[5.1, 52.1], [5.2, "a"], [5.2, 52.2]]]},
        {"type": "Polygon", "coordinates": [[[5.1, 52.1], [500, 52.1], [5.2, 52.2]]]},
        {"type": "Polygon", "coordinates": [[[5.1, 52.1], [5.1, 52.1], [5.1, 52.1]]]},
        {"type": "Polygon", "coordinates": [[[True, 52.1], [5.2, 52.1], [5.2, 52.2]]]},
        {"type": "MultiPolygon", "coordinates": [None]},
    ],
)
def test_bad_shapes_give_no_drawing(shape):
    """Anything that is not a usable polygon gives None, never an exception."""
    assert shape_to_svg(shape) is None


coordinate = st.tuples(
    st.floats(min_value=3.0, max_value=7.5, allow_nan=False),
    st.floats(min_value=50.5, max_value=53.7, allow_nan=False),
)


@given(st.lists(coordinate, min_size=3, max_size=40))
def test_every_point_lies_inside_the_drawing(points):
    """Whatever the polygon, all drawn points fall within the viewBox."""
    ring = [list(p) for p in points] + [list(points[0])]
    svg = shape_to_svg({"type": "Polygon", "coordinates": [ring]})
    if svg is None:
        return  # degenerate (all on one line of longitude or latitude)
    assert 0 < svg.width <= SIZE + 0.1 and 0 < svg.height <= SIZE + 0.1
    for x, y in _points(svg.path):
        assert -0.1 <= x <= svg.width + 0.1
        assert -0.1 <= y <= svg.height + 0.1
