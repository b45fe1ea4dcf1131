"""County figures: aggregates only, counts below SMALL_COUNT_THRESHOLD suppressed (DESIGN.md §2).

Nothing here names a person; the figures are shown to everyone logged in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q

from samverkan.exchange.models import Category, Placement
from samverkan.lib.suppression import suppress
from samverkan.lib.tz import today as local_today


@dataclass
class Flow:
    home: str
    provider: str
    count: int | None


def _running(day: dt.date):
    return Placement.objects.filter(status=Placement.Status.ACCEPTED, start__lte=day).filter(
        Q(end__isnull=True) | Q(end__gte=day)
    )


def flows(day: dt.date | None = None, limit: int = 200) -> list[Flow]:
    """Running placements across municipal borders, per home and provider municipality."""
    rows = (
        _running(day or local_today())
        .exclude(home_municipality=F("provider"))
        .values("home_municipality__name", "provider__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "home_municipality__name", "provider__name")[:limit]
    )
    return [Flow(r["home_municipality__name"], r["provider__name"], suppress(r["n"])) for r in rows]


def by_category(day: dt.date | None = None) -> list[tuple[str, int | None]]:
    counts = dict(_running(day or local_today()).values_list("service__category").annotate(n=Count("pk")).order_by())
    return [(str(label), suppress(counts.get(value, 0))) for value, label in Category.choices]
