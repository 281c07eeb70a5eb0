"""The opinion map: participants' positions scaled into an SVG view box, per group a shape."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 640, 400, 24
GROUP_LETTERS = "ABCDE"


@dataclass
class MapPoint:
    x: float
    y: float
    group: int


@dataclass
class MapLabel:
    x: float
    y: float
    letter: str
    group: int


@dataclass
class OpinionMap:
    width: int
    height: int
    points: list[MapPoint]
    labels: list[MapLabel]


def letter(group: int) -> str:
    return GROUP_LETTERS[group] if group < len(GROUP_LETTERS) else str(group + 1)


def opinion_map(result: dict) -> OpinionMap | None:
    points = result.get("points") or []
    if not points:
        return None
    xs = [p[0] for p in points] + [g["centre"][0] for g in result["groups"]]
    ys = [p[1] for p in points] + [g["centre"][1] for g in result["groups"]]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (WIDTH - 2 * MARGIN) / ((x1 - x0) or 1.0)
    sy = (HEIGHT - 2 * MARGIN) / ((y1 - y0) or 1.0)

    def place(x: float, y: float) -> tuple[float, float]:
        return round(MARGIN + (x - x0) * sx, 1), round(HEIGHT - MARGIN - (y - y0) * sy, 1)

    return OpinionMap(
        width=WIDTH,
        height=HEIGHT,
        points=[MapPoint(*place(x, y), group=int(g)) for x, y, g in points],
        labels=[
            MapLabel(*place(*g["centre"]), letter=letter(g["id"]), group=g["id"])
            for g in result["groups"]
        ],
    )
