"""The menu, built from what each app registers in its AppConfig.ready().

Apps add their own entries, so the shell never imports a domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavItem:
    label: Any  # a lazy translation
    url_name: str
    order: int = 100
    roles: frozenset[str] | None = None  # None: everyone logged in
    public: bool = False  # shown to visitors who are not logged in
    active_prefix: str = ""
    visible: Callable[[Any], bool] | None = field(default=None, compare=False)

    def shown_to(self, user: Any) -> bool:
        if not getattr(user, "is_authenticated", False):
            return self.public
        if self.roles is not None and getattr(user, "role", None) not in self.roles:
            return False
        return self.visible(user) if self.visible else True


_REGISTRY: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in _REGISTRY:
            _REGISTRY.append(item)


def items_for(user: Any, path: str = "") -> list[dict[str, Any]]:
    entries = []
    for item in sorted(_REGISTRY, key=lambda i: (i.order, str(i.label))):
        if not item.shown_to(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        prefix = item.active_prefix or url
        active = (prefix != "/" and path.startswith(prefix)) or path == url
        entries.append({"label": item.label, "url": url, "active": active})
    return entries
