"""Retention (gallring) and GDPR access.

A configurable period (RETENTION_MONTHS) after a person's last placement has
ended — and every month of their placements has been settled — the identity
number, the names and the birth date are removed; the participant keeps its code
and birth year, so placements, attendance and money stay for the accounts and
the statistics.

Exchange does not know settlement (settlement builds on exchange). Settlement
registers a check in its AppConfig.ready:

    from samverkan.exchange import retention
    retention.register_settled_check(my_check)

A check receives a queryset of candidate participants and returns the ids (an
iterable or a values queryset) of those whose placements are all settled. Every
registered check must agree. Without any, exchange's own conservative check
applies: every month with attendance or adjustments is locked.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from samverkan.audit.services import record, record_read
from samverkan.exchange import protection
from samverkan.exchange.models import (
    Attendance,
    AttendanceAdjustment,
    MonthLock,
    Participant,
    Placement,
)
from samverkan.lib.tz import today as local_today

SettledCheck = Callable[[QuerySet[Participant]], Iterable[int]]
_checks: list[SettledCheck] = []


def register_settled_check(fn: SettledCheck) -> None:
    """Register a check that tells which participants have every placement month settled."""
    if fn not in _checks:
        _checks.append(fn)


def unregister_settled_check(fn: SettledCheck) -> None:
    if fn in _checks:
        _checks.remove(fn)


def all_months_locked(participants: QuerySet[Participant]) -> Iterable[int]:
    """Exchange's own check: no attendance or adjustment of theirs lies in an unlocked month."""
    locked = MonthLock.objects.values("month")
    open_attendance = Attendance.objects.filter(placement__participant=OuterRef("pk")).exclude(month__in=locked)
    open_adjustment = AttendanceAdjustment.objects.filter(placement__participant=OuterRef("pk")).exclude(
        carried_to__in=locked
    )
    return participants.filter(~Exists(open_attendance), ~Exists(open_adjustment)).values_list("pk", flat=True)


def months_ago(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(year, month, min(day.day, last[month - 1]))


def candidates(today: dt.date | None = None, months: int | None = None) -> QuerySet[Participant]:
    """Participants not yet erased whose last placement ended (or who were received) before the cut-off."""
    today = today or local_today()
    months = settings.RETENTION_MONTHS if months is None else months
    cutoff = months_ago(today, months)
    running = Placement.objects.filter(participant=OuterRef("pk"), status__in=Placement.LIVE).filter(
        Q(end__isnull=True) | Q(end__gt=cutoff)
    )
    return (
        Participant.objects.filter(erased_at__isnull=True, reception_date__lte=cutoff)
        .annotate(last_end=Max("placements__end"))
        .filter(~Exists(running))
        .filter(Q(last_end__isnull=True) | Q(last_end__lte=cutoff))
    )


@dataclass
class RetentionReport:
    cutoff: dt.date
    erased: list[str] = field(default_factory=list)  # participant codes
    waiting_for_settlement: int = 0
    dry_run: bool = False


def erase_expired(
    *, actor: Any = None, today: dt.date | None = None, months: int | None = None, dry_run: bool = False
) -> RetentionReport:
    """Remove the personal data that is no longer needed; audited, reported by participant code."""
    today = today or local_today()
    months = settings.RETENTION_MONTHS if months is None else months
    report = RetentionReport(cutoff=months_ago(today, months), dry_run=dry_run)
    pool = candidates(today, months)
    eligible = set(pool.values_list("pk", flat=True))
    total = len(eligible)
    for check in [all_months_locked, *_checks]:
        if not eligible:
            break
        eligible &= set(check(Participant.objects.filter(pk__in=eligible)))
    report.waiting_for_settlement = total - len(eligible)
    ids = sorted(eligible)
    report.erased = list(Participant.objects.filter(pk__in=ids).order_by("code").values_list("code", flat=True))
    if dry_run or not ids:
        return report
    with transaction.atomic():
        now = timezone.now()
        for start in range(0, len(ids), 900):
            Participant.objects.filter(pk__in=ids[start : start + 900]).update(
                identity_encrypted="",
                identity_hash=None,
                first_name="",
                last_name="",
                birth_date=None,
                erased_at=now,
            )
        record(
            actor=actor,
            action="exchange.retention.erase",
            object_repr=f"{len(ids)} deltagare gallrade",
            before={"cutoff": report.cutoff, "months": months},
            after={"codes": report.erased, "waiting_for_settlement": report.waiting_for_settlement},
            personal_data=True,
        )
    return report


def export_personal_data(*, actor: Any, participant: Participant, request=None) -> dict[str, Any]:
    """Everything held about a person, for a GDPR access request (registerutdrag); audited as a read."""
    number = protection.decrypt(participant.identity_encrypted).formatted if participant.identity_encrypted else None
    placements = []
    for p in participant.placements.select_related(
        "service", "service__provider", "home_municipality"
    ).prefetch_related("attendance", "adjustments", "interruptions"):
        placements.append(
            {
                "code": p.code,
                "service": p.service.name,
                "provider": p.service.provider.name,
                "requested_by_municipality": p.home_municipality.name,
                "start": p.start.isoformat(),
                "end": p.end.isoformat() if p.end else None,
                "status": p.get_status_display(),
                "interruptions": [
                    {"start": i.start.isoformat(), "end": i.end.isoformat(), "reason": i.reason}
                    for i in p.interruptions.all()
                ],
                "attendance": [
                    {
                        "month": a.month.strftime("%Y-%m"),
                        "days_enrolled": a.days_enrolled,
                        "days_present": a.days_present,
                        "hours": str(a.hours),
                    }
                    for a in p.attendance.all()
                ],
                "corrections": [
                    {
                        "month": a.month.strftime("%Y-%m"),
                        "carried_to": a.carried_to.strftime("%Y-%m"),
                        "days_present": a.days_present,
                        "hours": str(a.hours),
                        "reason": a.reason,
                    }
                    for a in p.adjustments.all()
                ],
            }
        )
    data = {
        "code": participant.code,
        "identity_number": number,
        "first_name": participant.first_name,
        "last_name": participant.last_name,
        "birth_date": participant.birth_date.isoformat() if participant.birth_date else None,
        "home_municipality": participant.home_municipality.name,
        "reception_date": participant.reception_date.isoformat(),
        "residence_status": participant.get_residence_status_display(),
        "protected": participant.protected,
        "residences": [
            {
                "municipality": r.municipality.name,
                "from": r.valid_from.isoformat(),
                "to": r.valid_to.isoformat() if r.valid_to else None,
            }
            for r in participant.residences.select_related("municipality")
        ],
        "placements": placements,
        "erased_at": participant.erased_at.isoformat() if participant.erased_at else None,
    }
    record_read(actor=actor, obj=participant, what="gdpr_export", request=request)
    return data


def export_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
