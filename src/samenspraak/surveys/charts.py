"""Horizontal bar charts as plain numbers for an SVG template (no JavaScript, no library)."""

from __future__ import annotations

from dataclasses import dataclass

from samenspraak.core.charts import BarLayout, bar_places, shorten

LAYOUT = BarLayout(row_height=32, bar_height=20, label_width=260, bar_area=360, value_width=110)


@dataclass
class ChartRow:
    label: str
    count: int
    percent: float
    y: int
    text_y: int
    width: float
    value_x: float
    average: float | None = None


@dataclass
class Chart:
    width: int
    height: int
    bar_x: int
    rows: list[ChartRow]


def bar_chart(bars, *, value=lambda bar: bar.count) -> Chart:
    """Bars scaled to the largest value; `value` picks what the bar length shows."""
    places = bar_places([value(bar) for bar in bars], LAYOUT)
    rows = [
        ChartRow(
            label=shorten(bar.label, 34),
            count=bar.count,
            percent=bar.percent,
            y=place.y,
            text_y=place.text_y,
            width=place.width,
            value_x=place.value_x,
            average=getattr(bar, "average", None),
        )
        for bar, place in zip(bars, places, strict=True)
    ]
    return Chart(
        width=LAYOUT.width,
        height=LAYOUT.height(len(rows)),
        bar_x=LAYOUT.label_width,
        rows=rows,
    )
