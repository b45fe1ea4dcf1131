"""Settlement runs: check the period, price the locked attendance set-based in SQL, approve.

The run is one transaction: the run row, one `INSERT … SELECT` of its lines (locked
attendance of the period and adjustments carried into it, joined to the price in
force) and one `INSERT … SELECT … GROUP BY` of its pairs. A run killed half-way
leaves nothing; a second final run of a period is refused by a partial unique index.

The one rounding rule: every line's amount is rounded half to even to whole öre
(as `lib/money.round_ore`), and everything above a line is an exact sum of lines.
Per price model a line is

- `month`: month price × days enrolled / days in the month (pro rata by days),
- `day`: day price × days present,
- `hour`: hour price × hours (two decimals),
- `course`: course price × courses started (1, or ±1 in an adjustment).

Lines between a municipality and itself (own residents in own services) are not
inter-municipal and are left out.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.audit.services import record, snapshot
from samverkan.core.jobs import failure_recorded
from samverkan.exchange.models import AttendanceAdjustment, MonthLock
from samverkan.lib.identity import is_valid_organisation_number
from samverkan.organisations.models import Organisation
from samverkan.settlement.models import (
    AccountMapping,
    CreditNote,
    RunJob,
    SettlementLine,
    SettlementPair,
    SettlementRun,
)


class SettlementError(Exception):
    """A refused run: `problems` lists, in Swedish, what to fix before it can run."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    @property
    def months(self) -> list[dt.date]:
        out, day = [], self.start
        while day <= self.end:
            out.append(day)
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return out


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[KQkq]([1-4])$")


def parse_period(text: str) -> Period:
    """`2026-10` (a month) or `2026-K4` / `2026-Q4` (a quarter)."""
    text = text.strip()
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise SettlementError([_("”%(text)s” är ingen månad. Skriv perioden som ÅÅÅÅ-MM.") % {"text": text}])
        start = dt.date(year, month, 1)
        return Period(start, start.replace(day=calendar.monthrange(year, month)[1]), f"{year}-{month:02d}")
    if m := _QUARTER.match(text):
        year, quarter = int(m.group(1)), int(m.group(2))
        start = dt.date(year, 3 * quarter - 2, 1)
        end_month = 3 * quarter
        return Period(start, dt.date(year, end_month, calendar.monthrange(year, end_month)[1]), f"{year}-K{quarter}")
    raise SettlementError(
        [_("”%(text)s” är ingen period. Skriv ÅÅÅÅ-MM för en månad eller ÅÅÅÅ-K1 för ett kvartal.") % {"text": text}]
    )


# --- the SQL ----------------------------------------------------------------------------------------------


def _months_cte(months: list[dt.date]) -> tuple[str, list[Any]]:
    rows = ", ".join(["(CAST(%s AS DATE), %s)"] * len(months))
    params: list[Any] = []
    for m in months:
        params += [m.isoformat(), calendar.monthrange(m.year, m.month)[1]]
    return f"months(month, dim) AS (VALUES {rows})", params


def _priced_sql(period: Period) -> tuple[str, list[Any]]:
    """A query of every line of the period, priced (price columns NULL where no price is in force)."""
    adjustment_months = sorted(
        set(
            AttendanceAdjustment.objects.filter(carried_to__gte=period.start, carried_to__lte=period.end)
            .values_list("month", flat=True)
            .distinct()
        )
    )
    months = sorted(set(period.months) | {m.replace(day=1) for m in adjustment_months})
    months_cte, params = _months_cte(months)
    # On SQLite a date column holds ISO text and CAST(… AS DATE) gives a number: compare as text there.
    month_value = "m.month" if connection.vendor == "postgresql" else "m.month_text"
    if connection.vendor != "postgresql":
        rows = ", ".join(["(%s, %s)"] * len(months))
        months_cte = f"months(month_text, dim) AS (VALUES {rows})"
    hours_centi = "CAST(ROUND(s.hours * 100) AS BIGINT)"
    # PostgreSQL would otherwise inline the price table into a nested loop per attendance row.
    materialized = "MATERIALIZED " if connection.vendor == "postgresql" else ""
    # Built from constants and table names only; every value is a query parameter.
    sql = f"""
WITH {months_cte},
src AS (
    SELECT 'attendance' AS source, a.id AS source_id, a.placement_id, a.month, a.payer_id,
           a.provider_id AS payee_id, a.days_enrolled, a.days_present, a.hours,
           CASE WHEN a.course_started THEN 1 ELSE 0 END AS courses
    FROM exchange_attendance a
    WHERE a.month >= %s AND a.month <= %s AND a.locked AND a.payer_id <> a.provider_id
    UNION ALL
    SELECT 'adjustment', j.id, j.placement_id, j.month, j.payer_id, j.provider_id,
           j.days_enrolled, j.days_present, j.hours, j.course_started
    FROM exchange_attendanceadjustment j
    WHERE j.carried_to >= %s AND j.carried_to <= %s AND j.payer_id <> j.provider_id
),
own AS (
    SELECT i.service_id, {month_value} AS month, i.id AS item_id, i.price_ore
    FROM settlement_priceitem i
    JOIN settlement_pricelist l ON l.id = i.price_list_id AND l.kind = 'provider'
    JOIN exchange_service sv ON sv.id = i.service_id AND sv.provider_id = l.owner_id
    JOIN months m ON l.valid_from <= {month_value} AND (l.valid_to IS NULL OR l.valid_to >= {month_value})
),
reg AS (
    SELECT sv.id AS service_id, {month_value} AS month, i.id AS item_id, i.price_ore
    FROM exchange_service sv
    JOIN settlement_adoption ad ON ad.municipality_id = sv.provider_id
    JOIN settlement_pricelist l ON l.id = ad.price_list_id AND l.kind = 'regional'
    JOIN settlement_priceitem i ON i.price_list_id = l.id AND i.service_id IS NULL
         AND i.category = sv.category AND i.price_model = sv.price_model
    JOIN months m ON l.valid_from <= {month_value} AND (l.valid_to IS NULL OR l.valid_to >= {month_value})
         AND ad.valid_from <= {month_value}
),
prices AS {materialized}(
    -- The price in force per service and month (own list first): a small table, hashed once.
    SELECT sv.id AS service_id, {month_value} AS month, m.dim, sv.price_model,
           COALESCE(own.item_id, reg.item_id) AS price_item_id,
           COALESCE(own.price_ore, reg.price_ore, 0) AS price_ore
    FROM exchange_service sv
    CROSS JOIN months m
    LEFT JOIN own ON own.service_id = sv.id AND own.month = {month_value}
    LEFT JOIN reg ON reg.service_id = sv.id AND reg.month = {month_value}
),
priced AS (
    SELECT s.source, s.source_id, s.placement_id, p.participant_id, p.service_id, s.month,
           s.payer_id, s.payee_id, pr.price_model,
           CASE pr.price_model
                WHEN 'month' THEN s.days_enrolled
                WHEN 'day' THEN s.days_present
                WHEN 'hour' THEN s.hours
                ELSE s.courses END AS quantity,
           CASE WHEN pr.price_model = 'month' THEN pr.dim ELSE 1 END AS base_quantity,
           pr.price_item_id,
           pr.price_ore,
           CASE pr.price_model
                WHEN 'month' THEN CAST(s.days_enrolled AS BIGINT)
                WHEN 'day' THEN CAST(s.days_present AS BIGINT)
                WHEN 'hour' THEN {hours_centi}
                ELSE CAST(s.courses AS BIGINT) END * pr.price_ore AS n,
           CASE pr.price_model WHEN 'month' THEN pr.dim WHEN 'hour' THEN 100 ELSE 1 END AS d
    FROM src s
    JOIN exchange_placement p ON p.id = s.placement_id
    JOIN prices pr ON pr.service_id = p.service_id AND pr.month = s.month
)
"""  # noqa: S608
    return sql, [*params, period.start, period.end, period.start, period.end]


# Half to even on integers, symmetric around zero: n / d rounded to whole öre.
_ROUNDED = """
    CASE WHEN n < 0 THEN -1 ELSE 1 END * (
        ABS(n) / d
        + CASE WHEN 2 * (ABS(n) %% d) > d OR (2 * (ABS(n) %% d) = d AND (ABS(n) / d) %% 2 = 1) THEN 1 ELSE 0 END
    )"""

LINE_COLUMNS = (
    "source, source_id, placement_id, participant_id, service_id, month, payer_id, payee_id, "
    "price_model, quantity, base_quantity, price_item_id, price_ore"
)


_AGGREGATE = (
    f"SELECT payer_id, payee_id, SUM({_ROUNDED}) AS amount, COUNT(*) AS n FROM priced "  # noqa: S608
    "WHERE quantity <> 0 GROUP BY payer_id, payee_id"
)


def aggregate_sql(period: Period) -> tuple[str, list[Any]]:
    """The bare aggregate: what each payer owes each payee, without writing anything (for the benchmark)."""
    sql, params = _priced_sql(period)
    return sql + _AGGREGATE + " ORDER BY payer_id, payee_id", params


def _differing_pairs(run: SettlementRun, period: Period) -> int:
    """How many pairs of `run` differ from the period's aggregate computed now (in amount, line
    count, or by being there at all): one query, compared in the database."""
    sql, params = _priced_sql(period)
    pairs = SettlementPair._meta.db_table
    keys = "payer_id, payee_id, amount, n"
    sql += (
        f", agg AS ({_AGGREGATE}), "  # noqa: S608
        f"stored AS (SELECT payer_id, payee_id, amount_ore AS amount, line_count AS n FROM {pairs} WHERE run_id = %s), "
        f"missing AS (SELECT {keys} FROM agg EXCEPT SELECT {keys} FROM stored), "
        f"extra AS (SELECT {keys} FROM stored EXCEPT SELECT {keys} FROM agg) "
        "SELECT (SELECT COUNT(*) FROM missing) + (SELECT COUNT(*) FROM extra)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, run.pk])
        return int(cursor.fetchone()[0])


# --- checks -------------------------------------------------------------------------------------------------


def lock_problems(period: Period) -> list[str]:
    """The months of the period whose attendance is not locked yet."""
    locked = set(MonthLock.objects.filter(month__in=period.months).values_list("month", flat=True))
    return [
        _("Månaden %(month)s är inte låst. Närvaron måste låsas innan den kan avräknas.") % {"month": f"{month:%Y-%m}"}
        for month in period.months
        if month not in locked
    ]


def _written_problems(run: SettlementRun) -> list[str]:
    """What the run's own rows show to be wrong: parties without organisation number, lines without price.

    Checked on the rows just written, inside the run's transaction, so the attendance is
    read once; a refusal rolls everything back.
    """
    problems = []
    pairs = list(run.pairs.values_list("payer_id", "payee_id", "unpriced_count"))
    party_ids = {p[0] for p in pairs} | {p[1] for p in pairs}
    for org in Organisation.objects.filter(pk__in=party_ids).order_by("name"):
        if not org.organisation_number or not is_valid_organisation_number(org.organisation_number):
            problems.append(
                _("%(name)s saknar ett giltigt organisationsnummer; det behövs på fakturan.") % {"name": org.name}
            )
    if not any(p[2] for p in pairs):
        return problems
    unpriced = list(
        SettlementLine.objects.filter(run=run, price_item__isnull=True)
        .values_list("service_id", "month")
        .annotate(n=Count("pk"))
        .order_by("service_id", "month")
    )
    return problems + _unpriced_problems(unpriced) if unpriced else problems


def _unpriced_problems(rows: list[tuple[int, Any, int]]) -> list[str]:
    from samverkan.exchange.models import Service
    from samverkan.settlement.models import PriceItem

    services = {s.pk: s for s in Service.objects.filter(pk__in={r[0] for r in rows}).select_related("provider")}
    # A service that has a price at some other time has a gap in its price list; one that never had one lacks a price.
    own = set(PriceItem.objects.filter(service__in=services).values_list("service_id", flat=True))
    regional = set(
        PriceItem.objects.filter(
            service__isnull=True,
            price_list__adoptions__municipality_id__in={s.provider_id for s in services.values()},
        ).values_list("price_list__adoptions__municipality_id", "category", "price_model")
    )
    out = []
    for service_id, month, count in rows:
        service = services[service_id]
        month_text = month if isinstance(month, str) else month.isoformat()
        values = {"service": service.name, "provider": service.provider.name, "month": month_text[:7], "n": count}
        if service_id in own or (service.provider_id, service.category, service.price_model) in regional:
            out.append(
                _(
                    "Glapp i prislistan: %(service)s (%(provider)s) har inget pris som gäller %(month)s "
                    "(%(n)s rader närvaro)."
                )
                % values
            )
        else:
            out.append(
                _(
                    "Närvaro utan pris: %(service)s (%(provider)s) har %(n)s rader närvaro %(month)s men inget pris. "
                    "Lägg in insatsen i anordnarens prislista eller låt kommunen anta den regionala."
                )
                % values
            )
    return out


# --- the run -------------------------------------------------------------------------------------------------


def _pairs_select(source: str, run: SettlementRun) -> tuple[str, list[Any]]:
    """The pairs summed from `source` (lines), with their invoice numbers `IKE-<period>-<payee>-<payer>`
    and a count of lines without a price. Summed first, then named: the organisations are looked
    up once per pair, not once per line."""
    organisations = Organisation._meta.db_table
    return (
        "SELECT g.run_id, g.payer_id, g.payee_id, g.amount_ore, g.line_count, g.unpriced_count, "  # noqa: S608
        "'IKE-' || %s || '-' || e.code || '-' || r.code "
        "FROM (SELECT l.run_id, l.payer_id, l.payee_id, SUM(l.amount_ore) AS amount_ore, COUNT(*) AS line_count, "
        f"SUM(CASE WHEN l.price_item_id IS NULL THEN 1 ELSE 0 END) AS unpriced_count FROM {source} l "
        "GROUP BY l.run_id, l.payer_id, l.payee_id) g "
        f"JOIN {organisations} r ON r.id = g.payer_id JOIN {organisations} e ON e.id = g.payee_id",
        [run.label],
    )


PAIR_COLUMNS = "run_id, payer_id, payee_id, amount_ore, line_count, unpriced_count, number"


def _insert_lines(run: SettlementRun, period: Period) -> None:
    """The lines and the pairs: on PostgreSQL one statement (the pairs summed from the lines as they
    are inserted); elsewhere the lines, then the pairs summed from them."""
    sql, params = _priced_sql(period)
    lines = SettlementLine._meta.db_table
    pairs = SettlementPair._meta.db_table
    insert_lines = (
        f"INSERT INTO {lines} (run_id, {LINE_COLUMNS}, amount_ore) "  # noqa: S608
        f"SELECT %s, {LINE_COLUMNS}, {_ROUNDED} FROM priced WHERE quantity <> 0"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            pairs_select, pairs_params = _pairs_select("inserted", run)
            cursor.execute(
                sql
                + f", inserted AS ({insert_lines} RETURNING run_id, payer_id, payee_id, amount_ore, price_item_id) "
                + f"INSERT INTO {pairs} ({PAIR_COLUMNS}) {pairs_select}",
                [*params, run.pk, *pairs_params],
            )
        else:
            cursor.execute(insert_lines.replace("SELECT %s", sql + "SELECT %s", 1), [*params, run.pk])
            _insert_pairs(run)


def _insert_pairs(run: SettlementRun) -> None:
    lines = SettlementLine._meta.db_table
    pairs = SettlementPair._meta.db_table
    pairs_select, pairs_params = _pairs_select(f"(SELECT * FROM {lines} WHERE run_id = %s)", run)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {pairs} ({PAIR_COLUMNS}) {pairs_select}", [*pairs_params, run.pk])


def _digest(run: SettlementRun) -> str:
    """A checksum of the run's pairs: two runs over the same data have the same one."""
    digest = hashlib.sha256()
    for number, amount, count in run.pairs.order_by("number").values_list("number", "amount_ore", "line_count"):
        digest.update(f"{number};{amount};{count}\n".encode())
    return digest.hexdigest()


def _delete_preliminary(period: Period, keep: SettlementRun) -> None:
    """A new preliminary run replaces the earlier ones; their lines go in one DELETE."""
    old = list(
        SettlementRun.objects.filter(period_start=period.start, status=SettlementRun.Status.PRELIMINARY)
        .exclude(pk=keep.pk)
        .values_list("pk", flat=True)
    )
    if old:
        SettlementLine.objects.filter(run_id__in=old).delete()
        SettlementPair.objects.filter(run_id__in=old).delete()
        SettlementRun.objects.filter(pk__in=old).delete()


def _already_final(period: Period) -> SettlementError:
    return SettlementError([_("Perioden %(label)s har redan en slutlig avräkning.") % {"label": period.label}])


def run_settlement(*, actor: Any, period: Period | str, final: bool = False) -> SettlementRun:
    """Compute the period's settlement; with `final`, approve it at once (see `approve_run`).

    Refuses with `SettlementError` (what to fix, in Swedish) and writes nothing when the
    period can not be settled. A new preliminary run replaces the earlier preliminary ones.
    """
    if isinstance(period, str):
        period = parse_period(period)
    problems = lock_problems(period)
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        if SettlementRun.objects.filter(period_start=period.start, status=SettlementRun.Status.FINAL).exists():
            raise _already_final(period)
        run = SettlementRun.objects.create(
            period_start=period.start,
            period_end=period.end,
            label=period.label,
            status=SettlementRun.Status.PRELIMINARY,
            created_by=user,
            created_at=timezone.now(),
        )
        _delete_preliminary(period, keep=run)
        _insert_lines(run, period)
        problems += _written_problems(run)
        if problems:
            # Raised inside the transaction: the run, its lines and pairs are rolled back.
            raise SettlementError(problems)
        totals = run.pairs.aggregate(total=Sum("amount_ore"), lines=Sum("line_count"), pairs=Count("pk"))
        run.digest = _digest(run)
        run.total_ore = totals["total"] or 0
        run.line_count = totals["lines"] or 0
        run.pair_count = totals["pairs"]
        run.save(update_fields=["digest", "total_ore", "line_count", "pair_count"])
        record(
            actor=actor,
            action="settlement.run.preliminary",
            obj=run,
            after={"period": run.label, "total_ore": run.total_ore, "lines": run.line_count, "digest": run.digest},
        )
        if final:
            # Computed a moment ago in this very transaction: nothing to check again.
            run = approve_run(actor=actor, run=run, verify=False)
    return run


def approve_run(*, actor: Any, run: SettlementRun, verify: bool = True) -> SettlementRun:
    """Make a preliminary run the period's final one, approved by `actor`; it never changes again.

    What was inspected is what becomes final: the period's bare aggregate is computed again
    and must equal the run's pairs, to the öre and the line, or the approval is refused
    (the data changed since: make a new preliminary run). The run's lines and pairs stay as
    they are; only the run's status changes (so its invoices lose their draft mark `-P`).
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    period = parse_period(run.label)
    try:
        with transaction.atomic():
            run = SettlementRun.objects.select_for_update().get(pk=run.pk)
            if run.is_final:
                raise _already_final(period)
            if SettlementRun.objects.filter(period_start=run.period_start, status=SettlementRun.Status.FINAL).exists():
                raise _already_final(period)
            if verify:
                problems = lock_problems(period)
                if problems:
                    raise SettlementError(problems)
                if _differing_pairs(run, period):
                    raise SettlementError(
                        [
                            _(
                                "Underlaget för %(label)s har ändrats sedan den preliminära avräkningen gjordes. "
                                "Gör en ny preliminär avräkning, granska den och godkänn den."
                            )
                            % {"label": run.label}
                        ]
                    )
            run.status = SettlementRun.Status.FINAL
            run.approved_by = user
            run.approved_at = timezone.now()
            # The partial unique index refuses a second final row: of two approvals at the same
            # moment, the second waits for the first and then fails here.
            run.save(update_fields=["status", "approved_by", "approved_at"])
            record(
                actor=actor,
                action="settlement.run.final",
                obj=run,
                after={"period": run.label, "total_ore": run.total_ore, "lines": run.line_count, "digest": run.digest},
            )
    except IntegrityError as exc:
        if SettlementRun.objects.filter(period_start=period.start, status=SettlementRun.Status.FINAL).exists():
            raise _already_final(period) from exc
        raise
    return run


def issue_credit_note(*, actor: Any, pair: SettlementPair, reason: str, issued_on: dt.date) -> CreditNote:
    """Credit one pair's invoice of a final run in full; the correction follows as adjustments."""
    if not reason.strip():
        raise SettlementError([_("Ange skälet till kreditfakturan.")])
    with transaction.atomic():
        pair = SettlementPair.objects.select_for_update().select_related("run").get(pk=pair.pk)
        if not pair.run.is_final:
            raise SettlementError([_("Bara fakturor i en slutlig avräkning krediteras.")])
        if CreditNote.objects.filter(pair=pair).exists():
            raise SettlementError([_("Fakturan %(number)s är redan krediterad.") % {"number": pair.invoice_number}])
        note = CreditNote.objects.create(
            pair=pair,
            number=f"{pair.invoice_number}-K",
            reason=reason.strip(),
            issued_on=issued_on,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(actor=actor, action="settlement.credit_note.issue", obj=note, after={"pair": pair.pk, "reason": reason})
    return note


# --- netting of a run -------------------------------------------------------------------------------------------


def balances(run: SettlementRun) -> dict[str, int]:
    """Each municipality's balance in the run (organisation code → öre; positive = is owed)."""
    out: dict[str, int] = {}
    for payer, payee, amount in run.pairs.values_list("payer__code", "payee__code", "amount_ore"):
        out[payer] = out.get(payer, 0) - amount
        out[payee] = out.get(payee, 0) + amount
    return out


def netting(run: SettlementRun, *, central: bool = False, known: dict[str, int] | None = None) -> list[Any]:
    """The payments that settle the run: through the association, or the fewest directly
    (from the run's `balances`, or those `known` already)."""
    from samverkan.settlement.netting import net_central, net_direct

    balanced = balances(run) if known is None else known
    if central:
        hub = Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION).order_by("code").first()
        return net_central(balanced, hub=hub.code if hub else "association")
    return net_direct(balanced)


def final_run(period: Period) -> SettlementRun | None:
    return SettlementRun.objects.filter(period_start=period.start, status=SettlementRun.Status.FINAL).first()


def preliminary_run(period: Period) -> SettlementRun | None:
    return (
        SettlementRun.objects.filter(period_start=period.start, status=SettlementRun.Status.PRELIMINARY)
        .order_by("-created_at")
        .first()
    )


# --- runs started from a page ------------------------------------------------------------------------------------


def start_job(*, actor: Any, period: Period | str, final: bool) -> RunJob:
    """Record the request and hand it to the background worker; the page follows the job's state."""
    from samverkan.settlement.tasks import perform_run

    if isinstance(period, str):
        period = parse_period(period)
    job = RunJob.objects.create(
        period=period.label, final=final, created_by=actor if getattr(actor, "is_authenticated", False) else None
    )
    transaction.on_commit(lambda: perform_run.enqueue(job.pk))
    return job


def perform_job(job_id: int) -> RunJob:
    job = RunJob.objects.select_related("created_by").get(pk=job_id)
    if job.state in (RunJob.State.DONE, RunJob.State.REFUSED):
        return job
    # Progress is written outside the run's transaction, so the page sees it while the run computes.
    # The run itself checks everything (locks, prices, organisation numbers) and lists every
    # problem at once; the two states only tell the page how far it has come.
    RunJob.objects.filter(pk=job.pk).update(state=RunJob.State.CHECKING)
    period = parse_period(job.period)
    problems: list[str] = []
    RunJob.objects.filter(pk=job.pk).update(state=RunJob.State.COMPUTING)
    unexpected = [
        _(
            "Avräkningen avbröts av ett oväntat fel och ingenting sparades. Starta den igen; kvarstår felet, "
            "kontakta förvaltningen av Samverkan."
        )
    ]
    try:
        with failure_recorded(
            lambda: RunJob.objects.filter(pk=job.pk).update(
                state=RunJob.State.REFUSED, problems=unexpected, finished_at=timezone.now()
            ),
            expected=(SettlementError,),
        ):
            run = run_settlement(actor=job.created_by, period=period, final=job.final)
    except SettlementError as exc:
        problems = exc.problems
    else:
        RunJob.objects.filter(pk=job.pk).update(state=RunJob.State.DONE, run=run, finished_at=timezone.now())
    if problems:
        RunJob.objects.filter(pk=job.pk).update(
            state=RunJob.State.REFUSED, problems=problems, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def save_account_mapping(*, actor: Any, mapping: AccountMapping) -> AccountMapping:
    with transaction.atomic():
        before = snapshot(AccountMapping.objects.get(pk=mapping.pk)) if mapping.pk else None
        mapping.save()
        record(
            actor=actor,
            action="settlement.account_mapping.save",
            obj=mapping,
            before=before,
            after=snapshot(mapping),
        )
    return mapping
