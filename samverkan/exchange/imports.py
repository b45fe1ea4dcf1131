"""Bulk import of placements and attendance from CSV and Excel files.

All or nothing: every row is checked first (the file's own rows against each
other and against the database), and only a file without a single error is
saved, in one transaction. Errors name the row (as the spreadsheet numbers it,
the header being row 1), the column and what is wrong, in Swedish. The work runs
as a background task (`run_import`) and reports its progress on the ImportJob.

CSV files may be UTF-8 (with or without BOM) or Windows-1252, which Excel on
Windows writes by default; the separator may be `;`, `,` or a tab.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from samverkan.audit.services import record
from samverkan.core.jobs import failure_recorded
from samverkan.exchange import protection
from samverkan.exchange.models import (
    HOME_WRITERS,
    PROVIDER_WRITERS,
    Attendance,
    ImportJob,
    MonthLock,
    Participant,
    PayerRule,
    Placement,
    Residence,
    ResidenceStatus,
    Service,
    ServicePrice,
    first_of_month,
    new_code,
)
from samverkan.exchange.services import ExchangeError, _check_target_group, payer_for
from samverkan.lib import archives
from samverkan.lib.identity import InvalidIdentityNumber, parse
from samverkan.lib.tz import today as local_today

MAX_ERRORS_KEPT = 1000
PROGRESS_EVERY = 500

# The columns of each kind, in the order of the template; aliases municipalities use map to them.
COLUMNS = {
    "placements": [
        "personnummer",
        "förnamn",
        "efternamn",
        "mottagen",
        "uppehållsstatus",
        "insats",
        "startdatum",
        "slutdatum",
    ],
    "attendance": ["placeringskod", "personnummer", "insats", "månad", "närvarodagar", "timmar"],
}
REQUIRED = {
    "placements": ["personnummer", "förnamn", "efternamn", "insats", "startdatum"],
    "attendance": ["månad"],
}
ALIASES = {
    "pnr": "personnummer",
    "personnr": "personnummer",
    "samordningsnummer": "personnummer",
    "fornamn": "förnamn",
    "tilltalsnamn": "förnamn",
    "mottagningsdatum": "mottagen",
    "mottagen i kommunen": "mottagen",
    "status": "uppehållsstatus",
    "insatskod": "insats",
    "start": "startdatum",
    "slut": "slutdatum",
    "placering": "placeringskod",
    "manad": "månad",
    "period": "månad",
    "narvarodagar": "närvarodagar",
    "dagar": "närvarodagar",
    "närvaro": "närvarodagar",
    "tim": "timmar",
}
STATUS_WORDS = {
    **{value: value for value in ResidenceStatus.values},
    "flykting": ResidenceStatus.REFUGEE,
    "alternativt skyddsbehövande": ResidenceStatus.SUBSIDIARY_PROTECTION,
    "skyddsbehövande": ResidenceStatus.SUBSIDIARY_PROTECTION,
    "anhörig": ResidenceStatus.RELATIVE,
    "kvotflykting": ResidenceStatus.QUOTA_REFUGEE,
    "annat": ResidenceStatus.OTHER,
}


class FileProblem(Exception):
    """The file as a whole can not be read (not a row of it)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Checked:
    """The outcome of checking a whole file: what would be saved, or why not."""

    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    rows: int = 0
    new_participants: list[Participant] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    attendance_new: list[Attendance] = field(default_factory=list)
    attendance_changed: list[Attendance] = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(RowError(row, column, message))


# --- reading the file --------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """The text and its encoding: UTF-8 when it decodes as such, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise FileProblem(
            _("Filen är varken UTF-8 eller Windows-1252. Spara den som CSV (UTF-8) och försök igen.")
        ) from exc


def _normalise_header(text: str) -> str:
    name = " ".join(str(text or "").strip().lower().split())
    return ALIASES.get(name, ALIASES.get(_fold(name), name))


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def read_rows(data: bytes, name: str) -> tuple[list[str], Iterator[tuple[int, list[Any]]], str, int]:
    """Headers, (row number, cells) and the encoding; a FileProblem when the file is not a table."""
    if name.lower().endswith(".xlsx"):
        return _read_excel(data)
    text, encoding = decode(data)
    if not text.strip():
        raise FileProblem(_("Filen är tom."))
    first_line = text.splitlines()[0]
    delimiter = max(";,\t", key=first_line.count)
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    headers = [_normalise_header(h) for h in rows[0]]
    body = [(number, cells) for number, cells in enumerate(rows[1:], start=2) if any(c.strip() for c in cells)]
    return headers, iter(body), encoding, len(body)


def _read_excel(data: bytes) -> tuple[list[str], Iterator[tuple[int, list[Any]]], str, int]:
    from openpyxl import load_workbook

    try:
        archives.check_expanded_size(data)
    except archives.ArchiveTooLarge as exc:
        raise FileProblem(str(exc)) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise FileProblem(_("Filen kunde inte läsas som en Excel-fil (.xlsx).")) from exc
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    workbook.close()
    if not rows:
        raise FileProblem(_("Filen är tom."))
    headers = [_normalise_header(h) for h in rows[0]]
    body = [
        (number, ["" if c is None else c for c in cells])
        for number, cells in enumerate(rows[1:], start=2)
        if any(c not in (None, "") for c in cells)
    ]
    return headers, iter(body), "xlsx", len(body)


# --- cell parsing -------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return _formats(text)
    except ValueError:
        raise ValueError(_("”%(v)s” är inget datum; skriv ÅÅÅÅ-MM-DD.") % {"v": text}) from None


def _formats(text: str) -> dt.date:
    for fmt in ("%Y%m%d", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _month(value: Any) -> dt.date:
    if isinstance(value, dt.date | dt.datetime):
        return first_of_month(_date(value))
    text = _text(value)
    for fmt in ("%Y-%m", "%Y%m", "%Y-%m-%d"):
        try:
            return first_of_month(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    raise ValueError(_("”%(v)s” är ingen månad; skriv ÅÅÅÅ-MM.") % {"v": text})


def _integer(value: Any) -> int:
    if isinstance(value, int | float) and float(value).is_integer():
        return int(value)
    text = _text(value) or "0"
    if not text.lstrip("-").isdigit():
        raise ValueError(_("”%(v)s” är inget heltal.") % {"v": text})
    return int(text)


def _decimal(value: Any) -> Decimal:
    text = _text(value).replace(",", ".").replace("\u00a0", "").replace(" ", "") or "0"
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(_("”%(v)s” är inget tal.") % {"v": _text(value)}) from exc
    if not number.is_finite():
        raise ValueError(_("”%(v)s” är inget tal.") % {"v": _text(value)})
    return number.quantize(Decimal("0.01"))


# --- checking --------------------------------------------------------------------------------------------------


def _headers_problem(kind: str, headers: list[str]) -> str | None:
    missing = [column for column in REQUIRED[kind] if column not in headers]
    if kind == "attendance" and "placeringskod" not in headers and not {"personnummer", "insats"} <= set(headers):
        missing.append("placeringskod (eller personnummer och insats)")
    if missing:
        return _("Kolumner saknas i rubrikraden: %(cols)s. Hämta mallen för att se vilka kolumner som behövs.") % {
            "cols": ", ".join(missing)
        }
    return None


class Progress:
    def __init__(self, job: ImportJob | None) -> None:
        self.job = job

    def __call__(self, done: int) -> None:
        if self.job is not None and done % PROGRESS_EVERY == 0:
            ImportJob.objects.filter(pk=self.job.pk).update(processed_rows=done)


def check_placements(actor: Any, organisation: Any, rows: list[tuple[int, dict[str, Any]]], progress=None) -> Checked:
    out = Checked(rows=len(rows))
    progress = progress or (lambda n: None)
    today = local_today()
    services = {s.code: s for s in Service.objects.filter(code__in={_text(r.get("insats")) for _, r in rows})}
    visible_services = (
        set(Service.objects.visible_to(actor).filter(code__in=services).values_list("code", flat=True))
        if actor is not None
        else set(services)
    )
    parsed: list[tuple[int, dict[str, Any], Any]] = []
    for number, row in rows:
        try:
            identity = parse(_text(row.get("personnummer")))
        except InvalidIdentityNumber as exc:
            out.add(number, "personnummer", str(exc))
            continue
        parsed.append((number, row, identity))
    hashes = {protection.identity_hash(identity): identity for _n, _r, identity in parsed}
    existing = {p.identity_hash: p for p in Participant.objects.filter(identity_hash__in=hashes)}
    writable = (
        set(Participant.objects.writable_by(actor).filter(identity_hash__in=hashes).values_list("pk", flat=True))
        if actor is not None
        else {p.pk for p in existing.values()}
    )
    # The accepted and live placements already held, per service and per (person, service).
    touched = [s.pk for s in services.values()]
    occupancy: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    earliest = min((d for d in (_start_or_none(r) for _n, r, _i in parsed) if d), default=today)
    for service_id, start, end in (
        Placement.objects.filter(service_id__in=touched, status=Placement.Status.ACCEPTED)
        .filter(Q(end__isnull=True) | Q(end__gte=earliest))
        .values_list("service_id", "start", "end")
    ):
        occupancy[service_id].append((start, end))
    held: dict[tuple[Any, int], list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for participant_id, service_id, start, end in Placement.objects.filter(
        service_id__in=touched, status__in=Placement.LIVE, participant__identity_hash__in=hashes
    ).values_list("participant_id", "service_id", "start", "end"):
        held[(participant_id, service_id)].append((start, end))
    prices = defaultdict(list)
    for row_price in ServicePrice.objects.filter(service_id__in=touched).order_by("valid_from"):
        prices[row_price.service_id].append(row_price)
    new_people: dict[str, Participant] = {}

    for done, (number, row, identity) in enumerate(parsed, start=1):
        progress(done)
        digest = protection.identity_hash(identity)
        person = existing.get(digest) or new_people.get(digest)
        key_person: Any
        if person is not None and person.pk is not None:
            if person.pk not in writable:
                out.add(
                    number, "personnummer", _("Personen är folkbokförd i en annan kommun och kan inte placeras av er.")
                )
                continue
            key_person = person.pk
        elif person is None:
            first, last = _text(row.get("förnamn")), _text(row.get("efternamn"))
            if not first or not last:
                out.add(number, "förnamn" if not first else "efternamn", _("Namnet saknas för en ny deltagare."))
                continue
            status_text = _text(row.get("uppehållsstatus")).lower()
            status = STATUS_WORDS.get(status_text or "annat")
            if status is None:
                out.add(
                    number,
                    "uppehållsstatus",
                    _(
                        "”%(v)s” är ingen uppehållsstatus. Skriv flykting, alternativt skyddsbehövande, "
                        "anhörig, kvotflykting eller annat."
                    )
                    % {"v": status_text},
                )
                continue
            try:
                received = _date(row.get("mottagen")) if _text(row.get("mottagen")) else None
            except ValueError as exc:
                out.add(number, "mottagen", str(exc))
                continue
            person = Participant(
                code=new_code("D-"),
                identity_encrypted=protection.encrypt(identity),
                identity_hash=digest,
                is_coordination_number=identity.is_coordination_number,
                first_name=first,
                last_name=last,
                birth_date=identity.birth_date,
                birth_year=identity.birth_date.year,
                home_municipality=organisation,
                reception_date=received or today,
                residence_status=status,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            new_people[digest] = person
            key_person = digest
        else:
            key_person = digest
        code = _text(row.get("insats"))
        service = services.get(code)
        if service is None or code not in visible_services:
            out.add(number, "insats", _("Det finns ingen insats med koden ”%(v)s” i katalogen.") % {"v": code})
            continue
        if not service.published and service.provider_id != organisation.pk:
            out.add(number, "insats", _("Insatsen %(v)s är inte publicerad.") % {"v": code})
            continue
        try:
            start = _date(row.get("startdatum"))
        except ValueError as exc:
            out.add(number, "startdatum", str(exc))
            continue
        try:
            end = _date(row.get("slutdatum")) if _text(row.get("slutdatum")) else None
        except ValueError as exc:
            out.add(number, "slutdatum", str(exc))
            continue
        if end is not None and end < start:
            out.add(number, "slutdatum", _("Slutdatum ligger före startdatum."))
            continue
        try:
            _check_target_group(person, service, start)
        except ExchangeError as exc:
            out.add(number, "insats", exc.message)
            continue
        if any(s <= (end or dt.date.max) and (e is None or e >= start) for s, e in held[(key_person, service.pk)]):
            out.add(
                number,
                "startdatum",
                _("Personen har redan en placering i insatsen %(v)s under perioden.") % {"v": code},
            )
            continue
        own = service.provider_id == organisation.pk
        if _peak(occupancy[service.pk], start, end) >= service.capacity:
            out.add(
                number,
                "insats",
                _("Insatsen %(v)s är fullbelagd under perioden (%(n)s platser).") % {"v": code, "n": service.capacity},
            )
            continue
        held[(key_person, service.pk)].append((start, end))
        if own:
            occupancy[service.pk].append((start, end))
        price = next(
            (
                p
                for p in reversed(prices[service.pk])
                if p.valid_from <= start and (p.valid_to is None or p.valid_to >= start)
            ),
            None,
        )
        placement = Placement(
            code=new_code("P-"),
            service=service,
            provider_id=service.provider_id,
            home_municipality=organisation,
            start=start,
            end=end,
            # A municipality's own residents in its own services need nobody else's answer.
            status=Placement.Status.ACCEPTED if own else Placement.Status.REQUESTED,
            price_ore=price.amount_ore if price else None,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        placement.person = person  # type: ignore[attr-defined]
        out.placements.append(placement)
    out.new_participants = list(new_people.values())
    return out


def _start_or_none(row: dict[str, Any]) -> dt.date | None:
    try:
        return _date(row.get("startdatum"))
    except ValueError:
        return None


def _peak(intervals: list[tuple[dt.date, dt.date | None]], start: dt.date, end: dt.date | None) -> int:
    events = []
    for s, e in intervals:
        if s <= (end or dt.date.max) and (e is None or e >= start):
            events.append((max(s, start), 1))
            if e is not None:
                events.append((e + dt.timedelta(days=1), -1))
    peak = running = 0
    for _day, step in sorted(events):
        running += step
        peak = max(peak, running)
    return peak


def check_attendance(actor: Any, organisation: Any, rows: list[tuple[int, dict[str, Any]]], progress=None) -> Checked:
    out = Checked(rows=len(rows))
    progress = progress or (lambda n: None)
    current_month = first_of_month(local_today())
    placements_qs = (
        Placement.objects.provided_by(actor) if actor is not None else Placement.objects.filter(provider=organisation)
    )
    codes = {_text(r.get("placeringskod")) for _, r in rows} - {""}
    by_code: dict[str, Placement] = {}
    by_person: dict[tuple[str, str], list[Placement]] = defaultdict(list)
    base = (
        placements_qs.filter(status=Placement.Status.ACCEPTED)
        .select_related("service", "participant")
        .prefetch_related("interruptions", "participant__residences")
    )
    if codes:
        by_code = {p.code: p for p in base.filter(code__in=codes)}
    identities: dict[int, str] = {}
    if any(_text(r.get("personnummer")) for _, r in rows):
        hashes = set()
        for number, row in rows:
            if not _text(row.get("placeringskod")) and _text(row.get("personnummer")):
                try:
                    identities[number] = protection.identity_hash(parse(_text(row.get("personnummer"))))
                    hashes.add(identities[number])
                except InvalidIdentityNumber:
                    continue
        for p in base.filter(participant__identity_hash__in=hashes):
            by_person[(p.participant.identity_hash or "", p.service.code)].append(p)
    locked = set(MonthLock.objects.values_list("month", flat=True))
    rules = dict(PayerRule.objects.values_list("category", "rule"))
    placement_ids = {p.pk for p in by_code.values()} | {p.pk for ps in by_person.values() for p in ps}
    existing = {
        (a.placement_id, a.month): a for a in Attendance.objects.filter(placement_id__in=placement_ids, locked=False)
    }
    seen: set[tuple[int, dt.date]] = set()
    for done, (number, row) in enumerate(rows, start=1):
        progress(done)
        code = _text(row.get("placeringskod"))
        try:
            month = _month(row.get("månad"))
        except ValueError as exc:
            out.add(number, "månad", str(exc))
            continue
        placement: Placement | None
        if code:
            placement = by_code.get(code)
            if placement is None:
                out.add(
                    number,
                    "placeringskod",
                    _("Ingen antagen placering i era insatser har koden ”%(v)s”.") % {"v": code},
                )
                continue
        else:
            if number not in identities:
                out.add(
                    number,
                    "personnummer",
                    _("Personnumret är ogiltigt eller saknas (ange placeringskod eller personnummer)."),
                )
                continue
            candidates = [
                p
                for p in by_person.get((identities[number], _text(row.get("insats"))), [])
                if p.days_in_month(month) > 0
            ]
            if not candidates:
                out.add(
                    number,
                    "insats",
                    _("Personen har ingen antagen placering i insatsen ”%(v)s” den månaden.")
                    % {"v": _text(row.get("insats"))},
                )
                continue
            placement = candidates[0]
        if month in locked:
            out.add(
                number,
                "månad",
                _("%(m)s är låst eftersom månaden har avräknats; rapportera en rättelse i stället.")
                % {"m": f"{month:%Y-%m}"},
            )
            continue
        if month > current_month:
            out.add(number, "månad", _("%(m)s har inte börjat.") % {"m": f"{month:%Y-%m}"})
            continue
        if (placement.pk, month) in seen:
            out.add(
                number,
                "månad",
                _("Placeringen %(c)s och %(m)s finns redan på en tidigare rad i filen.")
                % {"c": placement.code, "m": f"{month:%Y-%m}"},
            )
            continue
        days = placement.days_in_month(month)
        if days == 0:
            out.add(
                number,
                "månad",
                _("Placeringen %(c)s pågår inte under %(m)s.") % {"c": placement.code, "m": f"{month:%Y-%m}"},
            )
            continue
        try:
            present = _integer(row.get("närvarodagar"))
        except ValueError as exc:
            out.add(number, "närvarodagar", str(exc))
            continue
        if present < 0 or present > days:
            out.add(
                number,
                "närvarodagar",
                _("Närvarodagarna (%(n)s) ska ligga mellan 0 och placeringens %(d)s dagar i %(m)s.")
                % {"n": present, "d": days, "m": f"{month:%Y-%m}"},
            )
            continue
        try:
            hours = _decimal(row.get("timmar"))
        except ValueError as exc:
            out.add(number, "timmar", str(exc))
            continue
        if hours < 0 or hours > 24 * days:
            out.add(
                number, "timmar", _("Timmarna (%(h)s) ska ligga mellan 0 och %(max)s.") % {"h": hours, "max": 24 * days}
            )
            continue
        seen.add((placement.pk, month))
        row_obj = existing.get((placement.pk, month))
        target = row_obj or Attendance(placement=placement, month=month, provider_id=placement.provider_id)
        target.days_enrolled = days
        target.days_present = present
        target.hours = hours
        target.course_started = first_of_month(placement.start) == month
        target.payer_id = payer_for(placement, month, rules)
        target.reported_by = actor if getattr(actor, "is_authenticated", False) else None
        target.reported_at = timezone.now()
        (out.attendance_changed if row_obj else out.attendance_new).append(target)
    return out


# --- saving ------------------------------------------------------------------------------------------------------


def _save(job: ImportJob, checked: Checked, actor: Any) -> int:
    with transaction.atomic():
        if job.kind == ImportJob.Kind.PLACEMENTS:
            Participant.objects.bulk_create(checked.new_participants, batch_size=1000)
            Residence.objects.bulk_create(
                (
                    Residence(participant=p, municipality_id=p.home_municipality_id, valid_from=p.reception_date)
                    for p in checked.new_participants
                ),
                batch_size=1000,
            )
            for placement in checked.placements:
                placement.participant = placement.person  # type: ignore[attr-defined]
            Placement.objects.bulk_create(checked.placements, batch_size=1000)
            saved = len(checked.placements)
        else:
            if MonthLock.objects.filter(
                month__in={a.month for a in checked.attendance_new + checked.attendance_changed}
            ).exists():
                raise ExchangeError(_("En månad i filen låstes medan filen lästes in. Läs in filen igen."))
            Attendance.objects.bulk_create(checked.attendance_new, batch_size=1000)
            Attendance.objects.bulk_update(
                checked.attendance_changed,
                ["days_enrolled", "days_present", "hours", "course_started", "payer", "reported_by", "reported_at"],
                batch_size=500,
            )
            saved = len(checked.attendance_new) + len(checked.attendance_changed)
        # One event for the file: who imported what, and the rows saved (codes, never identity numbers).
        record(
            actor=actor,
            action=f"exchange.import.{job.kind}",
            obj=job,
            after={
                "file": job.original_name,
                "rows": saved,
                "new_participants": [p.code for p in checked.new_participants],
                "placements": [p.code for p in checked.placements][:5000],
            },
            personal_data=True,
        )
    return saved


def process(job: ImportJob) -> ImportJob:
    """Check the whole file, then save it all or nothing; the job records the outcome."""
    actor = job.created_by
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, started_at=timezone.now())
    unexpected = _("Inläsningen avbröts av ett oväntat fel och ingenting sparades. Läs in filen igen.")
    with failure_recorded(lambda: _failed(job, unexpected)):
        _process(job, actor)
    job.refresh_from_db()
    return job


def _failed(job: ImportJob, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.FAILED,
        error_count=1,
        errors=[{"row": None, "column": "", "message": message}],
        finished_at=timezone.now(),
    )


def _process(job: ImportJob, actor: Any) -> None:
    try:
        allowed = HOME_WRITERS if job.kind == ImportJob.Kind.PLACEMENTS else PROVIDER_WRITERS
        if actor is not None and actor.role not in allowed:
            raise FileProblem(
                _("Din roll kan inte läsa in placeringar.")
                if job.kind == ImportJob.Kind.PLACEMENTS
                else _("Din roll kan inte läsa in närvaro.")
            )
        with job.file.open("rb") as handle:
            data = handle.read()
        headers, body, encoding, total = read_rows(data, job.original_name)
        problem = _headers_problem(job.kind, headers)
        if problem:
            raise FileProblem(problem)
        ImportJob.objects.filter(pk=job.pk).update(encoding=encoding, total_rows=total)
        rows = [(number, dict(zip(headers, cells, strict=False))) for number, cells in body]
        check = check_placements if job.kind == ImportJob.Kind.PLACEMENTS else check_attendance
        checked = check(actor, job.organisation, rows, Progress(job))
        if checked.error_count:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.FAILED,
                processed_rows=total,
                error_count=checked.error_count,
                errors=[e.as_dict() for e in checked.errors],
                finished_at=timezone.now(),
            )
        else:
            saved = _save(job, checked, actor)
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.DONE, processed_rows=total, saved_rows=saved, finished_at=timezone.now()
            )
    except (FileProblem, ExchangeError) as exc:
        _failed(job, exc.message if isinstance(exc, ExchangeError) else str(exc))
    finally:
        # The file holds identity numbers and names: once read, it is not kept (the job keeps
        # the outcome and the errors, which never repeat an identity number). After an
        # unexpected error too: the job then asks for the file again.
        if job.file.name:
            job.file.storage.delete(job.file.name)


@task()
def run_import(job_id: int) -> str:
    job = ImportJob.objects.select_related("created_by", "organisation").get(pk=job_id)
    # A task run again after its worker died (core.workers) may find its job already finished.
    return job.status if job.is_finished else process(job).status


def start(*, actor: Any, organisation: Any, kind: str, upload: Any) -> ImportJob:
    """Store the file and queue the import; the page shows its progress."""
    job = ImportJob(organisation=organisation, kind=kind, original_name=upload.name[:255], created_by=actor)
    job.file.save(f"{timezone.now():%Y%m%d%H%M%S}-{kind}.dat", ContentFile(upload.read()), save=False)
    job.save()
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job
