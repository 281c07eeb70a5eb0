"""The results page's figures as plain numbers for SVG templates (no JavaScript, no library).

- `vote_chart`: horizontal bars of votes (or points) per project, the funded ones marked;
- `project_map`: the area's outline with a numbered dot per funded project that has a place.

The map uses the projection of organisations.shapes (equirectangular, x scaled by the cosine of
the latitude), fitted around the outline and the dots together. Bad shapes are left out, never
an error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from samenspraak.core.charts import BarLayout, bar_places, shorten
from samenspraak.core.geo import read_polygons

LAYOUT = BarLayout(row_height=30, bar_height=20, label_width=280, bar_area=340, value_width=90)

MAP_SIZE = 400.0
MAP_PADDING = 16.0


@dataclass
class Bar:
    label: str
    value: float
    funded: bool
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass
class BarChart:
    width: int
    height: int
    bar_x: int
    bars: list[Bar]


def vote_chart(rows) -> BarChart:
    """Bars for rows with `.title`, `.score` and `.funded`, scaled to the largest score."""
    places = bar_places([row.score for row in rows], LAYOUT)
    bars = [
        Bar(
            label=shorten(row.title, 36),
            value=row.score,
            funded=row.funded,
            y=place.y,
            text_y=place.text_y,
            width=place.width,
            value_x=place.value_x,
        )
        for row, place in zip(rows, places, strict=True)
    ]
    return BarChart(
        width=LAYOUT.width,
        height=LAYOUT.height(len(bars)),
        bar_x=LAYOUT.label_width,
        bars=bars,
    )


@dataclass
class MapPoint:
    number: int
    label: str
    x: float
    y: float


@dataclass
class ProjectMap:
    width: float
    height: float
    paths: list[str]
    points: list[MapPoint]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width:g} {self.height:g}"


def _rings(shape) -> list[list[tuple[float, float]]]:
    """The valid rings of a GeoJSON (Multi)Polygon, Feature or FeatureCollection."""
    return [ring for polygon in read_polygons(shape) or [] for ring in polygon]


def _valid_point(lat, lon) -> bool:
    return (
        isinstance(lat, int | float)
        and isinstance(lon, int | float)
        and -90 <= lat <= 90
        and -180 <= lon <= 180
    )


def project_map(shapes, places) -> ProjectMap | None:
    """`places`: (number, label, latitude, longitude); None when no place can be drawn."""
    places = [p for p in places if _valid_point(p[2], p[3])]
    if not places:
        return None
    rings = [ring for shape in shapes for ring in _rings(shape)]
    lons = [lon for ring in rings for lon, _ in ring] + [p[3] for p in places]
    lats = [lat for ring in rings for _, lat in ring] + [p[2] for p in places]
    min_lon, max_lon, min_lat, max_lat = min(lons), max(lons), min(lats), max(lats)
    x_factor = math.cos(math.radians((min_lat + max_lat) / 2))
    span_x = max((max_lon - min_lon) * x_factor, 1e-4)
    span_y = max(max_lat - min_lat, 1e-4)
    scale = (MAP_SIZE - 2 * MAP_PADDING) / max(span_x, span_y)
    width = round(span_x * scale + 2 * MAP_PADDING, 1)
    height = round(span_y * scale + 2 * MAP_PADDING, 1)

    def project(lon, lat):
        return (
            round(MAP_PADDING + (lon - min_lon) * x_factor * scale, 1),
            round(MAP_PADDING + (max_lat - lat) * scale, 1),
        )

    paths = []
    for ring in rings:
        head, *tail = [project(lon, lat) for lon, lat in ring]
        paths.append(f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z")
    points = []
    for number, label, lat, lon in places:
        x, y = project(lon, lat)
        points.append(MapPoint(number=number, label=label, x=x, y=y))
    return ProjectMap(width=width, height=height, paths=paths, points=points)
