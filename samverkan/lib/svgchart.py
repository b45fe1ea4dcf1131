"""Server-drawn SVG charts: bar charts (groups, e.g. years, of bars, e.g. expected and
received; geometry for a template) and line charts (a value over rounds with a baseline
and a target; the markup itself).

Like `svgmap`, a chart is a picture for the eye and carries no data of its own: every
page that shows one puts a table with the same figures beside it. No JavaScript and no
inline style under the strict CSP: colours come from CSS classes (and, for the line
chart drawn into PDFs, from presentation attributes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


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


# The line chart's size and margins (a small chart beside its table).
_LINE_WIDTH, _LINE_HEIGHT = 360, 170
_LINE_MARGINS = (46, 12, 14, 34)  # left, right, top, bottom


@dataclass
class Point:
    """One value of a line chart; None leaves a gap (no point drawn)."""

    label: str
    value: float | None


def _fmt(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}".replace(",", "\u00a0")
    return f"{value:.1f}".replace(".", ",")


def line_chart(
    points: Sequence[Point],
    *,
    title: str,
    baseline: float | Decimal | None = None,
    target: float | Decimal | None = None,
    baseline_label: str = "",
    target_label: str = "",
) -> SafeString:
    """A line over the rounds, with the baseline and the target as horizontal lines: the SVG
    markup itself (presentation attributes as well as classes, so that the PDF, which has
    no page stylesheet, draws it in the same colours)."""
    width, height = _LINE_WIDTH, _LINE_HEIGHT
    left, right, top, bottom = _LINE_MARGINS
    values = [p.value for p in points if p.value is not None]
    refs = [float(v) for v in (baseline, target) if v is not None]
    low = min([0.0, *values, *refs])
    high = max([1.0, *values, *refs])
    if high == low:
        high = low + 1
    high += (high - low) * 0.08
    plot_w = width - left - right
    plot_h = height - top - bottom

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / max(1, len(points)))

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    parts = [
        f'<svg class="ap-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="ap-chart__axis" x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        'stroke="#505a5f" stroke-width="1"/>',
        f'<line class="ap-chart__axis" x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" '
        'stroke="#505a5f" stroke-width="1"/>',
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text class="ap-chart__tick" x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="10" fill="#505a5f">{_fmt(tick)}</text>'
        )
    for ref, css, colour, label in (
        (baseline, "ap-chart__baseline", "#6f777b", baseline_label),
        (target, "ap-chart__target", "#00703c", target_label),
    ):
        if ref is None:
            continue
        ry = y(float(ref))
        parts.append(
            f'<line class="{css}" x1="{left}" y1="{ry:.1f}" x2="{width - right}" y2="{ry:.1f}" '
            f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        if label:
            parts.append(
                f'<text class="{css}-label" x="{width - right}" y="{ry - 3:.1f}" text-anchor="end" font-size="10" '
                f'fill="{colour}">{escape(label)}</text>'
            )
    coords = [(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None]
    if len(coords) > 1:
        path = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)
        parts.append(
            f'<polyline class="ap-chart__line" points="{path}" fill="none" stroke="#005b99" stroke-width="2.5"/>'
        )
    for cx, cy in coords:
        parts.append(f'<circle class="ap-chart__point" cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#005b99"/>')
    for i, p in enumerate(points):
        parts.append(
            f'<text class="ap-chart__label" x="{x(i):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="10" fill="#0b0c0c">{escape(p.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
