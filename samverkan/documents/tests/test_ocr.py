"""Scanned decisions read by Tesseract's Swedish model (a real engine, real pixels)."""

from __future__ import annotations

import pytest

from samverkan.documents import extraction
from samverkan.documents.reading import read_decision
from samverkan.documents.tests import builders

needs_tesseract = pytest.mark.skipif(
    extraction.ocr_problem() is not None, reason="Tesseract with Swedish is not installed: make system-deps"
)

# One page of each, to keep the suite fast: the header and the part that carries the stance.
HUDDINGE_PAGE = "\n".join(
    line
    for line in builders.seed(builders.HUDDINGE).splitlines()[:14]
    + builders.seed(builders.HUDDINGE).split("Förvaltningens synpunkter")[1].splitlines()[:32]
    if line.strip()
)


@needs_tesseract
def test_a_scanned_opinion_is_read_through_ocr(db):
    data = builders.scanned_pdf(HUDDINGE_PAGE, noise=True)
    sniffed = extraction.sniff(data)
    assert sniffed.needs_ocr
    pages = []
    text = extraction.extract(data, sniffed, progress=lambda done, total: pages.append((done, total)))
    assert text.method == "ocr"
    assert pages[-1] == (text.pages, text.pages)
    reading = read_decision(text.text)
    assert (reading.municipality, reading.body, reading.stance) == ("Huddinge", "Socialnämnden", "critical")
    assert reading.case_officer == "Berit Knutmejer"
    assert {2, 3, 4, 5} <= {c.paragraph for c in reading.paragraph_comments}


def test_without_tesseract_the_message_says_how_to_install_it(settings):
    settings.TESSERACT_CMD = "tesseract-som-inte-finns"
    problem = extraction.ocr_problem()
    assert problem is not None
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in problem
    assert "inte installerad" in problem


def test_a_scan_is_refused_with_the_install_command_when_tesseract_is_missing(db, person, settings):
    from samverkan.documents import services
    from samverkan.documents.models import Document

    settings.TESSERACT_CMD = "tesseract-som-inte-finns"
    with pytest.raises(extraction.UnreadableDocument, match="apt-get install tesseract-ocr tesseract-ocr-swe"):
        services.receive(
            actor=person("hanna"), organisation=None, name="scan.pdf", data=builders.scanned_pdf("Överenskommelse")
        )
    assert Document.objects.count() == 0


@needs_tesseract
@pytest.mark.parametrize(
    ("seed", "lines", "expected"),
    [
        (builders.HAGERSTEN, 30, ("Stockholm", "Hägersten-Liljeholmens stadsdelsnämnd", "support", "2013-09-26")),
        (builders.VARMDO, 32, ("Värmdö", "Socialnämnden", "support", None)),
    ],
)
def test_the_first_page_of_each_other_seed_is_read_through_ocr(db, seed, lines, expected):
    page = "\n".join(builders.seed(seed).splitlines()[:lines])
    data = builders.scanned_pdf(page)
    text = extraction.extract(data, extraction.sniff(data))
    assert text.method == "ocr" and text.pages == 1
    reading = read_decision(text.text)
    assert (reading.municipality, reading.body, reading.stance, reading.date) == expected
