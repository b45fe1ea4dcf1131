"""The persons behind a difference: the people received in the months where what came
differs from what should have come. Shown only to the municipality's own people
(`models.sees_own_people`), and every showing is audited by the view or API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from samverkan.organisations.models import Organisation
from samverkan.statecomp.compare import YearSummary
from samverkan.statecomp.models import Reception

LIMIT = 200


@dataclass
class PersonRow:
    month: dt.date
    received_on: dt.date | None
    age: int
    housing: str
    kinds: list[str]
    name: str = ""
    identity: str = ""
    protected: bool = False


def flagged_months(summary: YearSummary) -> dict[dt.date, list[str]]:
    """Month -> names of the kinds whose payment for that month differs from the expected."""
    months: dict[dt.date, list[str]] = {}
    for kind_year in summary.rows:
        for row in kind_year.flagged_months:
            if row.month is not None:
                months.setdefault(row.month, []).append(kind_year.kind.name)
    return months


def behind_differences(user: Any, municipality: Organisation, summary: YearSummary) -> list[PersonRow]:
    """Persons received in the flagged months (at most LIMIT), through the tenancy gate."""
    months = flagged_months(summary)
    if not months:
        return []
    receptions = (
        Reception.objects.visible_to(user)
        .filter(municipality=municipality, month__in=list(months), received_on__isnull=False)
        .order_by("received_on", "id")[:LIMIT]
    )
    return [
        PersonRow(
            month=r.month,
            received_on=r.received_on,
            age=r.age_from,
            housing=r.get_housing_display() if r.housing else "",
            kinds=months[r.month],
        )
        for r in receptions
    ]
