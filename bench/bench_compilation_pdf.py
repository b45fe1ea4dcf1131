"""The compilation PDF for the steering group, for a round to 26 municipalities (goal < 3 s).

    .venv/bin/python bench/bench_compilation_pdf.py [--scale smoke|county]

Runs on a throw-away SQLite database: the county's reference data, an agreement of
seven paragraphs sent to the 26 municipalities, each with a two-step decision path
and comments on two or three paragraphs. The figure is the rendering of the PDF
from the database (the view caches it afterwards; the cache is not measured).
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


def prepare():
    from django.core.management import call_command

    from samverkan.agreements import services
    from samverkan.agreements.models import Agreement, Paragraph
    from samverkan.organisations.models import County, Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        call_command("load_refdata", verbosity=0)
    county = County.objects.get(code="01")
    agreement = Agreement.objects.create(county=county, title="Överenskommelse (benchmark)")
    version = services.create_version(actor=None, agreement=agreement, title="Förslag", dated=dt.date(2013, 5, 6))
    for number in range(1, 8):
        Paragraph.objects.create(version=version, number=number, heading=f"Rubrik {number}", text="Text " * 80)
    municipalities = list(Organisation.objects.municipalities().in_county(county).order_by("name"))
    round_ = services.send_round(
        actor=None,
        version=version,
        title="Remiss (benchmark)",
        sent_on=dt.date(2013, 6, 5),
        deadline=dt.date(2013, 11, 15),
        organisations=municipalities,
    )
    excerpt = (
        "Kommunen ställer sig bakom förslaget men anser att paragrafen behöver förtydligas när det gäller "
        "ansvaret för insatser till boende i andra kommuner och hur ersättningen ska beräknas."
    )
    for index, response in enumerate(round_.responses.all()):
        services.record_step(
            actor=None,
            response=response,
            kind="official_report",
            body_name="Socialnämnden",
            meeting_date=dt.date(2013, 10, 1),
            case_officer="Handläggare Exempelsson",
            today=dt.date(2014, 1, 15),
        )
        services.record_step(
            actor=None,
            response=response,
            kind="decision",
            body_name="Kommunfullmäktige",
            meeting_date=dt.date(2013, 11, 11),
            stance="support_with_comments",
            final=True,
            registration_number=f"KS 2013/{100 + index}",
            comments=[services.CommentInput(n, excerpt) for n in (2, 3, 5)[: 2 + index % 2]],
            today=dt.date(2014, 1, 15),
        )
    return round_


def main(scale: str) -> dict:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    round_ = prepare()
    from samverkan.agreements import compilation, exports

    def render() -> bytes:
        return exports.compilation_pdf(compilation.build(round_, dt.date(2014, 1, 15)))

    # The first PDF of a process loads fonts and WeasyPrint's stylesheets: measured apart.
    first, _ = timed(render, repeat=1)
    cpu: list[float] = []

    def render_counting_cpu() -> bytes:
        # CPU seconds of this process beside the wall clock: on a shared two-core machine the
        # wall clock also counts the time other processes hold the cores.
        started = time.process_time()
        data = render()
        cpu.append(time.process_time() - started)
        return data

    times, pdf = timed(render_counting_cpu, repeat=2 if scale == "smoke" else 10)
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pages = len(document)
    document.close()
    return {
        "organisations": round_.responses.count(),
        "comments": sum(1 for _ in round_.responses.values_list("comments")),
        "pdf_pages": pages,
        "pdf_bytes": len(pdf),
        "first_pdf_in_process_s": round(first[0], 3),
        "compilation_pdf": summary(times),
        "compilation_pdf_cpu": summary(cpu),
        "load_average": os.getloadavg()[0],
        "goal_s": 3.0,
        "meets_goal": summary(times)["median_s"] < 3.0,
    }


if __name__ == "__main__":
    run("compilation_pdf", main)
