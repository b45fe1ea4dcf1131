"""The shared context of the demo loaders.

Each app that has demo data keeps it in `<app>/demo.py` with a function
`load(ctx: DemoContext) -> None`; `manage.py load_demo` calls them in the
order of INSTALLED_APPS, so an app finds the demo rows of the apps it uses.
Everything invented is marked as demo data where users see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

DEMO_PASSWORD = "samverkan-demo"  # noqa: S105 - printed for the demo; never used outside it


@dataclass
class DemoContext:
    today: dt.date
    users: dict[str, Any] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, organisation
    log: list[str] = field(default_factory=list)
