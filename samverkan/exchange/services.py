"""Operations of the exchange: participants, placements, attendance and the month lock.

Each operation is atomic and writes its audit event. `actor=None` is the system
(the demo loader, the data generator, scheduled commands): it skips the rights
checks that views and the API otherwise rely on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Prefetch, Sum
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.audit.services import record, record_read, snapshot
from samverkan.exchange import protection
from samverkan.exchange.models import (
    Attendance,
    AttendanceAdjustment,
    Interruption,
    MonthLock,
    Participant,
    PayerRule,
    Placement,
    Residence,
    Service,
    ServicePrice,
    ServiceStart,
    first_of_month,
    last_of_month,
    next_month,
)
from samverkan.lib.identity import InvalidIdentityNumber, parse
from samverkan.lib.tz import today as local_today
from samverkan.organisations.models import Organisation

PARTICIPANT_SECRET_FIELDS = ("identity_encrypted", "identity_hash")


class ExchangeError(Exception):
    """A refused operation, in Swedish; `field` names the form field it belongs to (None: the whole form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _month_label(month: dt.date) -> str:
    return f"{month:%Y-%m}"


def _check(allowed: bool, message: str) -> None:
    if not allowed:
        raise ExchangeError(message)


def _serialise_months() -> None:
    """Reporting, correcting and locking a month must not interleave.

    SQLite takes the write lock at the start of every transaction (IMMEDIATE);
    on PostgreSQL a transaction-scoped advisory lock does the same for these
    operations only.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [505_0001])


# --- the catalogue ---------------------------------------------------------------------------------------


def save_service(*, actor: Any, form: Any, provider: Organisation) -> Service:
    """Create or change a service from a cleaned ServiceForm (the provider is the user's municipality)."""
    with transaction.atomic():
        service = form.instance
        before = snapshot(Service.objects.get(pk=service.pk)) if service.pk else None
        service.provider = provider
        service.updated_at = timezone.now()
        service = form.save()
        record(
            actor=actor,
            action="exchange.service.save",
            obj=service,
            before=before,
            after=snapshot(service, exclude=("search_text",)),
        )
    return service


def set_price(*, actor: Any, service: Service, valid_from: dt.date, amount_ore: int) -> ServicePrice:
    """A new price from a date; the price before it ends the day before."""
    with transaction.atomic():
        Service.objects.select_for_update().get(pk=service.pk)
        if service.prices.filter(valid_from=valid_from).exists():
            raise ExchangeError(
                _("Insatsen har redan ett pris från %(d)s.") % {"d": valid_from.isoformat()}, "valid_from"
            )
        later = service.prices.filter(valid_from__gt=valid_from).order_by("valid_from").first()
        earlier = service.prices.filter(valid_from__lt=valid_from).order_by("-valid_from").first()
        if earlier is not None and (earlier.valid_to is None or earlier.valid_to >= valid_from):
            earlier.valid_to = valid_from - dt.timedelta(days=1)
            earlier.save(update_fields=["valid_to"])
        price = ServicePrice.objects.create(
            service=service,
            valid_from=valid_from,
            valid_to=(later.valid_from - dt.timedelta(days=1)) if later else None,
            amount_ore=amount_ore,
        )
        record(actor=actor, action="exchange.service.price", obj=service, after=snapshot(price))
    return price


def add_start(
    *, actor: Any, service: Service, starts_on: dt.date, ends_on: dt.date | None = None, note: str = ""
) -> ServiceStart:
    if ends_on is not None and ends_on < starts_on:
        raise ExchangeError(_("Slutdatum får inte ligga före startdatum."), "ends_on")
    with transaction.atomic():
        if service.starts.filter(starts_on=starts_on).exists():
            raise ExchangeError(_("Insatsen har redan en start %(d)s.") % {"d": starts_on.isoformat()}, "starts_on")
        start = ServiceStart.objects.create(service=service, starts_on=starts_on, ends_on=ends_on, note=note)
        record(actor=actor, action="exchange.service.start", obj=service, after=snapshot(start))
    return start


# --- participants --------------------------------------------------------------------------------------


def participant_snapshot(participant: Participant) -> dict[str, Any]:
    # The audit log never holds the identity number, in clear or sealed.
    return snapshot(participant, exclude=PARTICIPANT_SECRET_FIELDS)


def find_participant(identity_number: str) -> Participant | None:
    """The participant with this number, found through the keyed hash (None if unknown or invalid).

    The caller decides whether the user may see the result (`visible_to`).
    """
    try:
        number = parse(identity_number)
    except InvalidIdentityNumber:
        return None
    return Participant.objects.filter(identity_hash=protection.identity_hash(number)).first()


def register_participant(
    *,
    actor: Any,
    identity_number: str,
    first_name: str,
    last_name: str,
    home_municipality: Organisation,
    reception_date: dt.date,
    residence_status: str,
    protected: bool = False,
    is_demo: bool = False,
) -> Participant:
    """Register a resident of `home_municipality`; the number is validated, encrypted and hashed."""
    try:
        number = parse(identity_number)
    except InvalidIdentityNumber as exc:
        raise ExchangeError(str(exc), "identity_number") from exc
    if not home_municipality.is_municipality:
        raise ExchangeError(_("Folkbokföringskommunen måste vara en kommun."), "home_municipality")
    if actor is not None:
        scope: frozenset[int] = getattr(actor, "scope_organisation_ids", frozenset())
        _check(
            home_municipality.pk in scope and getattr(actor, "role", None) in ("case_officer", "municipal_coordinator"),
            _("Du kan bara registrera deltagare som är folkbokförda i din egen kommun."),
        )
        if protected and not getattr(actor, "may_see_protected", False):
            raise ExchangeError(
                _("Bara handläggare som är behöriga för skyddade personuppgifter kan registrera en sådan person."),
                "protected",
            )
    if reception_date < number.birth_date:
        raise ExchangeError(_("Mottagningsdatumet ligger före födelsedatumet."), "reception_date")
    digest = protection.identity_hash(number)
    with transaction.atomic():
        if Participant.objects.filter(identity_hash=digest).exists():
            raise ExchangeError(
                _("En deltagare med det personnumret finns redan. Sök på personnumret i stället."), "identity_number"
            )
        participant = Participant.objects.create(
            identity_encrypted=protection.encrypt(number),
            identity_hash=digest,
            is_coordination_number=number.is_coordination_number,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            birth_date=number.birth_date,
            home_municipality=home_municipality,
            reception_date=reception_date,
            residence_status=residence_status,
            protected=protected,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        Residence.objects.create(participant=participant, municipality=home_municipality, valid_from=reception_date)
        record(
            actor=actor,
            action="exchange.participant.register",
            obj=participant,
            after=participant_snapshot(participant),
            personal_data=True,
        )
    return participant


def move_participant(*, actor: Any, participant: Participant, municipality: Organisation, moved_on: dt.date) -> None:
    """Record a move: the residence history gets a new row, the current home municipality changes."""
    if not municipality.is_municipality:
        raise ExchangeError(_("Välj en kommun."), "municipality")
    with transaction.atomic():
        participant = Participant.objects.select_for_update().get(pk=participant.pk)
        if municipality.pk == participant.home_municipality_id:
            raise ExchangeError(_("Personen är redan folkbokförd i %(m)s.") % {"m": municipality}, "municipality")
        current = participant.residences.order_by("-valid_from").first()
        if current and moved_on <= current.valid_from:
            raise ExchangeError(
                _("Flyttdatumet måste ligga efter %(d)s, då den förra folkbokföringen började.")
                % {"d": current.valid_from.isoformat()},
                "moved_on",
            )
        before = participant_snapshot(participant)
        if current:
            current.valid_to = moved_on - dt.timedelta(days=1)
            current.save(update_fields=["valid_to"])
        Residence.objects.create(participant=participant, municipality=municipality, valid_from=moved_on)
        participant.home_municipality = municipality
        participant.save(update_fields=["home_municipality"])
        record(
            actor=actor,
            action="exchange.participant.move",
            obj=participant,
            before=before,
            after=participant_snapshot(participant) | {"moved_on": moved_on},
            personal_data=True,
        )


def reveal_identity(*, actor: Any, participant: Participant, request: HttpRequest | None = None) -> str:
    """The full identity number, shown on request only; every showing is audited."""
    if participant.erased_at or not participant.identity_encrypted:
        raise ExchangeError(_("Personnumret har gallrats."))
    number = protection.decrypt(participant.identity_encrypted)
    record_read(actor=actor, obj=participant, what="identity_number", request=request)
    return number.formatted


def read_participant(*, actor: Any, participant: Participant, request: HttpRequest | None = None) -> None:
    """Log that a page or API call showed this person's name and details."""
    record_read(actor=actor, obj=participant, what="participant", request=request)


def record_list_read(
    *, actor: Any, what: str, codes: Iterable[str], organisation: Organisation | None = None, request=None
) -> None:
    """Log one read event for a list of people (a page of a list shows many at once)."""
    codes = list(codes)
    if not codes:
        return
    record(
        actor=actor,
        action=f"read.{what}",
        organisation=organisation or getattr(actor, "organisation", None),
        object_repr=", ".join(codes)[:300],
        after={"codes": codes},
        personal_data=True,
        request=request,
    )


# --- placements ----------------------------------------------------------------------------------------


def peak_occupancy(service: Service, start: dt.date, end: dt.date | None, *, exclude: int | None = None) -> int:
    """The largest number of accepted placements running on any one day of [start, end]."""
    rows = Placement.objects.filter(service=service, status=Placement.Status.ACCEPTED).overlapping(start, end)
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    events: list[tuple[dt.date, int]] = []
    for p_start, p_end in rows.values_list("start", "end"):
        events.append((max(p_start, start), 1))
        if p_end is not None:
            events.append((p_end + dt.timedelta(days=1), -1))
    peak = running = 0
    for _day, step in sorted(events, key=lambda e: (e[0], e[1])):
        running += step
        peak = max(peak, running)
    return peak


def free_places(service: Service, day: dt.date | None = None) -> int:
    day = day or local_today()
    taken = Placement.objects.filter(service=service, status=Placement.Status.ACCEPTED).overlapping(day, day).count()
    return max(service.capacity - taken, 0)


def _check_capacity(service: Service, start: dt.date, end: dt.date | None, exclude: int | None = None) -> None:
    if peak_occupancy(service, start, end, exclude=exclude) >= service.capacity:
        raise ExchangeError(
            _("Insatsen %(s)s är fullbelagd under perioden (%(n)s platser). Välj en annan start eller insats.")
            % {"s": service.name, "n": service.capacity},
            "service",
        )


def _check_overlap(participant: Participant, service: Service, start, end, exclude: int | None = None) -> None:
    clash = Placement.objects.filter(participant=participant, service=service, status__in=Placement.LIVE).overlapping(
        start, end
    )
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    other = clash.first()
    if other is not None:
        raise ExchangeError(
            _("Personen har redan en placering i insatsen under perioden (%(code)s, från %(start)s).")
            % {"code": other.code, "start": other.start.isoformat()},
            "start",
        )


def _check_target_group(participant: Participant, service: Service, start: dt.date) -> None:
    age = participant.age_on(start)
    if age is not None and service.min_age is not None and age < service.min_age:
        raise ExchangeError(
            _("Insatsen vänder sig till personer från %(min)s år; personen är %(age)s år vid start.")
            % {"min": service.min_age, "age": age},
            "service",
        )
    if age is not None and service.max_age is not None and age > service.max_age:
        raise ExchangeError(
            _("Insatsen vänder sig till personer upp till %(max)s år; personen är %(age)s år vid start.")
            % {"max": service.max_age, "age": age},
            "service",
        )
    if service.residence_statuses and participant.residence_status not in service.residence_statuses:
        raise ExchangeError(
            _("Insatsen vänder sig inte till personer med uppehållsstatus %(status)s.")
            % {"status": participant.get_residence_status_display().lower()},
            "service",
        )


def request_placement(
    *,
    actor: Any,
    participant: Participant,
    service: Service,
    start: dt.date,
    end: dt.date | None = None,
    note: str = "",
    is_demo: bool = False,
) -> Placement:
    """The home municipality asks for a place and commits to pay the price in force on the start."""
    if end is not None and end < start:
        raise ExchangeError(_("Slutdatum får inte ligga före startdatum."), "end")
    with transaction.atomic():
        # The service row lock orders requests and acceptances for the same service.
        service = Service.objects.select_for_update().get(pk=service.pk)
        participant = Participant.objects.get(pk=participant.pk)
        if actor is not None:
            _check(
                Participant.objects.writable_by(actor).filter(pk=participant.pk).exists(),
                _("Du kan bara placera personer som är folkbokförda i din egen kommun."),
            )
        if participant.erased_at:
            raise ExchangeError(_("Personens uppgifter har gallrats."))
        if not service.published and service.provider_id != participant.home_municipality_id:
            raise ExchangeError(_("Insatsen är inte publicerad i katalogen."), "service")
        _check_target_group(participant, service, start)
        _check_overlap(participant, service, start, end)
        _check_capacity(service, start, end)
        price = service.prices.filter(valid_from__lte=start).exclude(valid_to__lt=start).order_by("-valid_from").first()
        placement = Placement.objects.create(
            participant=participant,
            service=service,
            home_municipality_id=participant.home_municipality_id,
            provider_id=service.provider_id,
            start=start,
            end=end,
            price_ore=price.amount_ore if price else None,
            note=note,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        record(
            actor=actor,
            action="exchange.placement.request",
            obj=placement,
            after=snapshot(placement),
            personal_data=True,
        )
    return placement


def _provider_check(actor: Any, placement: Placement) -> None:
    if actor is not None:
        _check(
            Placement.objects.provided_by(actor).filter(pk=placement.pk).exists(),
            _("Bara anordnaren kan göra det."),
        )


def accept_placement(*, actor: Any, placement: Placement) -> Placement:
    """The provider takes the person in; the capacity is checked again under the service's row lock."""
    with transaction.atomic():
        Service.objects.select_for_update().get(pk=placement.service_id)
        placement = Placement.objects.select_for_update().select_related("service").get(pk=placement.pk)
        _provider_check(actor, placement)
        if placement.status != Placement.Status.REQUESTED:
            raise ExchangeError(
                _("Placeringen är redan %(status)s.") % {"status": placement.get_status_display().lower()}
            )
        _check_capacity(placement.service, placement.start, placement.end, exclude=placement.pk)
        before = snapshot(placement)
        placement.status = Placement.Status.ACCEPTED
        placement.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        placement.decided_at = timezone.now()
        placement.save(update_fields=["status", "decided_by", "decided_at"])
        record(actor=actor, action="exchange.placement.accept", obj=placement, before=before, after=snapshot(placement))
    return placement


def decline_placement(*, actor: Any, placement: Placement, reason: str) -> Placement:
    if not reason.strip():
        raise ExchangeError(_("Skriv skälet till att placeringen avböjs."), "reason")
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        _provider_check(actor, placement)
        if placement.status != Placement.Status.REQUESTED:
            raise ExchangeError(
                _("Placeringen är redan %(status)s.") % {"status": placement.get_status_display().lower()}
            )
        before = snapshot(placement)
        placement.status = Placement.Status.DECLINED
        placement.decline_reason = reason.strip()
        placement.decided_by = actor if getattr(actor, "is_authenticated", False) else None
        placement.decided_at = timezone.now()
        placement.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
        record(
            actor=actor, action="exchange.placement.decline", obj=placement, before=before, after=snapshot(placement)
        )
    return placement


def withdraw_placement(*, actor: Any, placement: Placement) -> Placement:
    """The home municipality takes back a request the provider has not yet answered."""
    with transaction.atomic():
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        if actor is not None:
            _check(
                Placement.objects.requested_by(actor).filter(pk=placement.pk).exists(),
                _("Bara kommunen som begärde placeringen kan återkalla den."),
            )
        if placement.status != Placement.Status.REQUESTED:
            raise ExchangeError(_("Bara en placering som ännu inte besvarats kan återkallas. Avsluta den i stället."))
        before = snapshot(placement)
        placement.status = Placement.Status.WITHDRAWN
        placement.save(update_fields=["status"])
        record(
            actor=actor, action="exchange.placement.withdraw", obj=placement, before=before, after=snapshot(placement)
        )
    return placement


def end_placement(*, actor: Any, placement: Placement, end: dt.date, reason: str = "") -> Placement:
    """Set the last day. Months already reported follow: open months are recounted, locked ones adjusted."""
    with transaction.atomic():
        _serialise_months()
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        if actor is not None:
            _check(
                Placement.objects.writable_by(actor).filter(pk=placement.pk).exists(),
                _("Bara folkbokföringskommunen eller anordnaren kan avsluta placeringen."),
            )
        if placement.status != Placement.Status.ACCEPTED:
            raise ExchangeError(_("Bara en antagen placering kan avslutas."))
        if end < placement.start:
            raise ExchangeError(_("Slutdatum får inte ligga före startdatum (%(d)s).") % {"d": placement.start}, "end")
        before = snapshot(placement)
        placement.end = end
        placement.save(update_fields=["end"])
        _recount_enrolled(actor, placement, reason or _("Placeringen avslutades %(d)s.") % {"d": end.isoformat()})
        record(actor=actor, action="exchange.placement.end", obj=placement, before=before, after=snapshot(placement))
    return placement


def add_interruption(
    *, actor: Any, placement: Placement, start: dt.date, end: dt.date, reason: str = ""
) -> Interruption:
    if end < start:
        raise ExchangeError(_("Slutdatum får inte ligga före startdatum."), "end")
    with transaction.atomic():
        _serialise_months()
        placement = Placement.objects.select_for_update().get(pk=placement.pk)
        _provider_check(actor, placement)
        if placement.status != Placement.Status.ACCEPTED:
            raise ExchangeError(_("Bara en antagen placering kan ha avbrott."))
        if start < placement.start or (placement.end and end > placement.end):
            raise ExchangeError(_("Avbrottet måste ligga inom placeringen."), "start")
        if placement.interruptions.filter(start__lte=end, end__gte=start).exists():
            raise ExchangeError(_("Avbrottet överlappar ett annat avbrott."), "start")
        gap = Interruption.objects.create(placement=placement, start=start, end=end, reason=reason)
        _recount_enrolled(actor, placement, _("Avbrott %(s)s–%(e)s.") % {"s": start, "e": end})
        record(actor=actor, action="exchange.placement.interrupt", obj=placement, after=snapshot(gap))
    return gap


def _recount_enrolled(actor: Any, placement: Placement, reason: str) -> None:
    """After the period changed: open months get the new day count, locked months an adjustment."""
    placement = Placement.objects.prefetch_related("interruptions").get(pk=placement.pk)
    for row in Attendance.objects.filter(placement=placement):
        days = placement.days_in_month(row.month)
        if not row.locked:
            if days == 0:
                row.delete()
                continue
            if row.days_enrolled != days or row.days_present > days:
                row.days_enrolled = days
                row.days_present = min(row.days_present, days)
                row.save(update_fields=["days_enrolled", "days_present"])
            continue
        current = _effective(placement, row.month)
        present = min(current["days_present"], days)
        hours = current["hours"] if days else Decimal("0")
        if days != current["days_enrolled"] or present != current["days_present"] or hours != current["hours"]:
            _adjust(
                actor,
                placement,
                row.month,
                row.payer_id,
                days_enrolled=days - current["days_enrolled"],
                days_present=present - current["days_present"],
                hours=hours - current["hours"],
                course_started=0,
                reason=reason,
            )


# --- who pays ------------------------------------------------------------------------------------------


def payer_rules() -> dict[str, str]:
    return dict(PayerRule.objects.values_list("category", "rule"))


def payer_for(placement: Placement, month: dt.date, rules: dict[str, str] | None = None) -> int:
    """The id of the municipality that pays for `month` of the placement.

    Needs `placement.service` and `placement.participant.residences` (prefetch
    them for many placements). The rule follows the service's category (PayerRule).
    """
    rules = rules if rules is not None else payer_rules()
    rule = rules.get(placement.service.category) or rules.get("") or PayerRule.Rule.OLD_TO_END_OF_MONTH
    if rule == PayerRule.Rule.STARTED_STAYS:
        return placement.home_municipality_id
    first, last = first_of_month(month), last_of_month(month)
    if rule == PayerRule.Rule.NEW_FROM_MOVE_MONTH:
        day = min(last, placement.end or last)
    else:  # OLD_TO_END_OF_MONTH: whoever was the home municipality when the month (or placement) began
        day = max(first, placement.start)
    return placement.participant.municipality_on(day) or placement.home_municipality_id


# --- attendance ----------------------------------------------------------------------------------------


def is_locked(month: dt.date) -> bool:
    return MonthLock.objects.filter(month=first_of_month(month)).exists()


def locked_months() -> set[dt.date]:
    return set(MonthLock.objects.values_list("month", flat=True))


def next_open_month(after: dt.date) -> dt.date:
    """The first month after `after` that is not locked: where a correction is carried."""
    locked = set(MonthLock.objects.filter(month__gt=after).values_list("month", flat=True))
    month = next_month(first_of_month(after))
    while month in locked:
        month = next_month(month)
    return month


def _placement_for_attendance(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("service", "participant")
        .prefetch_related("interruptions", "participant__residences")
        .get(pk=placement.pk)
    )


def _validate_quantities(placement: Placement, month: dt.date, days_present: int, hours: Decimal) -> int:
    if placement.status != Placement.Status.ACCEPTED:
        raise ExchangeError(
            _("Närvaro rapporteras bara för en antagen placering (%(code)s).") % {"code": placement.code}
        )
    if month > first_of_month(local_today()):
        raise ExchangeError(
            _("Närvaro kan inte rapporteras för en kommande månad (%(m)s).") % {"m": _month_label(month)}, "month"
        )
    days = placement.days_in_month(month)
    if days == 0:
        raise ExchangeError(
            _("Placeringen %(code)s pågår inte under %(m)s.") % {"code": placement.code, "m": _month_label(month)},
            "month",
        )
    if days_present < 0:
        raise ExchangeError(_("Närvarodagarna kan inte vara negativa."), "days_present")
    if days_present > days:
        raise ExchangeError(
            _("Närvarodagarna (%(n)s) är fler än placeringens dagar i %(m)s (%(d)s).")
            % {"n": days_present, "m": _month_label(month), "d": days},
            "days_present",
        )
    if hours < 0:
        raise ExchangeError(_("Timmarna kan inte vara negativa."), "hours")
    if hours > 24 * days:
        raise ExchangeError(
            _("Timmarna (%(h)s) är fler än dygnets timmar under placeringens %(d)s dagar i månaden.")
            % {"h": hours, "d": days},
            "hours",
        )
    return days


def report_attendance(
    *,
    actor: Any,
    placement: Placement,
    month: dt.date,
    days_present: int = 0,
    hours: Decimal | int | str = 0,
    note: str = "",
    rules: dict[str, str] | None = None,
) -> Attendance:
    """The provider reports (or changes, while the month is open) one month of a placement."""
    month = first_of_month(month)
    hours = Decimal(str(hours))
    with transaction.atomic():
        _serialise_months()
        placement = _placement_for_attendance(placement)
        _provider_check(actor, placement)
        if is_locked(month):
            raise ExchangeError(
                _(
                    "%(m)s är låst eftersom månaden har avräknats. Rapportera en rättelse i stället; "
                    "den förs till nästa öppna månad."
                )
                % {"m": _month_label(month)},
                "month",
            )
        days = _validate_quantities(placement, month, days_present, hours)
        row = Attendance.objects.filter(placement=placement, month=month).first()
        before = snapshot(row) if row else None
        if row is None:
            row = Attendance(placement=placement, month=month, provider_id=placement.provider_id)
        row.days_enrolled = days
        row.days_present = days_present
        row.hours = hours
        row.course_started = first_of_month(placement.start) == month
        row.payer_id = payer_for(placement, month, rules)
        row.note = note
        row.reported_by = actor if getattr(actor, "is_authenticated", False) else None
        row.reported_at = timezone.now()
        row.save()
        record(
            actor=actor,
            action="exchange.attendance.report" if before is None else "exchange.attendance.change",
            obj=row,
            before=before,
            after=snapshot(row),
        )
    return row


def _effective(placement: Placement, month: dt.date) -> dict[str, Any]:
    """The quantities of a month as they stand: the locked row plus every adjustment of it."""
    row = Attendance.objects.filter(placement=placement, month=month).first()
    sums = AttendanceAdjustment.objects.filter(placement=placement, month=month).aggregate(
        days_enrolled=Sum("days_enrolled"),
        days_present=Sum("days_present"),
        hours=Sum("hours"),
        course_started=Sum("course_started"),
    )
    return {
        "days_enrolled": (row.days_enrolled if row else 0) + (sums["days_enrolled"] or 0),
        "days_present": (row.days_present if row else 0) + (sums["days_present"] or 0),
        "hours": (row.hours if row else Decimal("0")) + (sums["hours"] or Decimal("0")),
        "course_started": int(row.course_started if row else 0) + (sums["course_started"] or 0),
        "payer_id": row.payer_id if row else None,
    }


def _adjust(actor: Any, placement: Placement, month: dt.date, payer_id: int, *, reason: str, **deltas: Any):
    adjustment = AttendanceAdjustment.objects.create(
        placement=placement,
        month=month,
        carried_to=next_open_month(month),
        provider_id=placement.provider_id,
        payer_id=payer_id,
        reason=reason[:300],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **deltas,
    )
    record(actor=actor, action="exchange.attendance.adjust", obj=adjustment, after=snapshot(adjustment))
    return adjustment


def correct_attendance(
    *,
    actor: Any,
    placement: Placement,
    month: dt.date,
    days_present: int,
    hours: Decimal | int | str = 0,
    reason: str,
) -> Attendance | AttendanceAdjustment:
    """Correct a month. An open month is changed; a locked month gets an adjustment in the next open month."""
    month = first_of_month(month)
    hours = Decimal(str(hours))
    if not is_locked(month):
        return report_attendance(actor=actor, placement=placement, month=month, days_present=days_present, hours=hours)
    if not reason.strip():
        raise ExchangeError(_("Skriv skälet till rättelsen."), "reason")
    with transaction.atomic():
        _serialise_months()
        placement = _placement_for_attendance(placement)
        _provider_check(actor, placement)
        days = _validate_quantities(placement, month, days_present, hours)
        current = _effective(placement, month)
        target = {
            "days_enrolled": days,
            "days_present": days_present,
            "hours": hours,
            "course_started": int(first_of_month(placement.start) == month),
        }
        deltas = {key: target[key] - current[key] for key in target}
        if not any(deltas.values()):
            raise ExchangeError(
                _("Rättelsen ändrar ingenting: uppgifterna för %(m)s är redan dessa.") % {"m": _month_label(month)}
            )
        payer_id = current["payer_id"] or payer_for(placement, month)
        return _adjust(actor, placement, month, payer_id, reason=reason.strip(), **deltas)


def lock_month(month: dt.date, *, by: Any) -> MonthLock:
    """Lock a month county-wide: its attendance gets its payer fixed by the move rule and never changes again.

    Adjustments carried into the month are locked with it. Set-based: the payers are
    computed per row in Python (the move rule needs the residence history), then
    written with one UPDATE per payer.
    """
    month = first_of_month(month)
    with transaction.atomic():
        _serialise_months()
        if MonthLock.objects.filter(month=month).exists():
            raise ExchangeError(_("%(m)s är redan låst.") % {"m": _month_label(month)}, "month")
        lock = MonthLock.objects.create(month=month, locked_by=by if getattr(by, "is_authenticated", False) else None)
        rules = payer_rules()
        rows = (
            Attendance.objects.filter(month=month, locked=False)
            .select_related("placement__service", "placement__participant")
            .prefetch_related(
                Prefetch("placement__participant__residences", queryset=Residence.objects.order_by("valid_from"))
            )
            .only(
                "id",
                "payer_id",
                "placement__start",
                "placement__end",
                "placement__home_municipality_id",
                "placement__service__category",
                "placement__participant__id",
            )
        )
        by_payer: dict[int, list[int]] = defaultdict(list)
        count = 0
        for row in rows.iterator(chunk_size=2000):
            by_payer[payer_for(row.placement, month, rules)].append(row.pk)
            count += 1
        for payer_id, ids in by_payer.items():
            for start in range(0, len(ids), 900):
                Attendance.objects.filter(pk__in=ids[start : start + 900]).update(payer_id=payer_id, locked=True)
        adjustments = AttendanceAdjustment.objects.filter(carried_to=month, locked=False).update(locked=True)
        record(
            actor=by,
            action="exchange.month.lock",
            obj=lock,
            after={"month": month, "attendance_rows": count, "adjustments": adjustments},
        )
    return lock
