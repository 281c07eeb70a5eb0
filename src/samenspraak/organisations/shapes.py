"""Draw an area's GeoJSON shape as an SVG path, on the server, so it works without JavaScript.

Longitude/latitude are projected with a simple equirectangular projection (x scaled by the cosine
of the latitude), which is exact enough at the size of a municipality. Bad or unknown geometry
gives None (core.geo.read_polygons), so a page never fails on an odd stored shape.
"""

import math
from dataclasses import dataclass

from samenspraak.core.geo import read_polygons

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


def shape_to_svg(shape) -> SvgShape | None:
    """An SVG path (with its size) for a GeoJSON Polygon/MultiPolygon, or None if it has none."""
    polygons = read_polygons(shape)
    if polygons is None:
        return None
    rings = [ring for polygon in polygons for ring in polygon]

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
