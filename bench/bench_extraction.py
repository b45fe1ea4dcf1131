"""Reading decision documents: a 10-page PDF with a text layer (goal < 1 s), and OCR per scanned page.

    .venv/bin/python bench/bench_extraction.py [--scale smoke|county]

Runs on a throw-away SQLite database with the county's reference data (the reader
matches names against it). The PDF is made with WeasyPrint from the three real
decision documents in refdata/seeds/, repeated to ten pages.
"""

from __future__ import annotations

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


def prepare() -> None:
    from django.core.management import call_command

    from samverkan.organisations.models import Organisation

    call_command("migrate", verbosity=0)
    if not Organisation.objects.exists():
        call_command("load_refdata", verbosity=0)


def main(scale: str) -> dict:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    prepare()
    import pypdfium2

    from samverkan.documents import extraction
    from samverkan.documents.reading import read_decision
    from samverkan.documents.tests import builders

    # Ten full pages: the Huddinge opinion first, then the other two documents, about 1,700 characters a page.
    lines = [
        line
        for name in (builders.HUDDINGE, builders.HAGERSTEN, builders.VARMDO)
        for line in builders.seed(name).splitlines()
        if line.strip()
    ] * 6
    pages: list[str] = []
    while len(pages) < 10:
        page: list[str] = []
        while lines and sum(len(x) for x in page) + len(lines[0]) < 1700:
            page.append(lines.pop(0))
        pages.append("\n".join(page or [lines.pop(0)]))
    pdf = builders.text_pdf_pages(pages)
    document = pypdfium2.PdfDocument(pdf)
    page_count = len(document)
    document.close()

    cpu: list[float] = []

    def extract_and_read():
        # CPU seconds beside the wall clock: on a shared machine the wall clock also counts others' work.
        started = time.process_time()
        sniffed = extraction.sniff(pdf)
        extracted = extraction.extract(pdf, sniffed)
        reading = read_decision(extracted.text)
        cpu.append(time.process_time() - started)
        return reading

    repeat = 3 if scale == "smoke" else 15
    times, reading = timed(extract_and_read, repeat=repeat)
    figures = {
        "text_pdf_pages": page_count,
        "text_pdf_bytes": len(pdf),
        "text_pdf_extraction": summary(times),
        "text_pdf_extraction_cpu": summary(cpu),
        "load_average": os.getloadavg()[0],
        "text_pdf_goal_s": 1.0,
        "text_pdf_meets_goal": summary(times)["median_s"] < 1.0,
        "stance_read": reading.stance,
    }
    if extraction.ocr_problem() is None:
        import pypdfium2

        scan = builders.scanned_pdf(builders.seed(builders.HUDDINGE))
        document = pypdfium2.PdfDocument(scan)
        import resource

        per_page = []
        per_page_cpu = []
        for index in range(min(len(document), 1 if scale == "smoke" else 3)):
            # Tesseract runs as a child process: its CPU time is the children's.
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.process_time()
            page_times, _ = timed(lambda index=index: extraction.ocr_page(document[index]), repeat=1)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            per_page.extend(page_times)
            per_page_cpu.append(
                time.process_time() - started + (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            )
        document.close()
        figures["ocr_per_page"] = summary(per_page)
        figures["ocr_per_page_cpu"] = summary(per_page_cpu)
        figures["ocr_dpi"] = extraction.OCR_DPI
    else:
        figures["ocr_per_page"] = "tesseract-ocr-swe not installed"
    return figures


if __name__ == "__main__":
    run("extraction", main)
