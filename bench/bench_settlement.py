"""A final settlement run against the bare aggregate SQL over the same rows (goal: ≤ 1.5 ×).

    .venv/bin/python bench/bench_settlement.py [--scale smoke|county|nation]
    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_settlement.py --scale nation

The data: municipalities (26, or the nation's 290) with four services each (one per
price model), participants each placed in another municipality's service, and twelve
months of locked attendance (one row per placement and month): `nation` is 200,000
participants and 2.4 million attendance rows. When the database already holds
attendance (from `generate_data`), that is measured as it is.

Measured in the same process over the same rows, for the last full month:

- `bare_sql_s`: the aggregate query alone — locked attendance and adjustments joined to
  the price in force, priced and rounded per line, summed per payer and payee — read, not
  written (`services.aggregate_sql`);
- `preliminary_run_s`: `run_settlement()`: the same pricing written as lines (one
  INSERT … SELECT) and pairs (on PostgreSQL in the same statement), the checks, the
  invoice numbers and the audit event, in one transaction;
- `final_run_s`: `approve_run()` of that preliminary run, the final run as a coordinator
  makes it: the bare aggregate computed again and compared with the run's pairs in the
  database (what was inspected is what becomes final), then the run marked final and the
  audit event, in one transaction; no line or pair is written again;
- `direct_final_run_s`: `run_settlement(final=True)`, as `settle --period … --final` runs it
  with no preliminary run before: the lines and pairs written and approved in one
  transaction (nothing compared: what is approved is what was just computed).

`ratio_to_bare_sql` = final run / median bare aggregate (the goal: ≤ 1.5);
`preliminary_ratio_to_bare_sql` and `direct_final_ratio_to_bare_sql` likewise (reported).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TESTING", "true")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(tempfile.mkdtemp(prefix='samverkan-bench-')) / 'bench.sqlite3'}"

from bench.common import run, summary, timed

SIZES = {
    # municipalities in scope, participants, months of attendance
    "smoke": ("01", 1_000, 3),
    "county": ("01", 20_000, 12),
    "nation": (None, 200_000, 12),
}
SERVICES = [("sfi", "month"), ("labour_market", "day"), ("civic_orientation", "hour"), ("validation", "course")]


def _months_back(today: dt.date, n: int) -> list[dt.date]:
    first = today.replace(day=1)
    out = []
    for _ in range(n):
        first = (first - dt.timedelta(days=1)).replace(day=1)
        out.append(first)
    return sorted(out)


def build(scale: str) -> dict:
    import calendar
    import random
    from decimal import Decimal

    from django.core.management import call_command
    from django.utils import timezone

    from samverkan.exchange.models import Attendance, MonthLock, Participant, Placement, Service
    from samverkan.organisations.models import Organisation
    from samverkan.settlement import pricing
    from samverkan.settlement.models import Adoption, PriceList

    county, participants, n_months = SIZES[scale]
    call_command("migrate", verbosity=0)
    if county:
        call_command("load_refdata", "--county", county, verbosity=0)
    else:
        call_command("load_refdata", "--all-counties", verbosity=0)
    municipalities = Organisation.objects.municipalities()
    if county:
        municipalities = municipalities.in_county(county)
    municipalities = list(municipalities.order_by("scb_code"))
    months = _months_back(dt.date.today(), n_months)
    if Attendance.objects.exists():
        return {"months": [m.isoformat() for m in months], "generated": False}

    rng = random.Random(2013)  # noqa: S311 - synthetic data
    services = Service.objects.bulk_create(
        Service(
            provider=m,
            code=f"bench-{m.scb_code}-{category}",
            name=f"Insats {category} {m.name}",
            category=category,
            price_model=model,
            capacity=1000,
            published=True,
        )
        for m in municipalities
        for category, model in SERVICES
    )
    association = Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION).order_by("code").first()
    price_list = pricing.create_price_list(
        actor=None,
        kind=PriceList.Kind.REGIONAL,
        owner=association,
        name="Benchmark",
        valid_from=dt.date(months[0].year, 1, 1),
        items=pricing.example_items(),
    )
    Adoption.objects.bulk_create(
        Adoption(municipality=m, price_list=price_list, valid_from=price_list.valid_from) for m in municipalities
    )
    now = timezone.now()
    people = Participant.objects.bulk_create(
        (
            Participant(
                code=f"B{i:09d}",
                birth_year=1960 + i % 40,
                home_municipality=municipalities[rng.randrange(len(municipalities))],
                reception_date=months[0],
                residence_status="refugee",
                erased_at=now,  # statistics-only rows: no personal data to hold
            )
            for i in range(participants)
        ),
        batch_size=5000,
    )
    placements = []
    for i, person in enumerate(people):
        service = services[rng.randrange(len(services))]
        while service.provider_id == person.home_municipality_id:
            service = services[rng.randrange(len(services))]
        placements.append(
            Placement(
                code=f"PB{i:09d}",
                participant=person,
                service=service,
                home_municipality_id=person.home_municipality_id,
                provider_id=service.provider_id,
                start=months[0],
                status=Placement.Status.ACCEPTED,
            )
        )
    placements = Placement.objects.bulk_create(placements, batch_size=5000)

    def rows():
        for month in months:
            days = calendar.monthrange(month.year, month.month)[1]
            for p in placements:
                yield Attendance(
                    placement_id=p.pk,
                    month=month,
                    provider_id=p.provider_id,
                    payer_id=p.home_municipality_id,
                    days_enrolled=days,
                    days_present=rng.randrange(0, 21),
                    hours=Decimal(rng.randrange(0, 400)) / 4,
                    course_started=month == months[0],
                    locked=True,
                )

    batch: list = []
    for row in rows():
        batch.append(row)
        if len(batch) == 10_000:
            Attendance.objects.bulk_create(batch)
            batch = []
    if batch:
        Attendance.objects.bulk_create(batch)
    MonthLock.objects.bulk_create(MonthLock(month=m) for m in months)
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics after the bulk load, as autovacuum would gather them in production.
        cursor.execute("ANALYZE")
    return {"months": [m.isoformat() for m in months], "generated": True}


def main(scale: str) -> dict:
    import statistics

    from django.db import connection

    from samverkan.exchange.models import Attendance
    from samverkan.settlement import services
    from samverkan.settlement.models import SettlementRun

    built = build(scale)
    # The last three months, each measured bare and as a final run back to back, so that both
    # see the same load on a shared machine; the ratio is the median of the three.
    periods = [services.parse_period(m[:7]) for m in built["months"][-3:]]
    per_month = []
    for period in periods:
        SettlementRun.objects.filter(period_start=period.start).delete()
        sql, params = services.aggregate_sql(period)

        def bare(sql=sql, params=params):
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        bare_times, pairs = timed(bare, repeat=3)
        preliminary_times, preliminary = timed(lambda period=period: services.run_settlement(actor=None, period=period))
        final_times, final = timed(lambda run=preliminary: services.approve_run(actor=None, run=run))
        # The final run writes exactly what the bare aggregate reads.
        assert final.pair_count == len(pairs)
        assert final.total_ore == sum(p[2] for p in pairs)
        SettlementRun.objects.filter(period_start=period.start).delete()
        direct_times, direct = timed(
            lambda period=period: services.run_settlement(actor=None, period=period, final=True)
        )
        assert direct.digest == final.digest, "the same run whichever way it became final"
        bare_median = statistics.median(bare_times)
        per_month.append(
            {
                "period": period.label,
                "attendance_rows": Attendance.objects.filter(month=period.start).count(),
                "lines": final.line_count,
                "pairs": final.pair_count,
                "bare_sql_s": summary(bare_times),
                "preliminary_run_s": round(preliminary_times[0], 4),
                "preliminary_ratio": round(preliminary_times[0] / bare_median, 2),
                "final_run_s": round(final_times[0], 4),
                "ratio": round(final_times[0] / bare_median, 2),
                "direct_final_run_s": round(direct_times[0], 4),
                "direct_final_ratio": round(direct_times[0] / bare_median, 2),
            }
        )
    return {
        "attendance_rows_total": Attendance.objects.count(),
        "data_generated_by_script": built["generated"],
        "periods": per_month,
        "final_run_s": statistics.median(m["final_run_s"] for m in per_month),
        "bare_sql_s": statistics.median(m["bare_sql_s"]["median_s"] for m in per_month),
        "ratio_to_bare_sql": statistics.median(m["ratio"] for m in per_month),
        "preliminary_ratio_to_bare_sql": statistics.median(m["preliminary_ratio"] for m in per_month),
        "direct_final_run_s": statistics.median(m["direct_final_run_s"] for m in per_month),
        "direct_final_ratio_to_bare_sql": statistics.median(m["direct_final_ratio"] for m in per_month),
        "goal_ratio": 1.5,
    }


if __name__ == "__main__":
    run("settlement", main, per_database=False)
