"""The exchange on a county-sized data set: bulk-import throughput and the list pages' SQL queries.

    .venv/bin/python bench/bench_exchange.py [--scale smoke|county|nation]
    DATABASE_URL=postgresql://…/samverkan_bench .venv/bin/python bench/bench_exchange.py --scale county

Without DATABASE_URL a throw-away SQLite database is migrated and generated
(`manage.py generate_data`: 26 municipalities, 20,000 participants, 60,000
placements, 24 months of attendance at county scale). Measured:

- import throughput (rows per second) of a placements file and an attendance file,
  checked and saved all or nothing exactly as the background task does it; and the
  time to refuse the same placements file with one bad row near its end (nothing saved);
- every list page of the exchange, as the municipal coordinator of the municipality
  with the most placements: SQL queries and time. The query counts are pinned in the
  tests (`test_list_pages_cost_the_same_queries_at_any_size`) at 10 and 1,000 rows;
  here they are shown on the full data set, where they are the same.

Imports run inside a transaction that is rolled back, so the data set stays as generated.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import generated_database, run, summary, throwaway_sqlite, timed

throwaway_sqlite()

IMPORT_ROWS = {"smoke": 200, "county": 10_000, "nation": 10_000}
REPEAT = {"smoke": 2, "county": 10, "nation": 10}
LIST_PAGES = [
    ("public catalogue, anonymous", "exchange:catalogue", "", ""),
    ("public catalogue, search and distance", "exchange:catalogue", "", "q=svenska&near={code}&distance=30"),
    ("participants", "exchange:participant_list", "coordinator", ""),
    ("placements", "exchange:placement_list", "coordinator", ""),
    ("placements in own services", "exchange:placement_list", "coordinator", "sida=anordnare"),
    ("attendance of the month", "exchange:attendance_month", "coordinator", ""),
    ("own services", "exchange:service_list", "coordinator", ""),
    ("county figures", "exchange:statistics", "coordinator", ""),
]


def _busiest_municipality():
    from django.db.models import Count

    from samverkan.exchange.models import Placement
    from samverkan.organisations.models import Organisation

    row = Placement.objects.values("provider").annotate(n=Count("pk")).order_by("-n", "provider").first()
    return Organisation.objects.get(pk=row["provider"])


def _placements_csv(municipality, rows: int, bad_row: int | None = None) -> bytes:
    """New residents placed from the first of next month, spread over the county's services;
    written as Windows-1252, as Excel on Windows saves it. `bad_row` gets a date that does not exist."""
    import datetime as dt

    from samverkan.exchange.models import Service, next_month
    from samverkan.lib.identity import make
    from samverkan.lib.tz import today

    # Personnummer, where the generated people have samordningsnummer: nobody in the file exists yet.
    numbers = [make(dt.date(1970, 1, 1) + dt.timedelta(days=i % 10_000), 100 + i // 10_000).value for i in range(rows)]
    # Spread the rows over the county's services, no more to each than it has free places:
    # a realistic file asks for places that exist.
    from samverkan.exchange.catalogue import annotate_places, free_places

    slots: list[str] = []
    for service in annotate_places(
        Service.objects.filter(published=True, provider__county=municipality.county), today()
    ).order_by("code"):
        slots += [service.code] * max(free_places(service) - 5, 0)
    if len(slots) < rows:
        raise RuntimeError(f"the county has {len(slots)} free places, the file needs {rows}")
    services = slots[:: max(len(slots) // rows, 1)][:rows]
    start = next_month(today()).isoformat()
    lines = ["personnummer;förnamn;efternamn;mottagen;uppehållsstatus;insats;startdatum;slutdatum"]
    for i, number in enumerate(numbers):
        day = "2026-02-30" if i == bad_row else start
        lines.append(f"{number};Bench{i};Åström;2025-01-01;flykting;{services[i]};{day};")
    return "\n".join(lines).encode("cp1252")


def _attendance_csv(municipality, rows: int) -> tuple[bytes, int]:
    from samverkan.exchange.models import Placement, first_of_month
    from samverkan.lib.tz import today

    month = first_of_month(today())
    codes = list(
        Placement.objects.filter(provider=municipality, status="accepted", start__lt=month)
        .exclude(end__lt=month)
        .order_by("pk")
        .values_list("code", flat=True)[:rows]
    )
    lines = ["placeringskod;månad;närvarodagar;timmar"]
    lines += [f"{code};{month:%Y-%m};1;2,5" for code in codes]
    return "\n".join(lines).encode(), len(codes)


def _import(user, municipality, kind: str, content: bytes) -> tuple[float, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import transaction

    from samverkan.exchange import imports
    from samverkan.exchange.models import ImportJob

    with transaction.atomic():
        job = ImportJob(organisation=municipality, kind=kind, original_name="bench.csv", created_by=user)
        job.file.save("bench.dat", SimpleUploadedFile("bench.csv", content), save=False)
        job.save()
        started, cpu = time.perf_counter(), time.process_time()
        job = imports.process(job)
        elapsed = time.perf_counter() - started
        job.cpu_seconds = time.process_time() - cpu
        job.file.delete(save=False)
        transaction.set_rollback(True)
    return elapsed, job


def _throughput(rows: int, elapsed: float, job: Any) -> dict[str, Any]:
    # The machine may be shared: CPU seconds show the work itself, wall seconds what a user waited.
    return {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(job.cpu_seconds, 2),
        "rows_per_second": round(rows / elapsed),
        "rows_per_cpu_second": round(rows / job.cpu_seconds),
    }


def main(scale: str) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from samverkan.accounts.models import User
    from samverkan.exchange.models import Attendance, Participant, Placement

    data = generated_database(scale)
    municipality = _busiest_municipality()
    coordinator = User.objects.get(username=f"gen-{municipality.scb_code}-0")
    figures: dict[str, Any] = {
        "data": data,
        "participants": Participant.objects.count(),
        "placements": Placement.objects.count(),
        "attendance_rows": Attendance.objects.count(),
        "municipality": municipality.name,
    }

    rows = IMPORT_ROWS[scale]
    content = _placements_csv(municipality, rows)
    elapsed, job = _import(coordinator, municipality, "placements", content)
    assert job.status == "done", job.errors[:3]
    figures["import_placements"] = _throughput(rows, elapsed, job)
    print(
        f"import placements: {rows} rows in {elapsed:.1f} s = {rows / elapsed:.0f} rows/s "
        f"({rows / job.cpu_seconds:.0f} rows per CPU second)",
        file=sys.stderr,
    )

    bad = _placements_csv(municipality, rows, bad_row=rows - 3)
    elapsed, job = _import(coordinator, municipality, "placements", bad)
    assert job.status == "failed" and job.error_count == 1, job.errors[:3]
    figures["refuse_one_bad_row"] = {
        "rows": rows,
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(job.cpu_seconds, 2),
        "error": job.errors[0],
        "saved": Placement.objects.filter(participant__first_name__startswith="Bench").count(),
    }
    print(f"refuse a file with one bad row of {rows}: {elapsed:.1f} s", file=sys.stderr)

    content, count = _attendance_csv(municipality, rows)
    if count:
        elapsed, job = _import(coordinator, municipality, "attendance", content)
        assert job.status == "done", job.errors[:3]
        figures["import_attendance"] = _throughput(count, elapsed, job)
        print(f"import attendance: {count} rows in {elapsed:.1f} s = {count / elapsed:.0f} rows/s", file=sys.stderr)

    pages = []
    for label, name, who, query in LIST_PAGES:
        client = Client()
        if who:
            client.force_login(coordinator)
        url = reverse(name) + ("?" + query.format(code=municipality.scb_code) if query else "")

        def fetch(client=client, url=url) -> Any:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return response

        fetch()
        with CaptureQueriesContext(connection) as queries:
            fetch()
        count_queries = len(queries.captured_queries)
        cpu = time.process_time()
        times, _ = timed(fetch, REPEAT[scale])
        cpu_each = (time.process_time() - cpu) / REPEAT[scale]
        pages.append(
            {"page": label, "url": url, "queries": count_queries, "cpu_s": round(cpu_each, 4), **summary(times)}
        )
        print(
            f"{label:<40} {count_queries:3d} queries  median {summary(times)['median_s'] * 1000:7.1f} ms",
            file=sys.stderr,
        )
    figures["list_pages"] = pages
    return figures


if __name__ == "__main__":
    run("exchange", main)
