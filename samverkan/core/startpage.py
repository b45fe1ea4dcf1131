"""Panels on the start page, registered by the apps that own their data.

A panel is a function `(request) -> Panel | None`; it returns None when it has
nothing for this user. Each app registers its panels in AppConfig.ready().
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest


@dataclass
class Panel:
    title: Any
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 100


PanelFunc = Callable[[HttpRequest], Panel | None]
_PANELS: list[PanelFunc] = []


def register(func: PanelFunc) -> PanelFunc:
    if func not in _PANELS:
        _PANELS.append(func)
    return func


def panels_for(request: HttpRequest) -> list[Panel]:
    panels = [panel for func in _PANELS if (panel := func(request)) is not None]
    return sorted(panels, key=lambda p: p.order)
