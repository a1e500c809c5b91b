"""Numbers -> geometry for small server-rendered SVG charts (no JavaScript, no CDN).

The templates draw the rectangles; every chart also carries its numbers as a
table for screen readers and for copying.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    css: str = ""


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    maximum: int


def column_chart(
    points: list[tuple[str, int]],
    *,
    width: int = 600,
    height: int = 160,
    gap: float = 2,
) -> Chart:
    """Vertical bars, one per point, scaled to the largest value."""
    maximum = max((v for _, v in points), default=0) or 1
    slot = width / max(len(points), 1)
    bars = []
    for index, (label, value) in enumerate(points):
        bar_height = (height - 16) * value / maximum
        bars.append(
            Bar(
                label=label,
                value=value,
                x=round(index * slot + gap / 2, 2),
                y=round(height - bar_height, 2),
                width=round(max(slot - gap, 1), 2),
                height=round(bar_height, 2),
            )
        )
    return Chart(bars=bars, width=width, height=height, maximum=maximum)


def bar_chart(
    rows: list[tuple[str, int, str]], *, width: int = 420, row_height: int = 26
) -> Chart:
    """Horizontal bars with a label column; ``rows`` are (label, value, css class)."""
    maximum = max((v for _, v, _ in rows), default=0) or 1
    label_width, number_width = 130, 50
    usable = width - label_width - number_width
    bars = [
        Bar(
            label=label,
            value=value,
            x=label_width,
            y=index * row_height,
            width=round(usable * value / maximum, 2),
            height=row_height - 6,
            css=css,
        )
        for index, (label, value, css) in enumerate(rows)
    ]
    return Chart(bars=bars, width=width, height=row_height * len(rows), maximum=maximum)
