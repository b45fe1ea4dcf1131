"""Server-drawn SVG bar charts: groups (e.g. years) of bars (e.g. expected, received).

Like `svgmap`, the chart is a picture for the eye and carries no data of its own:
every page that shows one puts a table with the same figures beside it. Colours
come from CSS classes (no inline style under the strict CSP).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    css_class: str
    title: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    bars: list[Bar]
    group_labels: list[Label]
    gridlines: list[Label]  # y and the value's text, for a scale on the left
    baseline: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(
    groups: Sequence[tuple[str, Sequence[tuple[str, int | None, str]]]],
    *,
    format_value=str,
    width: int = 640,
    height: int = 260,
    ticks: int = 4,
) -> BarChart:
    """`groups`: (group label, [(series css class, value or None, bar title)]). None draws no bar.

    Negative values are drawn as zero: the charts show amounts, and a difference is read in the table.
    """
    left, right, top, bottom = 90, 8, 10, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [max(v or 0, 0) for _, series in groups for _, v, _ in series]
    top_value = _nice_max(max(values, default=0))
    baseline = top + plot_h
    bars: list[Bar] = []
    labels: list[Label] = []
    slot = plot_w / max(len(groups), 1)
    for i, (group, series) in enumerate(groups):
        n = max(len(series), 1)
        bar_w = slot * 0.8 / n
        start = left + i * slot + slot * 0.1
        for j, (css_class, value, title) in enumerate(series):
            if value is None:
                continue
            h = plot_h * max(value, 0) / top_value
            bars.append(Bar(round(start + j * bar_w, 1), round(baseline - h, 1), round(bar_w * 0.9, 1),
                            round(h, 1), css_class, title))  # fmt: skip
        labels.append(Label(round(left + i * slot + slot / 2, 1), height - 8, group))
    gridlines = [
        Label(left - 6, round(baseline - plot_h * k / ticks, 1), format_value(int(top_value * k / ticks)))
        for k in range(ticks + 1)
    ]
    return BarChart(width, height, bars, labels, gridlines, baseline)
