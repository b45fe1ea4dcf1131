"""Operations on state compensation. Each one is atomic and audited; bad input changes nothing."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from samverkan.audit.services import record, snapshot
from samverkan.lib.money import format_ore, parse_kronor
from samverkan.organisations.models import Organisation
from samverkan.statecomp import refdata
from samverkan.statecomp.compare import participants_received
from samverkan.statecomp.files import Table, TableError, read_table
from samverkan.statecomp.models import (
    Application,
    CompensationKind,
    Housing,
    ImportBatch,
    Payment,
    Rate,
    Reception,
)


class StatecompError(Exception):
    """A refused operation; `problems` lists every reason (row and column named), `field` the form field."""

    def __init__(self, message: str | list[str], field: str | None = None) -> None:
        self.problems = [message] if isinstance(message, str) else list(message)
        super().__init__("\n".join(self.problems))
        self.message = self.problems[0] if len(self.problems) == 1 else "\n".join(self.problems)
        self.field = field


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- rates ----------------------------------------------------------------------------------------------


@dataclass
class RateLoadReport:
    kinds_created: int = 0
    rates_created: int = 0
    rates_updated: int = 0
    unchanged: int = 0


def load_rates(root: Path) -> RateLoadReport:
    """Load the kinds and rates of `root/statecomp/`; checks everything first, safe to run twice."""
    kinds, rates = refdata.read(root)  # raises RateDataError before anything is written
    report = RateLoadReport()
    with transaction.atomic():
        by_code = {}
        for kind_row in kinds:
            kind, created = CompensationKind.objects.update_or_create(
                code=kind_row.code,
                defaults={
                    "name": kind_row.name,
                    "needs_application": kind_row.needs_application,
                    "per_person": kind_row.per_person,
                    "starts_on": kind_row.starts_on,
                    "deadline_months": kind_row.deadline_months,
                    "order": kind_row.order,
                    "legal_source": kind_row.source,
                },
            )
            report.kinds_created += created
            by_code[kind_row.code] = kind
        existing = {
            (r.kind_id, r.year, r.valid_from, r.housing, r.age_from): r
            for r in Rate.objects.filter(kind__in=by_code.values())
        }
        for row in rates:
            kind = by_code[row.kind]
            values = {
                "age_to": row.age_to,
                "amount_ore": row.amount_ore,
                "status": row.status,
                "source": row.source,
            }
            current = existing.get((kind.pk, row.year, row.valid_from, row.housing, row.age_from))
            if current is None:
                Rate.objects.create(
                    kind=kind, year=row.year, valid_from=row.valid_from, housing=row.housing, age_from=row.age_from,
                    **values,
                )  # fmt: skip
                report.rates_created += 1
            elif any(getattr(current, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(current, k, v)
                current.save(update_fields=list(values))
                report.rates_updated += 1
            else:
                report.unchanged += 1
        if report.kinds_created or report.rates_created or report.rates_updated:
            record(
                actor=None,
                action="statecomp.rates.load",
                object_repr=_("Belopp för statlig ersättning"),
                after={"kinds_created": report.kinds_created, "created": report.rates_created,
                       "updated": report.rates_updated},
            )  # fmt: skip
    return report


def enter_rate(
    *,
    actor: Any,
    kind: CompensationKind,
    year: int,
    age_from: int,
    age_to: int | None,
    amount_ore: int,
    source: str,
    housing: str = "",
    valid_from: dt.date | None = None,
    note: str = "",
    is_demo: bool = False,
) -> Rate:
    """A rate for a year the reference data does not know, entered by a coordinator with its source."""
    source = (source or "").strip()
    if not source:
        raise StatecompError(
            _("Ange källan till beloppet, till exempel Migrationsverkets beslut eller nyhet."), "source"
        )
    if amount_ore <= 0:
        raise StatecompError(_("Beloppet måste vara större än noll."), "amount")
    if age_to is not None and age_to < age_from:
        raise StatecompError(_("Åldersgruppens övre gräns får inte vara lägre än den nedre."), "age_to")
    valid_from = valid_from or dt.date(year, 1, 1)
    if valid_from.year != year or valid_from.day != 1:
        raise StatecompError(
            _("”Gäller från” ska vara den första dagen i en månad år %(year)s.") % {"year": year}, "valid_from"
        )
    with transaction.atomic():
        # Two coordinators entering the same year at once: the kind's row lock orders them.
        CompensationKind.objects.select_for_update().get(pk=kind.pk)
        siblings = Rate.objects.filter(kind=kind, year=year, valid_from=valid_from, housing=housing)
        for other in siblings:
            if other.age_from <= (age_to if age_to is not None else 10_000) and (
                other.age_to is None or other.age_to >= age_from
            ):
                raise StatecompError(
                    _(
                        "Det finns redan ett belopp för %(kind)s %(year)s i åldersgruppen %(group)s "
                        "(%(amount)s, %(source)s)."
                    )
                    % {
                        "kind": kind.name,
                        "year": year,
                        "group": other.age_group,
                        "amount": format_ore(other.amount_ore),
                        "source": other.source,
                    },
                    "age_from",
                )
        rate = Rate.objects.create(
            kind=kind,
            year=year,
            valid_from=valid_from,
            age_from=age_from,
            age_to=age_to,
            housing=housing,
            amount_ore=amount_ore,
            status=Rate.Status.ENTERED,
            source=source,
            note=note,
            entered_by=_user(actor),
            is_demo=is_demo,
        )
        record(actor=actor, action="statecomp.rate.enter", obj=rate, after=snapshot(rate))
    return rate


# --- reading cells of imported files ------------------------------------------------------------------------

HOUSING_WORDS = {
    "": "",
    "anvisad": Housing.ALLOCATED,
    "anvisning": Housing.ALLOCATED,
    "allocated": Housing.ALLOCATED,
    "eget": Housing.OWN,
    "eget boende": Housing.OWN,
    "ebo": Housing.OWN,
    "own": Housing.OWN,
}


def _month(text: str) -> dt.date:
    value = text.strip()
    for fmt in ("%Y-%m", "%Y-%m-%d", "%Y%m"):
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        return day.replace(day=1)
    raise ValueError(f"”{text}” är ingen månad; skriv till exempel 2024-03.")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError as exc:
        raise ValueError(f"”{text}” är inget datum; skriv till exempel 2024-03-15.") from exc


def _count(text: str) -> int:
    try:
        value = int(text.strip().replace(" ", "").replace("\u00a0", ""))
    except ValueError as exc:
        raise ValueError(f"”{text}” är inget heltal.") from exc
    if value < 0:
        raise ValueError(f"”{text}” är negativt.")
    return value


def _housing(text: str) -> str:
    key = " ".join(text.strip().lower().split())
    if key not in HOUSING_WORDS:
        raise ValueError(f"”{text}” är inget boende; skriv anvisad eller eget boende (eller lämna tomt).")
    return HOUSING_WORDS[key]


def _check_columns(table: Table, required: set[str], optional: set[str], where: str) -> None:
    unknown = [h for h in table.header if h not in required | optional]
    missing = sorted(required - set(table.header))
    problems = []
    if unknown:
        problems.append(
            _("Okända kolumner i %(where)s: %(unknown)s. Tillåtna kolumner är %(allowed)s.")
            % {
                "where": where,
                "unknown": ", ".join(f"”{u}”" for u in unknown),
                "allowed": ", ".join(sorted(required | optional)),
            }
        )
    if missing:
        problems.append(
            _("Kolumner saknas i %(where)s: %(missing)s.") % {"where": where, "missing": ", ".join(missing)}
        )
    if problems:
        raise StatecompError(problems, "file")


def _read(name: str, data: bytes) -> Table:
    try:
        return read_table(name, data)
    except TableError as error:
        raise StatecompError(error.problems, "file") from error


def _refuse_twice(municipality: Organisation, kind: str, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    earlier = ImportBatch.objects.filter(municipality=municipality, kind=kind, sha256=sha).first()
    if earlier is not None:
        raise StatecompError(
            _("Filen är redan inläst (%(name)s, %(day)s); inget har sparats.")
            % {"name": earlier.file_name, "day": earlier.imported_at.date().isoformat()},
            "file",
        )
    return sha


def _new_batch(actor: Any, municipality: Organisation, kind: str, name: str, data: bytes) -> ImportBatch:
    sha = _refuse_twice(municipality, kind, data)
    return ImportBatch.objects.create(
        municipality=municipality, kind=kind, file_name=name[:255], sha256=sha, imported_by=_user(actor)
    )


def _municipality_cell(row: dict[str, str], municipality: Organisation, number: int, problems: list[str]) -> None:
    code = row.get("kommunkod", "")
    if code and code.zfill(4) != (municipality.scb_code or ""):
        problems.append(
            _("Rad %(row)s, kolumn kommunkod: %(code)s är inte %(name)s (%(own)s).")
            % {"row": number, "code": code, "name": municipality.name, "own": municipality.scb_code}
        )


# --- receptions -----------------------------------------------------------------------------------------------

RECEPTION_REQUIRED = {"månad", "åldersgrupp", "antal"}
RECEPTION_OPTIONAL = {"boende", "kommunkod"}


def import_receptions(*, actor: Any, municipality: Organisation, name: str, data: bytes) -> ImportBatch:
    """Counts of received persons per month and age group, for a municipality that keeps no participants here."""
    if municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise StatecompError(_("Mottagna personer räknas per kommun, inte för %(name)s.") % {"name": municipality})
    _refuse_twice(municipality, ImportBatch.Kind.RECEPTIONS, data)
    table = _read(name, data)
    _check_columns(table, RECEPTION_REQUIRED, RECEPTION_OPTIONAL, _("filen med mottagna"))
    problems: list[str] = []
    parsed = []
    for number, row in table.rows:
        _municipality_cell(row, municipality, number, problems)
        try:
            month = _month(row["månad"])
        except ValueError as exc:
            problems.append(_("Rad %(row)s, kolumn månad: %(error)s") % {"row": number, "error": exc})
            continue
        try:
            age_from, age_to = refdata.parse_age_group(row["åldersgrupp"])
        except ValueError as exc:
            problems.append(_("Rad %(row)s, kolumn åldersgrupp: %(error)s") % {"row": number, "error": exc})
            continue
        try:
            count = _count(row["antal"])
            housing = _housing(row.get("boende", ""))
        except ValueError as exc:
            problems.append(_("Rad %(row)s: %(error)s") % {"row": number, "error": exc})
            continue
        if count:
            parsed.append(Reception(municipality=municipality, month=month, age_from=age_from, age_to=age_to,
                                    housing=housing, count=count))  # fmt: skip
    if not parsed and not problems:
        problems.append(_("Filen har inga mottagna personer."))
    months = sorted({r.month for r in parsed})
    if months:
        already = sorted(
            {
                m.strftime("%Y-%m")
                for m in Reception.objects.filter(municipality=municipality, month__in=months).values_list(
                    "month", flat=True
                )
            }
        )
        if already:
            problems.append(
                _("%(name)s har redan mottagna för %(months)s; en månad läses in en gång.")
                % {"name": municipality.name, "months": ", ".join(already)}
            )
        kept = sorted(
            {
                m.strftime("%Y-%m")
                for m in participants_received([municipality.pk], {m.year for m in months})
                .filter(month__in=months)
                .values_list("month", flat=True)
            }
        )
        if kept:
            problems.append(
                _(
                    "%(name)s har deltagare här som togs emot %(months)s; de räknas från deltagarna, "
                    "och samma månader läses inte in som antal."
                )
                % {"name": municipality.name, "months": ", ".join(kept)}
            )
    if problems:
        raise StatecompError(problems, "file")
    with transaction.atomic():
        batch = _new_batch(actor, municipality, ImportBatch.Kind.RECEPTIONS, name, data)
        for reception in parsed:
            reception.batch = batch
        Reception.objects.bulk_create(parsed)
        batch.rows = len(parsed)
        batch.save(update_fields=["rows"])
        record(
            actor=actor,
            action="statecomp.receptions.import",
            obj=batch,
            after={"rows": len(parsed), "persons": sum(r.count for r in parsed),
                   "months": [m.isoformat() for m in months]},
        )  # fmt: skip
    return batch


# --- payments --------------------------------------------------------------------------------------------------

PAYMENT_REQUIRED = {"ersättning", "belopp", "utbetald"}
PAYMENT_OPTIONAL = {
    "mottagningsår", "mottagningsmånad", "åldersgrupp", "boende", "antal", "referens", "kommunkod", "personnummer",
}  # fmt: skip
TOTAL_WORDS = {"summa", "totalt", "total", "totalsumma"}


def _kind_lookup() -> dict[str, CompensationKind]:
    lookup = {}
    for kind in CompensationKind.objects.all():
        lookup[kind.code.lower()] = kind
        lookup[" ".join(kind.name.lower().split())] = kind
    return lookup


def _received_participant(text: str, municipality: Organisation, received_ids: set[int]) -> Any:
    from samverkan.exchange.services import find_participant

    participant = find_participant(text)
    return participant if participant is not None and participant.pk in received_ids else None


def import_payments(*, actor: Any, municipality: Organisation, name: str, data: bytes) -> ImportBatch:
    """The state's payment specification: one payment per line; its total row must match the lines."""
    _refuse_twice(municipality, ImportBatch.Kind.PAYMENTS, data)
    table = _read(name, data)
    _check_columns(table, PAYMENT_REQUIRED, PAYMENT_OPTIONAL, _("utbetalningsspecifikationen"))
    if "mottagningsår" not in table.header and "mottagningsmånad" not in table.header:
        raise StatecompError(_("Kolumnen mottagningsår eller mottagningsmånad behövs."), "file")
    kinds = _kind_lookup()
    received_ids = (
        set(participants_received([municipality.pk]).values_list("pk", flat=True))
        if "personnummer" in table.header
        else set()
    )
    problems: list[str] = []
    payments: list[Payment] = []
    total_ore: int | None = None
    total_row = 0
    for number, row in table.rows:
        label = " ".join(row["ersättning"].lower().split())
        if label in TOTAL_WORDS:
            if total_ore is not None:
                problems.append(_("Rad %(row)s: filen har mer än en summarad.") % {"row": number})
            try:
                total_ore = parse_kronor(row["belopp"])
                total_row = number
            except ValueError as exc:
                problems.append(_("Rad %(row)s, kolumn belopp: %(error)s") % {"row": number, "error": exc})
            continue
        if total_ore is not None:
            problems.append(_("Rad %(row)s: raden står efter summaraden.") % {"row": number})
        row_problems: list[str] = []

        def cell(column: str, parse: Any, required: bool = True, row=row, number=number, out=row_problems) -> Any:
            text = row.get(column, "")
            if not text:
                if required:
                    out.append(_("Rad %(row)s, kolumn %(col)s: värde saknas.") % {"row": number, "col": column})
                return None
            try:
                return parse(text)
            except ValueError as exc:
                out.append(_("Rad %(row)s, kolumn %(col)s: %(error)s") % {"row": number, "col": column, "error": exc})
                return None

        _municipality_cell(row, municipality, number, row_problems)
        kind = kinds.get(label)
        if kind is None:
            row_problems.append(
                _("Rad %(row)s, kolumn ersättning: ”%(value)s” är inget känt ersättningsslag.")
                % {"row": number, "value": row["ersättning"]}
            )
        amount = cell("belopp", parse_kronor)
        paid_on = cell("utbetald", _date)
        month = cell("mottagningsmånad", _month, required=False)
        year = cell("mottagningsår", _count, required=False)
        if month is not None and year is not None and month.year != year:
            row_problems.append(
                _("Rad %(row)s: mottagningsmånaden %(month)s ligger inte i mottagningsåret %(year)s.")
                % {"row": number, "month": month.strftime("%Y-%m"), "year": year}
            )
        if month is None and year is None:
            row_problems.append(_("Rad %(row)s: ange mottagningsår eller mottagningsmånad.") % {"row": number})
        participant = None
        if row.get("personnummer"):
            participant = _received_participant(row["personnummer"], municipality, received_ids)
            if participant is None:
                # The same words whether the number is invalid, unknown or another municipality's: a file
                # must not reveal who is a participant elsewhere.
                row_problems.append(
                    _("Rad %(row)s, kolumn personnummer: ingen mottagen deltagare i %(name)s har det numret.")
                    % {"row": number, "name": municipality.name}
                )
        group = cell("åldersgrupp", refdata.parse_age_group, required=False)
        count = cell("antal", _count, required=False)
        housing = cell("boende", _housing, required=False) or ""
        problems.extend(row_problems)
        if row_problems:
            continue
        payments.append(
            Payment(
                municipality=municipality,
                kind=kind,
                year=month.year if month else year,
                month=month,
                age_from=group[0] if group else None,
                age_to=group[1] if group else None,
                housing=housing,
                count=count if count is not None else (1 if participant else None),
                amount_ore=amount,
                paid_on=paid_on,
                reference=row.get("referens", "")[:100],
                participant=participant,
                entered_by=_user(actor),
            )
        )
    if not payments and not problems:
        problems.append(_("Filen har inga utbetalningar."))
    lines_ore = sum(p.amount_ore for p in payments)
    if total_ore is not None and not problems and lines_ore != total_ore:
        problems.append(
            _("Summaraden (rad %(row)s) säger %(total)s men raderna blir tillsammans %(sum)s; skillnad %(diff)s.")
            % {
                "row": total_row,
                "total": format_ore(total_ore),
                "sum": format_ore(lines_ore),
                "diff": format_ore(lines_ore - total_ore),
            }
        )
    if problems:
        raise StatecompError(problems, "file")
    with transaction.atomic():
        batch = _new_batch(actor, municipality, ImportBatch.Kind.PAYMENTS, name, data)
        for payment in payments:
            payment.batch = batch
        Payment.objects.bulk_create(payments)
        batch.rows = len(payments)
        batch.total_ore = lines_ore
        batch.save(update_fields=["rows", "total_ore"])
        record(
            actor=actor,
            action="statecomp.payments.import",
            obj=batch,
            after={"rows": len(payments), "total_ore": lines_ore},
        )
    return batch


def record_payment(
    *,
    actor: Any,
    municipality: Organisation,
    kind: CompensationKind,
    year: int,
    amount_ore: int,
    paid_on: dt.date,
    month: dt.date | None = None,
    age_from: int | None = None,
    age_to: int | None = None,
    housing: str = "",
    count: int | None = None,
    reference: str = "",
    note: str = "",
    is_demo: bool = False,
) -> Payment:
    """One payment entered by hand, e.g. from a letter."""
    if month is not None and month.year != year:
        raise StatecompError(_("Mottagningsmånaden ligger inte i mottagningsåret."), "month")
    if amount_ore == 0:
        raise StatecompError(_("Ange ett belopp som inte är noll."), "amount")
    with transaction.atomic():
        payment = Payment.objects.create(
            municipality=municipality,
            kind=kind,
            year=year,
            month=month.replace(day=1) if month else None,
            age_from=age_from,
            age_to=age_to,
            housing=housing,
            count=count,
            amount_ore=amount_ore,
            paid_on=paid_on,
            reference=reference,
            note=note,
            entered_by=_user(actor),
            is_demo=is_demo,
        )
        record(actor=actor, action="statecomp.payment.record", obj=payment, after=snapshot(payment))
    return payment


# --- applications ----------------------------------------------------------------------------------------------


def deadline_for(kind: CompensationKind, period_end: dt.date) -> dt.date | None:
    """The last day to apply: `deadline_months` after the end of the period's month, when the kind states it."""
    if kind.deadline_months is None:
        return None
    month_index = period_end.month - 1 + kind.deadline_months
    year, month = period_end.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def create_application(
    *,
    actor: Any,
    municipality: Organisation,
    kind: CompensationKind,
    period_start: dt.date,
    period_end: dt.date,
    deadline: dt.date | None = None,
    amount_ore: int | None = None,
    note: str = "",
    is_demo: bool = False,
) -> Application:
    """Something the municipality must apply for, with its deadline (from the kind's rule when not given)."""
    if not kind.needs_application:
        raise StatecompError(
            _("%(kind)s betalas ut utan ansökan; den hör inte hemma bland ansökningarna.") % {"kind": kind.name},
            "kind",
        )
    if period_end < period_start:
        raise StatecompError(_("Perioden kan inte sluta innan den börjar."), "period_end")
    deadline = deadline or deadline_for(kind, period_end)
    if deadline is None:
        raise StatecompError(
            _("%(kind)s har ingen regel för sista ansökningsdag; ange sista dagen.") % {"kind": kind.name}, "deadline"
        )
    with transaction.atomic():
        overlapping = Application.objects.filter(
            municipality=municipality, kind=kind, period_start__lte=period_end, period_end__gte=period_start
        ).exclude(status=Application.Status.LAPSED)
        if overlapping.exists():
            raise StatecompError(
                _("Det finns redan en ansökan om %(kind)s för en del av perioden.") % {"kind": kind.name},
                "period_start",
            )
        application = Application.objects.create(
            municipality=municipality,
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            deadline=deadline,
            amount_ore=amount_ore,
            note=note,
            created_by=_user(actor),
            is_demo=is_demo,
        )
        record(actor=actor, action="statecomp.application.create", obj=application, after=snapshot(application))
    return application


def mark_applied(*, actor: Any, application: Application, applied_on: dt.date, reference: str = "") -> Application:
    with transaction.atomic():
        # Two officers may report the same application at once: the lock makes the second see it done.
        current = Application.objects.select_for_update().get(pk=application.pk)
        if current.status != Application.Status.TO_APPLY:
            raise StatecompError(
                _("Ansökan är redan registrerad som %(status)s.") % {"status": current.get_status_display().lower()}
            )
        before = snapshot(current)
        current.status = Application.Status.APPLIED
        current.applied_on = applied_on
        current.reference = reference
        current.save(update_fields=["status", "applied_on", "reference"])
        record(actor=actor, action="statecomp.application.applied", obj=current, before=before, after=snapshot(current))
    return current


def open_applications(queryset: Any) -> Any:
    """What is still to be applied for, the nearest deadline first."""
    return queryset.filter(Q(status=Application.Status.TO_APPLY)).order_by("deadline", "id")
