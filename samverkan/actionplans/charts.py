"""Small SVG line charts drawn on the server (no JavaScript, no inline style: colours come from CSS classes
on the page and from presentation attributes in the PDF). Every chart is shown with a table of the same data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 360, 170
LEFT, RIGHT, TOP, BOTTOM = 46, 12, 14, 34


@dataclass
class Point:
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
    """A line over the rounds, with the baseline and the target as horizontal lines."""
    values = [p.value for p in points if p.value is not None]
    refs = [float(v) for v in (baseline, target) if v is not None]
    low = min([0.0, *values, *refs])
    high = max([1.0, *values, *refs])
    if high == low:
        high = low + 1
    high += (high - low) * 0.08
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / max(1, len(points)))

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    parts = [
        f'<svg class="ap-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<line class="ap-chart__axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}" '
        'stroke="#505a5f" stroke-width="1"/>',
        f'<line class="ap-chart__axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" '
        'stroke="#505a5f" stroke-width="1"/>',
    ]
    for tick in (low, (low + high) / 2, high):
        parts.append(
            f'<text class="ap-chart__tick" x="{LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" '
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
            f'<line class="{css}" x1="{LEFT}" y1="{ry:.1f}" x2="{WIDTH - RIGHT}" y2="{ry:.1f}" '
            f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
        if label:
            parts.append(
                f'<text class="{css}-label" x="{WIDTH - RIGHT}" y="{ry - 3:.1f}" text-anchor="end" font-size="10" '
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
            f'<text class="ap-chart__label" x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="10" fill="#0b0c0c">{escape(p.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
