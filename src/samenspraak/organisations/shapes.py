"""Draw an area's GeoJSON shape as an SVG path, on the server, so it works without JavaScript.

Longitude/latitude are projected with a simple equirectangular projection (x scaled by the cosine
of the latitude), which is exact enough at the size of a municipality. Bad or unknown geometry
gives None, so a page never fails on a shape typed in the admin.
"""

import math
from dataclasses import dataclass

SIZE = 400.0  # the longest side of the drawing, in SVG units
PADDING = 8.0


@dataclass(frozen=True)
class SvgShape:
    path: str
    width: float
    height: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _polygons(geometry) -> list:
    """The polygons (each a list of rings of [lon, lat]) in a GeoJSON geometry or feature."""
    if not isinstance(geometry, dict):
        return []
    kind = geometry.get("type")
    if kind == "Feature":
        return _polygons(geometry.get("geometry"))
    if kind == "FeatureCollection":
        return [p for f in geometry.get("features") or [] for p in _polygons(f)]
    coordinates = geometry.get("coordinates")
    if kind == "Polygon":
        return [coordinates]
    if kind == "MultiPolygon" and isinstance(coordinates, list):
        return list(coordinates)
    return []


def _valid_ring(ring) -> list[tuple[float, float]] | None:
    if not isinstance(ring, list) or len(ring) < 3:
        return None
    points = []
    for point in ring:
        if not isinstance(point, list | tuple) or len(point) < 2:
            return None
        lon, lat = point[0], point[1]
        if isinstance(lon, bool) or isinstance(lat, bool):
            return None
        if not isinstance(lon, int | float) or not isinstance(lat, int | float):
            return None
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return None
        points.append((float(lon), float(lat)))
    return points


def shape_to_svg(shape) -> SvgShape | None:
    """An SVG path (with its size) for a GeoJSON Polygon/MultiPolygon, or None if it has none."""
    rings = []
    for polygon in _polygons(shape):
        if not isinstance(polygon, list):
            return None
        for ring in polygon:
            points = _valid_ring(ring)
            if points is None:
                return None
            rings.append(points)
    if not rings:
        return None

    lons = [lon for ring in rings for lon, _ in ring]
    lats = [lat for ring in rings for _, lat in ring]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    x_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = (max_lon - min_lon) * x_factor
    span_y = max_lat - min_lat
    if span_x <= 0 or span_y <= 0:
        return None
    scale = (SIZE - 2 * PADDING) / max(span_x, span_y)
    width = round(span_x * scale + 2 * PADDING, 1)
    height = round(span_y * scale + 2 * PADDING, 1)

    parts = []
    for ring in rings:
        coords = [
            (
                round(PADDING + (lon - min_lon) * x_factor * scale, 1),
                round(PADDING + (max_lat - lat) * scale, 1),  # north is up: y grows southwards
            )
            for lon, lat in ring
        ]
        head, *tail = coords
        parts.append(f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z")
    return SvgShape(path="".join(parts), width=width, height=height)
