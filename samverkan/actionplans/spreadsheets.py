"""Excel round trip (openpyxl) of a plan's measures and of a round's reports, keyed by stable ids.

Export, edit in Excel, import: rows carry the database ids (Insats-id, Område-id,
Omgång-id and the organisation's code), so an import updates exactly the rows it names and
creates a measure only for a row without an id. An import never deletes: a measure or
report missing from the file is kept as it is. The whole file is checked first; one bad
row and nothing is saved, and every error names its row and column, in Swedish.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.accounts.roles import Role
from samverkan.actionplans import services
from samverkan.actionplans.models import (
    ActionPlan,
    Area,
    FollowUpRound,
    ImportJob,
    Measure,
    Report,
    SubGoal,
)
from samverkan.actionplans.services import ActionPlanError
from samverkan.audit.services import record
from samverkan.core.jobs import failure_recorded
from samverkan.lib import archives
from samverkan.organisations.models import Organisation

PLAN_SHEET = "Insatser"
REPORT_SHEET = "Rapporter"
PLAN_COLUMNS = [
    "Insats-id",
    "Område-id",
    "Område",
    "Överordnad insats-id",
    "Prioritet",
    "Insats",
    "Beskrivning",
    "Huvudansvarig",
    "Ansvariga",
    "Start",
    "Slut",
    "Vikt",
    "Indikator",
    "Enhet",
    "Utgångsvärde",
    "Målvärde",
    "Riktning",
]
REPORT_COLUMNS = [
    "Omgång-id",
    "Insats-id",
    "Insats",
    "Organisation",
    "Organisationsnamn",
    "Indikator",
    "Enhet",
    "Värde",
    "Status",
    "Framsteg",
    "Kommentar",
]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit_label(unit: str) -> str:
    with translation.override("sv"):
        return str(SubGoal.Unit(unit).label)


def _direction_label(direction: str) -> str:
    with translation.override("sv"):
        return str(SubGoal.Direction(direction).label)


def _status_label(status: str) -> str:
    with translation.override("sv"):
        return str(Report.Status(status).label)


def _workbook(title: str, columns: list[str], rows: list[list[Any]], widths: list[int]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(columns)
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row_cells in sheet.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _number(value: Decimal | None) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def plan_xlsx(plan: ActionPlan) -> bytes:
    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("area", "lead", "subgoal")
        .prefetch_related("responsible")
        .order_by("area__rank", "parent_id", "rank", "id")
    )
    # Parents before their children, so a reader sees the tree.
    ordered: list[Measure] = []
    children: dict[int, list[Measure]] = {}
    for m in measures:
        if m.parent_id:
            children.setdefault(m.parent_id, []).append(m)
    for m in measures:
        if m.parent_id is None:
            ordered.append(m)
            ordered.extend(children.get(m.pk, []))
    rows = []
    for m in ordered:
        subgoal = getattr(m, "subgoal", None)
        rows.append(
            [
                m.pk,
                m.area_id,
                m.area.title,
                m.parent_id,
                m.rank,
                m.title,
                m.description,
                m.lead.code if m.lead else None,
                ", ".join(sorted(o.code for o in m.responsible.all())),
                m.starts_on,
                m.ends_on,
                m.weight,
                subgoal.indicator if subgoal else None,
                _unit_label(subgoal.unit) if subgoal else None,
                _number(subgoal.baseline) if subgoal else None,
                _number(subgoal.target) if subgoal else None,
                _direction_label(subgoal.direction) if subgoal else None,
            ]
        )
    return _workbook(
        PLAN_SHEET, PLAN_COLUMNS, rows, [10, 10, 30, 12, 10, 50, 40, 14, 30, 12, 12, 6, 40, 10, 12, 12, 18]
    )


def reports_xlsx(round_: FollowUpRound) -> bytes:
    links = (
        services.reportable(round_.plan_id)
        .select_related("measure__subgoal", "measure__area", "organisation")
        .order_by("measure__area__rank", "measure__parent_id", "measure__rank", "organisation__name")
    )
    reports = {(r.measure_id, r.organisation_id): r for r in Report.objects.filter(round=round_)}
    rows = []
    for link in links:
        m = link.measure
        subgoal = getattr(m, "subgoal", None)
        report = reports.get((m.pk, link.organisation_id))
        rows.append(
            [
                round_.pk,
                m.pk,
                m.title,
                link.organisation.code,
                link.organisation.name,
                subgoal.indicator if subgoal else None,
                _unit_label(subgoal.unit) if subgoal else None,
                _number(report.value) if report else None,
                _status_label(report.status) if report else None,
                report.progress if report else None,
                report.comment if report else None,
            ]
        )
    return _workbook(REPORT_SHEET, REPORT_COLUMNS, rows, [10, 10, 50, 14, 30, 40, 10, 12, 20, 10, 50])


# --- import ------------------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors


def _read_sheet(content: bytes, sheet_name: str, columns: list[str]) -> list[tuple[int, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        archives.check_expanded_size(content)
    except archives.ArchiveTooLarge as exc:
        raise _Refused([RowError(0, "", str(exc))]) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _Refused([RowError(0, "", _("Filen kunde inte läsas som en Excelfil (.xlsx)."))]) from exc
    if sheet_name not in workbook.sheetnames:
        raise _Refused([RowError(0, "", _("Bladet ”%(sheet)s” saknas i filen.") % {"sheet": sheet_name})])
    rows = workbook[sheet_name].iter_rows(values_only=True)
    header = [str(c).strip() if c is not None else "" for c in next(rows, ())]
    while header and header[-1] == "":
        header.pop()
    errors = []
    for name in header:
        if name not in columns:
            errors.append(
                RowError(1, name, _("Okänd kolumn ”%(name)s”. Använd kolumnerna från exporten.") % {"name": name})
            )
    for name in columns:
        if name not in header:
            errors.append(RowError(1, name, _("Kolumnen ”%(name)s” saknas.") % {"name": name}))
    if len(set(header)) != len(header):
        errors.append(RowError(1, "", _("Samma kolumn finns flera gånger.")))
    if errors:
        raise _Refused(errors)
    out = []
    for number, values in enumerate(rows, start=2):
        row = {name: (values[i] if i < len(values) else None) for i, name in enumerate(header)}
        row = {k: (v.strip() if isinstance(v, str) else v) for k, v in row.items()}
        if all(v in (None, "") for v in row.values()):
            continue
        out.append((number, row))
    return out


def _int(value: Any, row: int, column: str, errors: list[RowError], *, required: bool = False) -> int | None:
    if value in (None, ""):
        if required:
            errors.append(RowError(row, column, _("Ett heltal krävs.")))
        return None
    try:
        number = Decimal(str(value))
        if number != number.to_integral_value():
            raise InvalidOperation
        return int(number)
    except (InvalidOperation, ValueError):
        errors.append(RowError(row, column, _("”%(value)s” är inte ett heltal.") % {"value": value}))
        return None


def _date(value: Any, row: int, column: str, errors: list[RowError]) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        errors.append(RowError(row, column, _("”%(value)s” är inget datum; skriv ÅÅÅÅ-MM-DD.") % {"value": value}))
        return None


def _decimal(value: Any, row: int, column: str, errors: list[RowError]) -> Decimal | None:
    if value in (None, ""):
        errors.append(RowError(row, column, _("Ett tal krävs när indikatorn är ifylld.")))
        return None
    try:
        return Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        errors.append(RowError(row, column, _("”%(value)s” är inte ett tal.") % {"value": value}))
        return None


def _choice(value: Any, choices: Any, row: int, column: str, errors: list[RowError]) -> str | None:
    text = str(value or "").strip().lower()
    with translation.override("sv"):
        for code, label in choices:
            if text in (code, str(label).lower()):
                return code
        allowed = ", ".join(str(label).lower() for _code, label in choices)
    errors.append(
        RowError(row, column, _("”%(value)s” är inte ett av: %(allowed)s.") % {"value": value, "allowed": allowed})
    )
    return None


def import_plan(plan: ActionPlan, content: bytes, actor: Any) -> Outcome:
    rows = _read_sheet(content, PLAN_SHEET, PLAN_COLUMNS)
    errors: list[RowError] = []
    areas = {a.pk: a for a in plan.areas.all()}
    measures = {
        m.pk: m for m in Measure.objects.filter(plan=plan).select_related("subgoal").prefetch_related("responsible")
    }
    orgs = {o.code: o for o in Organisation.objects.in_county(plan.county)}
    seen: set[int] = set()
    parsed: list[Any] = []
    for number, row in rows:
        before = len(errors)
        measure_id = _int(row["Insats-id"], number, "Insats-id", errors)
        measure = None
        if measure_id is not None:
            measure = measures.get(measure_id)
            if measure is None:
                errors.append(
                    RowError(number, "Insats-id", _("Insats %(id)s finns inte i planen.") % {"id": measure_id})
                )
            elif measure_id in seen:
                errors.append(
                    RowError(number, "Insats-id", _("Insats %(id)s finns på flera rader.") % {"id": measure_id})
                )
            seen.add(measure_id)
        area_id = _int(row["Område-id"], number, "Område-id", errors, required=True)
        area = areas.get(area_id) if area_id is not None else None
        if area_id is not None and area is None:
            errors.append(RowError(number, "Område-id", _("Område %(id)s finns inte i planen.") % {"id": area_id}))
        if measure is not None and area is not None and measure.area_id != area.pk:
            errors.append(RowError(number, "Område-id", _("En insats kan inte flyttas till ett annat område.")))
        parent_id = _int(row["Överordnad insats-id"], number, "Överordnad insats-id", errors)
        parent = measures.get(parent_id) if parent_id is not None else None
        if parent_id is not None and parent is None:
            errors.append(
                RowError(number, "Överordnad insats-id", _("Insats %(id)s finns inte i planen.") % {"id": parent_id})
            )
        if measure is not None and (measure.parent_id or None) != (parent_id or None):
            errors.append(RowError(number, "Överordnad insats-id", _("En insats kan inte byta överordnad insats.")))
        rank = _int(row["Prioritet"], number, "Prioritet", errors)
        title = str(row["Insats"] or "").strip()
        if not title:
            errors.append(RowError(number, "Insats", _("Insatsen måste ha en benämning.")))
        lead = None
        if row["Huvudansvarig"]:
            lead = orgs.get(str(row["Huvudansvarig"]))
            if lead is None:
                errors.append(
                    RowError(
                        number,
                        "Huvudansvarig",
                        _("Okänd organisationskod ”%(code)s”.") % {"code": row["Huvudansvarig"]},
                    )
                )
        responsible = []
        for code in [c.strip() for c in str(row["Ansvariga"] or "").split(",") if c.strip()]:
            if code in orgs:
                responsible.append(orgs[code])
            else:
                errors.append(RowError(number, "Ansvariga", _("Okänd organisationskod ”%(code)s”.") % {"code": code}))
        starts_on = _date(row["Start"], number, "Start", errors)
        ends_on = _date(row["Slut"], number, "Slut", errors)
        if starts_on and ends_on and ends_on < starts_on:
            errors.append(RowError(number, "Slut", _("Insatsen kan inte sluta innan den börjar.")))
        weight = _int(row["Vikt"], number, "Vikt", errors) or 1
        if weight < 1:
            errors.append(RowError(number, "Vikt", _("Vikten är minst 1.")))
        subgoal = None
        if row["Indikator"]:
            unit = _choice(row["Enhet"], SubGoal.Unit.choices, number, "Enhet", errors)
            baseline = _decimal(row["Utgångsvärde"], number, "Utgångsvärde", errors)
            target = _decimal(row["Målvärde"], number, "Målvärde", errors)
            direction = _choice(row["Riktning"], SubGoal.Direction.choices, number, "Riktning", errors)
            subgoal = (str(row["Indikator"]), unit, baseline, target, direction)
        if len(errors) == before:
            parsed.append(
                (
                    number,
                    measure,
                    area,
                    parent,
                    rank,
                    title,
                    row,
                    lead,
                    responsible,
                    starts_on,
                    ends_on,
                    weight,
                    subgoal,
                )
            )
    if errors:
        raise _Refused(errors)
    outcome = Outcome()
    with transaction.atomic():
        groups: dict[tuple[int, int | None], list[tuple[int, int, Any]]] = {}
        for (
            number,
            measure,
            area,
            parent,
            rank,
            title,
            row,
            lead,
            responsible,
            starts_on,
            ends_on,
            weight,
            subgoal,
        ) in parsed:
            fields: dict[str, Any] = {
                "title": title,
                "description": str(row["Beskrivning"] or ""),
                "lead": lead,
                "responsible": responsible,
                "starts_on": starts_on,
                "ends_on": ends_on,
                "weight": weight,
            }
            try:
                is_new = measure is None
                changed = is_new or _measure_changed(measure, fields)
                if changed:
                    measure = services.save_measure(actor=actor, area=area, parent=parent, measure=measure, **fields)
                goal_changed = subgoal is not None and _subgoal_changed(measure, subgoal)
                if is_new:
                    outcome.created += 1
                elif changed or goal_changed:
                    outcome.updated += 1
                else:
                    outcome.unchanged += 1
                if subgoal is not None and goal_changed:
                    indicator, unit, baseline, target, direction = subgoal
                    existing = getattr(measure, "subgoal", None) if measure.pk in measures else None
                    services.set_subgoal(
                        actor=actor,
                        measure=measure,
                        indicator=indicator,
                        unit=unit,
                        baseline=baseline,
                        target=target,
                        direction=direction,
                        aggregation=existing.aggregation if existing else SubGoal.Aggregation.SUM,
                        minimum=existing.minimum if existing else Decimal(0),
                        maximum=existing.maximum if existing and existing.unit == unit else None,
                    )
            except ActionPlanError as error:
                column = {"target": "Målvärde", "baseline": "Utgångsvärde", "ends_on": "Slut", "weight": "Vikt"}.get(
                    error.field or "", ""
                )
                raise _Refused([RowError(number, column, error.message)]) from error
            if rank is not None:
                groups.setdefault((area.pk, parent.pk if parent else None), []).append((rank, number, measure))
        _apply_ranks(actor, groups)
    return outcome


def _measure_changed(measure: Measure, fields: dict[str, Any]) -> bool:
    return (
        measure.title != fields["title"]
        or measure.description != fields["description"]
        or measure.lead_id != (fields["lead"].pk if fields["lead"] else None)
        or measure.starts_on != fields["starts_on"]
        or measure.ends_on != fields["ends_on"]
        or measure.weight != fields["weight"]
        or {o.pk for o in measure.responsible.all()} != {o.pk for o in fields["responsible"]}
    )


def _subgoal_changed(measure: Measure, subgoal: tuple) -> bool:
    existing = getattr(measure, "subgoal", None)
    if existing is None:
        return True
    indicator, unit, baseline, target, direction = subgoal
    return (existing.indicator, existing.unit, existing.baseline, existing.target, existing.direction) != (
        indicator,
        unit,
        baseline,
        target,
        direction,
    )


def _apply_ranks(actor: Any, groups: dict[tuple[int, int | None], list[tuple[int, int, Any]]]) -> None:
    """The file's priority order within each group of siblings; siblings not in the file keep their place after."""
    for (area_id, parent_id), entries in groups.items():
        ranks = [rank for rank, _n, _m in entries]
        if len(set(ranks)) != len(ranks):
            number = next(n for rank, n, _m in entries if ranks.count(rank) > 1)
            raise _Refused([RowError(number, "Prioritet", _("Två insatser på samma nivå har samma prioritet."))])
        area = Area.objects.get(pk=area_id)
        current = list(Measure.objects.filter(area_id=area_id, parent_id=parent_id).order_by("rank"))
        named = [m.pk for _rank, _n, m in sorted(entries, key=lambda e: e[0])]
        rest = [m.pk for m in current if m.pk not in named]
        wanted = named + rest
        if wanted != [m.pk for m in current]:
            parent = Measure.objects.get(pk=parent_id) if parent_id else None
            services.reorder_measures(
                actor=actor, area=area, parent=parent, ordered_ids=wanted, expected_order_version=area.order_version
            )


def import_reports(round_: FollowUpRound, content: bytes, actor: Any) -> Outcome:
    round_ = FollowUpRound.objects.get(pk=round_.pk)  # closed meanwhile?
    if round_.is_closed:
        raise _Refused(
            [RowError(0, "", _("Uppföljningsomgången är stängd; rapporter kan inte längre lämnas eller ändras."))]
        )
    rows = _read_sheet(content, REPORT_SHEET, REPORT_COLUMNS)
    errors: list[RowError] = []
    measures = {m.pk: m for m in Measure.objects.filter(plan_id=round_.plan_id).select_related("subgoal")}
    responsible = set(services.reportable(round_.plan_id).values_list("measure_id", "organisation__code"))
    orgs = {o.code: o for o in Organisation.objects.filter(code__in={c for _m, c in responsible})}
    existing = {(r.measure_id, r.organisation_id): r for r in Report.objects.filter(round=round_)}
    regional = getattr(actor, "role", None) == Role.REGIONAL_COORDINATOR
    scope: frozenset[int] = getattr(actor, "scope_organisation_ids", frozenset())
    seen: set[tuple[int, str]] = set()
    parsed = []
    for number, row in rows:
        before = len(errors)
        round_id = _int(row["Omgång-id"], number, "Omgång-id", errors, required=True)
        if round_id is not None and round_id != round_.pk:
            errors.append(
                RowError(number, "Omgång-id", _("Raden hör till omgång %(id)s, inte till den här.") % {"id": round_id})
            )
        measure_id = _int(row["Insats-id"], number, "Insats-id", errors, required=True)
        measure = measures.get(measure_id) if measure_id is not None else None
        if measure_id is not None and measure is None:
            errors.append(RowError(number, "Insats-id", _("Insats %(id)s finns inte i planen.") % {"id": measure_id}))
        code = str(row["Organisation"] or "").strip()
        if measure is not None and (measure.pk, code) not in responsible:
            errors.append(
                RowError(
                    number,
                    "Organisation",
                    _("”%(code)s” är inte ansvarig för insats %(id)s.") % {"code": code, "id": measure.pk},
                )
            )
        if measure is not None and (measure.pk, code) in seen:
            errors.append(RowError(number, "Insats-id", _("Insatsen och organisationen finns på flera rader.")))
        seen.add((measure_id or 0, code))
        blank = all(row[c] in (None, "") for c in ("Värde", "Status", "Framsteg", "Kommentar"))
        if len(errors) > before or blank or measure is None:
            continue
        status = _choice(row["Status"], Report.Status.choices, number, "Status", errors)
        progress = _int(row["Framsteg"], number, "Framsteg", errors, required=True)
        if progress is not None and not 0 <= progress <= 100:
            errors.append(RowError(number, "Framsteg", _("Framsteget anges i procent, 0–100.")))
        if status == Report.Status.DONE and progress not in (None, 100):
            errors.append(RowError(number, "Framsteg", _("En genomförd insats har framsteget 100 procent.")))
        value = None
        if row["Värde"] not in (None, ""):
            subgoal = getattr(measure, "subgoal", None)
            if subgoal is None:
                errors.append(RowError(number, "Värde", _("Insatsen har inget mätbart delmål; lämna värdet tomt.")))
            else:
                try:
                    value = services.parse_value(row["Värde"], subgoal)
                except ActionPlanError as error:
                    errors.append(RowError(number, "Värde", error.message))
        comment = str(row["Kommentar"] or "")
        old = existing.get((measure.pk, orgs[code].pk))
        same = old is not None and (old.value, old.status, old.progress, old.comment) == (
            value,
            status,
            progress,
            comment,
        )
        if len(errors) == before and not same and not regional and orgs[code].pk not in scope:
            # Another organisation's rows may stay in the file as exported; changing them is refused.
            errors.append(RowError(number, "Organisation", _("Du får bara rapportera för din egen organisation.")))
        if len(errors) == before:
            parsed.append((number, measure, orgs[code], value, status, progress, comment))
    if errors:
        raise _Refused(errors)
    outcome = Outcome()
    with transaction.atomic():
        for number, measure, org, value, status, progress, comment in parsed:
            old = existing.get((measure.pk, org.pk))
            if old is not None and (old.value, old.status, old.progress, old.comment) == (
                value,
                status,
                progress,
                comment,
            ):
                outcome.unchanged += 1
                continue
            try:
                services.submit_report(
                    actor=actor,
                    round=round_,
                    measure=measure,
                    organisation=org,
                    value=value,
                    status=status or "",
                    progress=progress or 0,
                    comment=comment,
                )
            except ActionPlanError as error:
                raise _Refused([RowError(number, "", error.message)]) from error
            if old is None:
                outcome.created += 1
            else:
                outcome.updated += 1
    return outcome


def run(job: ImportJob) -> ImportJob:
    """Run an import job: everything or nothing, errors row by row on the job."""
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    unexpected = [
        RowError(
            0, "", _("Inläsningen avbröts av ett oväntat fel och ingenting sparades. Läs in filen igen.")
        ).as_dict()
    ]
    try:
        with (
            failure_recorded(
                lambda: ImportJob.objects.filter(pk=job.pk).update(
                    status=ImportJob.Status.FAILED, errors=unexpected, finished_at=timezone.now()
                ),
                expected=(_Refused,),
            ),
            transaction.atomic(),
        ):
            if job.kind == ImportJob.Kind.PLAN:
                outcome = import_plan(job.plan, bytes(job.content), job.created_by)
            else:
                assert job.round is not None
                outcome = import_reports(job.round, bytes(job.content), job.created_by)
            record(
                actor=job.created_by,
                action=f"actionplans.import.{job.kind}",
                obj=job,
                organisation=job.created_by.organisation,
                after={"created": outcome.created, "updated": outcome.updated, "unchanged": outcome.unchanged},
            )
    except _Refused as refused:
        job.status = ImportJob.Status.FAILED
        job.errors = [e.as_dict() for e in refused.errors]
    else:
        job.status = ImportJob.Status.DONE
        job.created, job.updated, job.unchanged = outcome.created, outcome.updated, outcome.unchanged
        job.errors = []
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "errors", "created", "updated", "unchanged", "finished_at"])
    return job


def start_import(*, actor: Any, kind: str, plan: ActionPlan, round: FollowUpRound | None, upload: Any) -> ImportJob:
    """Store the file and queue the import; the worker runs it (`tasks.run_import`)."""
    from samverkan.actionplans.tasks import run_import

    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=kind,
            plan=plan,
            round=round,
            file_name=getattr(upload, "name", "import.xlsx")[:255],
            content=upload.read(),
            created_by=actor,
        )
        record(actor=actor, action="actionplans.import.queue", obj=job, organisation=actor.organisation)
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    return job
