"""The catalogue as everyone sees it: published services, searched and filtered, with free places.

Used by the public page, the open-data API (JSON and CSV) and the officers' placement form.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, ExpressionWrapper, F, FloatField, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from samverkan.exchange import search
from samverkan.exchange.models import Placement, Service, ServiceStart
from samverkan.organisations.models import Organisation

KM_PER_DEGREE_LATITUDE = 110.574
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.320


@dataclass
class Filters:
    q: str = ""
    category: str = ""
    language: str = ""
    municipality: Organisation | None = None
    near: Organisation | None = None
    distance: int | None = None

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> Filters:
        return cls(
            q=data.get("q") or "",
            category=data.get("category") or "",
            language=data.get("language") or "",
            municipality=data.get("municipality"),
            near=data.get("near"),
            distance=data.get("distance"),
        )


def annotate_places(services: QuerySet[Service], today: dt.date) -> QuerySet[Service]:
    """`taken` (accepted placements running today) and `next_start` (the next start date), as subqueries."""
    taken = (
        Placement.objects.filter(service=OuterRef("pk"), status=Placement.Status.ACCEPTED, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .order_by()
        .values("service")
        .annotate(n=Count("pk"))
        .values("n")
    )
    next_start = (
        ServiceStart.objects.filter(service=OuterRef("pk"), starts_on__gte=today)
        .order_by("starts_on")
        .values("starts_on")[:1]
    )
    return services.annotate(
        taken=Coalesce(Subquery(taken, output_field=IntegerField()), 0),
        next_start=Subquery(next_start),
    )


def _distance_squared(origin: Organisation) -> ExpressionWrapper:
    # An equirectangular approximation: within a county it is off by well under a per cent, and it
    # needs only arithmetic, so SQLite and PostgreSQL compute and index-free sort it alike.
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(origin.latitude or 0))
    lat = Coalesce(F("latitude"), F("provider__latitude"))
    lon = Coalesce(F("longitude"), F("provider__longitude"))
    dx = (lon - (origin.longitude or 0)) * kx
    dy = (lat - (origin.latitude or 0)) * KM_PER_DEGREE_LATITUDE
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def find(services: QuerySet[Service], filters: Filters, today: dt.date) -> QuerySet[Service]:
    """Search and filter `services` (already through the gate); nearest first when a place is given."""
    services = services.select_related("provider")
    if filters.category:
        services = services.filter(category=filters.category)
    if filters.language:
        services = services.filter(languages__contains=f",{filters.language},")
    if filters.municipality is not None:
        services = services.filter(provider=filters.municipality)
    services = annotate_places(services, today).order_by("name", "id")
    if filters.near is not None and filters.near.latitude is not None:
        services = services.annotate(distance_squared=_distance_squared(filters.near))
        if filters.distance:
            services = services.filter(distance_squared__lte=filters.distance**2)  # type: ignore[misc]
        services = services.order_by("distance_squared", "name", "id")
    if filters.q:
        services = search.search(services, filters.q)
        if filters.near is not None and filters.near.latitude is not None:
            services = services.order_by("distance_squared", "name", "id")  # type: ignore[misc]
    return services


def distance_km(service: Service) -> float | None:
    squared = getattr(service, "distance_squared", None)
    return round(math.sqrt(squared), 1) if squared is not None else None


def free_places(service: Service) -> int:
    return max(service.capacity - getattr(service, "taken", 0), 0)
