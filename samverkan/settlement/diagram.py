"""Who pays whom, as a server-drawn SVG: municipalities on a circle, an arrow per payment.

The picture is for the eye; the page shows the same payments in a table beside it.
No inline style (strict CSP): presentation comes from classes in settlement.css.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from samverkan.lib.money import format_ore


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    x: float
    y: float
    balance: int


@dataclass(frozen=True)
class Arrow:
    payer: str
    payee: str
    amount: int
    path: str
    width: float
    title: str


@dataclass(frozen=True)
class Diagram:
    size: int
    nodes: list[Node]
    arrows: list[Arrow]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.size} {self.size}"


def draw(balances: dict[str, int], transfers: list, labels: dict[str, str], size: int = 520) -> Diagram:
    keys = sorted((k for k, v in balances.items() if v), key=lambda k: labels.get(k, k))
    centre, radius = size / 2, size / 2 - 70
    nodes = {}
    for i, key in enumerate(keys):
        angle = 2 * math.pi * i / max(len(keys), 1) - math.pi / 2
        nodes[key] = Node(
            key,
            labels.get(key, key),
            round(centre + radius * math.cos(angle), 1),
            round(centre + radius * math.sin(angle), 1),
            balances[key],
        )
    biggest = max((t.amount for t in transfers), default=1)
    arrows = []
    for t in transfers:
        a, b = nodes.get(t.payer), nodes.get(t.payee)
        if a is None or b is None:
            continue
        # Stop short of the circles so the arrowhead shows; bend towards the centre so opposite arrows part.
        dx, dy = b.x - a.x, b.y - a.y
        length = math.hypot(dx, dy) or 1
        sx, sy = a.x + dx / length * 12, a.y + dy / length * 12
        ex, ey = b.x - dx / length * 16, b.y - dy / length * 16
        cx, cy = (sx + ex) / 2 + (centre - (sx + ex) / 2) * 0.25, (sy + ey) / 2 + (centre - (sy + ey) / 2) * 0.25
        arrows.append(
            Arrow(
                t.payer,
                t.payee,
                t.amount,
                f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}",
                round(1 + 5 * t.amount / biggest, 1),
                f"{labels.get(t.payer, t.payer)} → {labels.get(t.payee, t.payee)}: {format_ore(t.amount)}",
            )
        )
    return Diagram(size, list(nodes.values()), arrows)
