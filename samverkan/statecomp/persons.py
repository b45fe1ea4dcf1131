"""The persons behind a difference: the exchange's participants received in the months where
what came differs from what should have come. Read through the exchange's own gate
(`Participant.objects.visible_to`): the municipality's own officers see them, a protected
person only those allowed to, and every showing is audited by the view or API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from samverkan.organisations.models import Organisation
from samverkan.statecomp.compare import YearSummary, participants_received
from samverkan.statecomp.models import Payment

LIMIT = 200


@dataclass
class PersonRow:
    month: dt.date
    received_on: dt.date
    age: int | None
    code: str
    name: str
    identity: str
    kinds: list[str] = field(default_factory=list)


@dataclass
class Persons:
    rows: list[PersonRow]
    hidden: int  # received in those months but not visible to the reader (protected identity)
    more: int  # beyond LIMIT

    def __bool__(self) -> bool:
        return bool(self.rows or self.hidden)


def flagged_months(summary: YearSummary) -> dict[dt.date, list[str]]:
    """Month -> names of the kinds whose payment for that month differs from the expected."""
    months: dict[dt.date, list[str]] = {}
    for kind_year in summary.rows:
        for row in kind_year.flagged_months:
            if row.month is not None:
                months.setdefault(row.month, []).append(kind_year.kind.name)
    return months


def behind_differences(user: Any, municipality: Organisation, summary: YearSummary) -> Persons:
    """Participants received by the municipality in the flagged months (at most LIMIT)."""
    months = flagged_months(summary)
    if not months:
        return Persons([], 0, 0)
    received = participants_received([municipality.pk], [summary.year]).filter(month__in=list(months))
    # Where the state's specification named the persons paid for, those are not behind the difference.
    paid = Payment.objects.filter(
        municipality=municipality, month__in=list(months), participant__isnull=False, kind__needs_application=False
    ).values("participant_id")
    received = received.exclude(pk__in=paid)
    visible = received.filter(pk__in=_visible_ids(user)).order_by("reception_date", "id")
    total, shown = received.count(), visible.count()
    rows = [
        PersonRow(
            month=p.month,
            received_on=p.reception_date,
            age=p.age,
            code=p.code,
            name=p.full_name,
            identity=p.masked_identity,
            kinds=months[p.month],
        )
        for p in visible[:LIMIT]
    ]
    return Persons(rows, hidden=total - shown, more=max(shown - LIMIT, 0))


def _visible_ids(user: Any) -> Any:
    from samverkan.exchange.models import Participant

    return Participant.objects.visible_to(user).values("pk")
