"""The heaviest pages and their PDF versions: time (median, p95) and SQL queries.

    .venv/bin/python bench/bench_pages.py [--scale smoke|county|nation]
    DATABASE_URL=postgresql://…/samverkan_bench_nation .venv/bin/python bench/bench_pages.py --scale nation

Without DATABASE_URL the script migrates a throw-away SQLite database and generates
the scale's data set (`manage.py generate_data`); with it, a database already
generated is measured as it is. Each page is fetched through Django's test client
(the whole request: middleware, session, view, template) as the person who would
open it; the cache is cleared before every fetch, so cached exports (the compilation
PDF) are measured rendering, not from the cache. The first fetch of each page is a
warm-up and not counted. A page whose app has not landed yet is listed as not
available.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import generated_database, run, summary, throwaway_sqlite

throwaway_sqlite()

REPEAT = {"smoke": 2, "county": 15, "nation": 15}
REPEAT_PDF = {"smoke": 1, "county": 5, "nation": 2}


@dataclass
class Page:
    name: str
    url_name: str
    user: str  # username; "" for anonymous
    args: Callable[[], list[Any] | None] = list
    pdf: bool = False
    query: str = ""


def _largest_round() -> list[int]:
    from django.db.models import Count

    from samverkan.agreements.models import ConsultationRound

    round_ = ConsultationRound.objects.annotate(n=Count("responses")).order_by("-n", "pk").first()
    return [round_.pk] if round_ else []


def _statement() -> list[Any] | None:
    """The latest settlement run and the municipality with the most lines in it."""
    from samverkan.settlement.models import SettlementRun

    run = SettlementRun.objects.order_by("-period_start", "-pk").first()
    return [run.pk, "0126"] if run else None


def _latest_run() -> list[Any] | None:
    from samverkan.settlement.models import SettlementRun

    run = SettlementRun.objects.order_by("-period_start", "-pk").first()
    return [run.pk] if run else None


def _largest_pair() -> list[Any] | None:
    """Huddinge's pair with the most lines in the latest run (the drill-down to lines)."""
    from samverkan.settlement.models import SettlementRun

    run = SettlementRun.objects.order_by("-period_start", "-pk").first()
    pair = run.pairs.filter(payer__code="0126").order_by("-line_count", "pk").first() if run else None
    return [pair.pk] if pair else None


def _largest_followup() -> list[int] | None:
    from django.db.models import Count

    from samverkan.actionplans.models import FollowUpRound

    round_ = FollowUpRound.objects.annotate(n=Count("reports")).order_by("-n", "pk").first()
    return [round_.pk] if round_ else None


def _largest_plan() -> list[int] | None:
    from samverkan.actionplans.models import ActionPlan

    plan = ActionPlan.objects.order_by("-pk").first()
    return [plan.pk] if plan else None


def _home_county() -> list[str]:
    from django.conf import settings

    return [settings.COUNTY_CODE]


PAGES = [
    Page("trivial: health check", "core:health", ""),
    Page("start page, regional coordinator", "reports:home", "cecilia"),
    Page("start page, case officer", "reports:home", "anna"),
    Page("county overview", "organisations:county_detail", "cecilia", _home_county),
    Page("municipality page", "organisations:municipality_detail", "anna", lambda: ["0126"]),
    Page("agreement list", "agreements:agreement_list", "cecilia"),
    Page("consultation round (largest)", "agreements:round_detail", "cecilia", _largest_round),
    Page("consultation compilation (largest round)", "agreements:round_compilation", "cecilia", _largest_round),
    Page("audit log, regional coordinator", "audit:event_list", "cecilia"),
    Page("state compensation, county", "statecomp:overview", "cecilia"),
    Page("state compensation, a municipality", "statecomp:municipality_detail", "hanna", lambda: ["0126"]),
    Page("catalogue", "exchange:catalogue", "anna"),
    Page("catalogue search 'svenska'", "exchange:catalogue", "anna", query="q=svenska"),
    Page("participants, case officer", "exchange:participant_list", "anna"),
    Page("placements, case officer", "exchange:placement_list", "anna"),
    Page("attendance of a month, provider staff", "exchange:attendance_month", "bengt"),
    Page("exchange statistics, regional", "exchange:statistics", "cecilia"),
    Page("settlement run list", "settlement:run_list", "cecilia"),
    Page("action plan (latest)", "actionplans:plan_detail", "stefan", _largest_plan),
    Page("follow-up report (largest round)", "actionplans:followup_report", "stefan", _largest_followup),
    Page("settlement run (latest), its pairs paged", "settlement:run_detail", "cecilia", _latest_run),
    Page("a municipality's statement (latest run)", "settlement:statement", "hanna", _statement),
    Page("a pair's lines (Huddinge's largest, latest run)", "settlement:pair_detail", "hanna", _largest_pair),
    # The PDFs last: the slowest, and the pages above are measured even if a run is cut short.
    Page(
        "consultation compilation PDF (largest round)",
        "agreements:round_compilation_pdf",
        "cecilia",
        _largest_round,
        pdf=True,
    ),
    Page(
        "follow-up report PDF (largest round)",
        "actionplans:followup_report_pdf",
        "stefan",
        _largest_followup,
        pdf=True,
    ),
]


def measure(page: Page, scale: str) -> dict[str, Any]:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from bench.common import timed
    from samverkan.accounts.models import User

    try:
        args = page.args()
        if args is None:
            return {"page": page.name, "status": "no rows for it in the generated data set"}
        url = reverse(page.url_name, args=args) + (f"?{page.query}" if page.query else "")
    except NoReverseMatch:
        return {"page": page.name, "status": "not available (its app has not landed)"}
    client = Client()
    if page.user:
        client.force_login(User.objects.get(username=page.user))

    def fetch() -> Any:
        cache.clear()
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{page.name}: {url} answered {response.status_code}")
        return response

    fetch()  # warm-up: templates, translations, fonts
    with CaptureQueriesContext(connection) as queries:
        response = fetch()
    # Read now: the next request empties the connection's query log.
    query_count = len(queries.captured_queries)
    times, _ = timed(fetch, (REPEAT_PDF if page.pdf else REPEAT)[scale])
    return {
        "page": page.name,
        "url": url,
        "user": page.user or "anonymous",
        "queries": query_count,
        "bytes": len(response.content),
        **summary(times),
    }


def main(scale: str) -> dict[str, Any]:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    data = generated_database(scale)
    results = []
    for page in PAGES:
        result = measure(page, scale)
        results.append(result)
        if "median_s" in result:
            print(
                f"{result['page']:<48} median {result['median_s'] * 1000:7.1f} ms  "
                f"p95 {result['p95_s'] * 1000:7.1f} ms  {result['queries']:3d} queries",
                file=sys.stderr,
            )
        else:
            print(f"{result['page']:<48} {result['status']}", file=sys.stderr)
    return {"data": data, "pages": results}


if __name__ == "__main__":
    run("pages", main)
