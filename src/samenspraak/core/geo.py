"""Area shapes: GeoJSON Polygon and MultiPolygon in WGS84 (longitude, latitude), RFC 7946.

One module reads them, for every app:

- `parse_shape(text)`: JSON text as typed or uploaded -> a checked shape (a dict);
- `validate_shape(shape)`: the one strict check, used by the Area model field (so the admin
  checks too), the area services and `parse_shape`. Each failure is a ValidationError with
  a plain Dutch message: not JSON, too large, not a (Multi)Polygon, a ring with fewer than
  four positions or not closed, a position that is not two numbers within WGS84 bounds;
- `read_polygons(shape)`: the polygons of a stored shape (also a Feature or FeatureCollection,
  as most tools export them) for drawing and point tests. It never raises: a shape it cannot
  read as a whole gives None, so a page never fails on an old or odd shape;
- `point_in_shape(lat, lon, shape)`: is a point inside (and not in a hole)?

Limits: MAX_SHAPE_BYTES of JSON text and MAX_POSITIONS positions. A CBS wijk or buurt outline
has a few hundred to a few thousand positions; the limits leave room for detailed outlines and
keep a pasted or uploaded file from tying up a worker.
"""

from __future__ import annotations

import json
from numbers import Real

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SHAPE_BYTES = 2_000_000
MAX_POSITIONS = 100_000

Ring = list[tuple[float, float]]
Polygon = list[Ring]


def parse_shape(text: str | bytes) -> dict:
    """The shape in JSON `text`, checked by `validate_shape`; ValidationError otherwise."""
    if len(text) > MAX_SHAPE_BYTES:
        raise ValidationError(
            _("De vorm is te groot: hoogstens %(max)s MB.") % {"max": MAX_SHAPE_BYTES // 1_000_000},
            code="too_large",
        )
    try:
        shape = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError, bad UTF-8, absurd nesting
        raise ValidationError(
            _("De vorm is geen geldige JSON. Plak de GeoJSON precies zoals u hem kreeg."),
            code="invalid_json",
        ) from None
    validate_shape(shape)
    return shape


def validate_shape(shape: object) -> None:
    """Raise ValidationError unless `shape` is a GeoJSON Polygon or MultiPolygon whose rings
    have at least four positions, are closed and lie within WGS84 bounds."""
    if not isinstance(shape, dict):
        raise ValidationError(_("De vorm moet een GeoJSON-object zijn."), code="not_object")
    kind, coordinates = shape.get("type"), shape.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        if not isinstance(coordinates, list) or not coordinates:
            raise ValidationError(
                _("Een MultiPolygon heeft minstens één polygoon."), code="empty_multipolygon"
            )
        polygons = coordinates
    else:
        raise ValidationError(
            _("De vorm moet een GeoJSON Polygon of MultiPolygon zijn."), code="not_polygon"
        )
    count = 0
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise ValidationError(_("Een polygoon heeft minstens één ring."), code="no_ring")
        for ring in polygon:
            _check_ring(ring)
            count += len(ring)
    if count > MAX_POSITIONS:
        raise ValidationError(
            _("De vorm heeft te veel punten: hoogstens %(max)s.") % {"max": MAX_POSITIONS},
            code="too_many_positions",
        )


def _pair(point: object) -> tuple[float, float] | None:
    """(lon, lat) when `point` starts with two numbers (booleans are no numbers), else None."""
    if not isinstance(point, list | tuple) or len(point) < 2:
        return None
    lon, lat = point[0], point[1]
    if not all(isinstance(n, Real) and not isinstance(n, bool) for n in (lon, lat)):
        return None
    return float(lon), float(lat)


def _position(point: object) -> tuple[float, float] | None:
    """(lon, lat) when `point` is two numbers within WGS84 bounds, else None."""
    pair = _pair(point)
    if pair is None or not (-180 <= pair[0] <= 180 and -90 <= pair[1] <= 90):  # refuses NaN too
        return None
    return pair


def _check_ring(ring: object) -> None:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(_("Een ring heeft minstens vier punten."), code="short_ring")
    for point in ring:
        if _pair(point) is None:
            raise ValidationError(
                _("Een punt bestaat uit een lengtegraad en een breedtegraad."), code="position"
            )
        if _position(point) is None:
            raise ValidationError(
                _("Een punt ligt buiten de grenzen van WGS84."), code="out_of_range"
            )
    if list(ring[0]) != list(ring[-1]):
        raise ValidationError(
            _("Een ring moet gesloten zijn: het laatste punt is het eerste."), code="open_ring"
        )


def _geometries(shape: object) -> list:
    """The (Multi)Polygon geometries in a geometry, Feature or FeatureCollection."""
    if not isinstance(shape, dict):
        return []
    kind = shape.get("type")
    if kind == "Feature":
        return _geometries(shape.get("geometry"))
    if kind == "FeatureCollection":
        features = shape.get("features")
        if not isinstance(features, list):
            return []
        return [g for f in features for g in _geometries(f)]
    return [shape] if kind in ("Polygon", "MultiPolygon") else []


def read_polygons(shape: object) -> list[Polygon] | None:
    """The polygons of a stored shape as (lon, lat) rings, or None when the shape cannot be read
    as a whole (no polygon, a ring of fewer than three usable positions, bad numbers). Rings need
    not be closed here: drawings and point tests close them themselves."""
    result: list[Polygon] = []
    for geometry in _geometries(shape):
        coordinates = geometry.get("coordinates")
        if not isinstance(coordinates, list):
            return None
        polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
        for polygon in polygons:
            if not isinstance(polygon, list) or not polygon:
                return None
            rings: Polygon = []
            for ring in polygon:
                points = [_position(p) for p in ring] if isinstance(ring, list) else []
                if len(points) < 3 or any(p is None for p in points):
                    return None
                rings.append([p for p in points if p is not None])
            result.append(rings)
    return result or None


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    """Ray casting: count the ring's edges crossed by a ray from the point to the east."""
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def point_in_shape(lat: float, lon: float, shape: object) -> bool:
    """Is the point inside the shape (inside an outer ring and not in one of its holes)?"""
    for outer, *holes in read_polygons(shape) or []:
        if _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, h) for h in holes):
            return True
    return False
