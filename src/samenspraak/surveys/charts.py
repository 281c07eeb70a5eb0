"""Horizontal bar charts as plain numbers for an SVG template (no JavaScript, no library)."""

from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 32
BAR_HEIGHT = 20
LABEL_WIDTH = 260
BAR_AREA = 360
VALUE_WIDTH = 110


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
    values = [value(bar) or 0 for bar in bars]
    top = max(values, default=0) or 1
    rows = []
    for i, (bar, v) in enumerate(zip(bars, values, strict=True)):
        y = i * ROW_HEIGHT + 6
        rows.append(
            ChartRow(
                label=_shorten(bar.label),
                count=bar.count,
                percent=bar.percent,
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=round(BAR_AREA * v / top, 1),
                value_x=round(LABEL_WIDTH + 8 + BAR_AREA * v / top, 1),
                average=getattr(bar, "average", None),
            )
        )
    return Chart(
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT + 6,
        bar_x=LABEL_WIDTH,
        rows=rows,
    )


def _shorten(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
