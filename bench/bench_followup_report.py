"""The follow-up report of a generated county plan: the page (time and SQL queries) and the PDF.

    .venv/bin/python bench/bench_followup_report.py [--scale smoke|county|nation]

Runs on a throw-away SQLite database: the reference data, the generated governance and
action plans (`governance/generate.py`, `actionplans/generate.py`) for Stockholm county
(`county`) or every county (`nation`: 21 plans, the report still shows one), 84 measures
with three to eight responsible municipalities each and four rounds of reports. The
page is fetched through Django's test client as a steering-group member, so the figure
includes the view, the template and the SVG charts; the PDF is rendered from the
database each time (no cache).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TESTING", "true")
_DB = Path(tempfile.mkdtemp(prefix="samverkan-bench-")) / "bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_DB}")

from bench.common import run, summary, timed  # noqa: E402


def prepare(scale: str):
    from django.core.management import call_command

    from samverkan.accounts.models import User
    from samverkan.actionplans.generate import generate as generate_plans
    from samverkan.actionplans.models import ActionPlan
    from samverkan.core.generation import GenerateContext
    from samverkan.governance.generate import generate as generate_governance
    from samverkan.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        call_command("load_refdata", *(["--all-counties"] if scale == "nation" else []), verbosity=0)
    ctx = GenerateContext(
        scale="smoke" if scale == "smoke" else scale,
        seed=1,
        today=dt.date(2014, 9, 1),
        county_code=None if scale == "nation" else "01",
        quiet=True,
    )
    generate_governance(ctx)
    generate_plans(ctx)
    member, _created = User.objects.get_or_create(
        username="bench-member",
        defaults={"role": "steering_member", "organisation": Organisation.objects.get(code="ksl")},
    )
    plan = ActionPlan.objects.filter(county__code="01", title__startswith="[Genererad]").get()
    return member, plan.rounds.order_by("-opened_on").first()


def main(scale: str) -> dict:
    import logging

    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    member, round_ = prepare(scale)
    from samverkan.actionplans import exports, followup
    from samverkan.actionplans.models import Measure, Report

    client = Client()
    client.force_login(member)
    url = reverse("actionplans:followup_report", args=[round_.pk])

    def page() -> bytes:
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response.content

    page()  # warm: templates, translations
    # Counted with an execute wrapper: the request's own signals reset Django's query log.
    queries: list[str] = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        html = page()
    cpu: list[float] = []

    def page_cpu() -> bytes:
        started = time.process_time()
        data = page()
        cpu.append(time.process_time() - started)
        return data

    page_times, _ = timed(page_cpu, repeat=3 if scale == "smoke" else 15)

    def pdf() -> bytes:
        return exports.followup_pdf(followup.build(round_, dt.date(2014, 9, 1)))

    first, _ = timed(pdf, repeat=1)
    pdf_cpu: list[float] = []

    def pdf_counting_cpu() -> bytes:
        started = time.process_time()
        data = pdf()
        pdf_cpu.append(time.process_time() - started)
        return data

    pdf_times, data = timed(pdf_counting_cpu, repeat=2 if scale == "smoke" else 5)
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    pages = len(document)
    document.close()
    return {
        "measures": Measure.objects.filter(plan=round_.plan).count(),
        "reports_in_plan": Report.objects.filter(round__plan=round_.plan).count(),
        "reports_in_database": Report.objects.count(),
        "rounds": round_.plan.rounds.count(),
        "page_bytes": len(html),
        "page_sql_queries": len(queries),
        "page": summary(page_times),
        "page_cpu": summary(cpu),
        "pdf_pages": pages,
        "pdf_bytes": len(data),
        "first_pdf_in_process_s": round(first[0], 3),
        "pdf": summary(pdf_times),
        "pdf_cpu": summary(pdf_cpu),
        "load_average": os.getloadavg()[0],
    }


if __name__ == "__main__":
    run("followup_report", main)
