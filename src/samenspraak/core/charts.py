"""Horizontal bar charts as plain numbers for SVG templates (no JavaScript, no library).

An app keeps its own bar type (what a bar says: votes, answers, points) and asks here where each
bar goes: `BarLayout` holds the sizes, `bar_places` scales the values to the largest one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: Space between a bar's end and its value label, and above the first bar.
GAP = 8
TOP = 6


@dataclass(frozen=True)
class BarLayout:
    row_height: int
    bar_height: int
    label_width: int
    bar_area: int
    value_width: int

    @property
    def width(self) -> int:
        return self.label_width + self.bar_area + self.value_width

    def height(self, rows: int) -> int:
        """The chart's height for `rows` bars (an empty chart is one row high)."""
        return max(rows, 1) * self.row_height + TOP


@dataclass(frozen=True)
class BarPlace:
    y: int
    text_y: int
    width: float
    value_x: float


def bar_places(values: Sequence[float | None], layout: BarLayout) -> list[BarPlace]:
    """Where each bar goes, top to bottom; lengths scaled to the largest value (None counts 0)."""
    numbers = [value or 0 for value in values]
    top = max(numbers, default=0) or 1
    places = []
    for i, value in enumerate(numbers):
        y = i * layout.row_height + TOP
        length = layout.bar_area * value / top
        places.append(
            BarPlace(
                y=y,
                text_y=y + layout.bar_height - 5,
                width=round(length, 1),
                value_x=round(layout.label_width + GAP + length, 1),
            )
        )
    return places


def shorten(label: str, limit: int) -> str:
    """`label` cut to `limit` characters with an ellipsis."""
    return label if len(label) <= limit else label[: limit - 1] + "…"
