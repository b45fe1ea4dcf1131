"""What the pages, the API and the Excel files show of a comparison: the municipality's own
people see every figure; everyone else sees aggregates with small counts suppressed.

Suppression is decided here, once, so no page can forget it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from samverkan.lib.money import format_ore
from samverkan.lib.suppression import is_small
from samverkan.lib.svgchart import BarChart, bar_chart
from samverkan.statecomp.compare import KindYear, MonthRow, YearSummary


@dataclass
class Figures:
    """Counts and amounts of one row; all None when `suppressed`."""

    label: str
    persons: int | None
    expected_ore: int | None
    received_ore: int | None
    suppressed: bool = False
    flagged: bool = False
    month: dt.date | None = None
    notes: list[str] = field(default_factory=list)
    received_count: int | None = None
    groups: list[tuple[str, int, int, int | None, int | None]] = field(default_factory=list)

    @property
    def difference_ore(self) -> int | None:
        if self.expected_ore is None or self.received_ore is None:
            return None
        return self.received_ore - self.expected_ore


def _figures(
    label: str, persons: int, expected: int, received: int, *, own: bool, flagged: bool, **extra: object
) -> Figures:
    received_count = extra.get("received_count")
    if not own and (is_small(persons) or is_small(received_count)):  # type: ignore[arg-type]
        return Figures(label, None, None, None, suppressed=True, month=extra.get("month"))  # type: ignore[arg-type]
    return Figures(label, persons, expected, received, flagged=flagged, **extra)  # type: ignore[arg-type]


def year_row(summary: YearSummary, *, own: bool) -> Figures:
    return _figures(
        str(summary.year),
        summary.persons,
        summary.expected_ore,
        summary.received_ore,
        own=own,
        flagged=summary.flagged,
    )


def kind_row(kind_year: KindYear, *, own: bool) -> Figures:
    row = _figures(
        kind_year.kind.name,
        kind_year.expected_count + kind_year.unpriced_count,
        kind_year.expected_ore,
        kind_year.received_ore,
        own=own,
        flagged=kind_year.flagged,
    )
    if not row.suppressed:
        row.notes = list(kind_year.missing)
    return row


def month_rows(kind_year: KindYear, *, own: bool, only_flagged: bool = False) -> list[Figures]:
    rows = []
    for m in kind_year.rows:
        if only_flagged and not m.flagged:
            continue
        rows.append(_month(m, own=own))
    return rows


def _month(m: MonthRow, *, own: bool) -> Figures:
    label = m.month.strftime("%Y-%m") if m.month else _("Utan månad")
    row = _figures(
        label,
        m.expected_count,
        m.expected_ore,
        m.received_ore,
        own=own,
        flagged=m.flagged,
        month=m.month,
        received_count=m.received_count,
    )
    if not row.suppressed and own:
        # Without age groups in the payments, only the expected side of a group can be told.
        row.groups = [
            (group, n, ore, got_n if m.paid_by_group else None, got if m.paid_by_group else None)
            for group, (n, ore, got_n, got) in sorted(m.groups.items())
        ]
    return row


def total(rows: Iterable[YearSummary], label: str) -> Figures:
    """A sum over municipalities: suppressed as a whole only if the total itself is small."""
    items = list(rows)
    persons = sum(s.persons for s in items)
    return _figures(
        label,
        persons,
        sum(s.expected_ore for s in items),
        sum(s.received_ore for s in items),
        own=False,
        flagged=any(s.flagged for s in items),
    )


def chart(rows: list[Figures]) -> BarChart:
    """Expected and received per year; a suppressed year draws no bars."""
    groups = []
    for row in rows:
        expected, received = row.expected_ore, row.received_ore
        groups.append(
            (
                row.label,
                [
                    (
                        "sc-bar--expected",
                        expected,
                        _("%(year)s borde ha gett %(amount)s") % {"year": row.label, "amount": format_ore(expected)}
                        if expected is not None
                        else "",
                    ),
                    (
                        "sc-bar--received",
                        received,
                        _("%(year)s kom %(amount)s") % {"year": row.label, "amount": format_ore(received)}
                        if received is not None
                        else "",
                    ),
                ],
            )
        )
    return bar_chart(groups, format_value=lambda ore: format_ore(ore, decimals=False))
