"""The settlement side of retention: a person's data may go only when every month is settled."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet


def settled_in_final_runs(participants: QuerySet[Any]) -> Iterable[int]:
    """Participants all of whose attendance months and carried adjustments lie in a final run's period."""
    from samverkan.exchange.models import Attendance, AttendanceAdjustment
    from samverkan.settlement.models import SettlementRun

    def covered(field: str) -> Exists:
        return Exists(
            SettlementRun.objects.filter(
                status=SettlementRun.Status.FINAL, period_start__lte=OuterRef(field), period_end__gte=OuterRef(field)
            )
        )

    open_attendance = Attendance.objects.filter(placement__participant=OuterRef("pk")).filter(~covered("month"))
    open_adjustments = AttendanceAdjustment.objects.filter(placement__participant=OuterRef("pk")).filter(
        ~covered("carried_to")
    )
    return participants.filter(~Exists(open_attendance), ~Exists(open_adjustments)).values_list("pk", flat=True)
