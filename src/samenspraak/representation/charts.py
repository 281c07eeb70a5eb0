"""The gap chart: per group two bars, participants' share and the population's share, as plain
numbers for an SVG template (core.charts places the bars). Hidden cells ("< 10") get no bar."""

from __future__ import annotations

from dataclasses import dataclass

from samenspraak.core.charts import BarLayout, bar_places, shorten
from samenspraak.representation.gaps import Comparison

LAYOUT = BarLayout(row_height=22, bar_height=16, label_width=220, bar_area=340, value_width=90)
GROUP_GAP = 10


@dataclass
class Bar:
    label: str
    who: str  # "participants" or "population"
    value: float | None
    y: float
    text_y: float
    width: float
    value_x: float


@dataclass
class GapChart:
    width: int
    height: int
    bar_x: int
    bars: list[Bar]


def gap_chart(comparison: Comparison) -> GapChart | None:
    """None when nothing can be shown (every share hidden)."""
    values: list[float | None] = []
    for cell in comparison.cells:
        values += [cell.shown_participant_share, cell.shown_population_share]
    if all(value is None for value in values):
        return None
    places = bar_places(values, LAYOUT)
    bars = []
    for index, cell in enumerate(comparison.cells):
        offset = index * GROUP_GAP
        for j, who in enumerate(("participants", "population")):
            place = places[2 * index + j]
            bars.append(
                Bar(
                    label=shorten(cell.label, 30) if j == 0 else "",
                    who=who,
                    value=values[2 * index + j],
                    y=place.y + offset,
                    text_y=place.text_y + offset,
                    width=place.width,
                    value_x=place.value_x,
                )
            )
    height = LAYOUT.height(len(values)) + GROUP_GAP * len(comparison.cells)
    return GapChart(width=LAYOUT.width, height=height, bar_x=LAYOUT.label_width, bars=bars)
