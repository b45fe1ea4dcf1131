"""The three real decision documents, as text, as a PDF with a text layer and as DOCX:
each proposes the right organisation, body, type, stance and paragraph comments."""

from __future__ import annotations

import pytest

from samverkan.documents import extraction
from samverkan.documents.reading import read_decision
from samverkan.documents.tests import builders

EXPECTED = {
    builders.HAGERSTEN: {
        "municipality": "Stockholm",
        "municipality_code": "0180",
        "district": "Hägersten-Liljeholmens stadsdelsnämnd",
        "body": "Hägersten-Liljeholmens stadsdelsnämnd",
        "document_type": "consultation_opinion",
        "date": "2013-09-26",
        "case_officer": "Inger Nilsson",
        "registration_number": None,
        "stance": "support",
        "paragraphs": [],
    },
    builders.VARMDO: {
        "municipality": "Värmdö",
        "municipality_code": "0120",
        "district": None,
        "body": "Socialnämnden",
        "document_type": "official_report",
        "date": None,
        "case_officer": "Marie Lindström",
        "registration_number": "13SCN/0",
        "stance": "support",
        "paragraphs": [],
    },
    builders.HUDDINGE: {
        "municipality": "Huddinge",
        "municipality_code": "0126",
        "district": None,
        "body": "Socialnämnden",
        "document_type": "consultation_opinion",
        "date": None,
        "case_officer": "Berit Knutmejer",
        "registration_number": None,
        "stance": "critical",
        "paragraphs": [2, 3, 4, 5],
    },
}

FORMATS = {
    "text": lambda text: text.encode(),
    "pdf": builders.text_pdf,
    "docx": builders.docx,
}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("seed", EXPECTED)
def test_each_seed_is_read_right_in_each_format(db, seed, fmt):
    data = FORMATS[fmt](builders.seed(seed))
    sniffed = extraction.sniff(data)
    assert sniffed.format == fmt and not sniffed.needs_ocr
    text = extraction.extract(data, sniffed)
    reading = read_decision(text.text).as_json()
    expected = dict(EXPECTED[seed])
    paragraphs = expected.pop("paragraphs")
    assert {k: reading[k] for k in expected} == expected
    assert [c["paragraph"] for c in reading["paragraph_comments"]] == paragraphs


def test_huddinges_comments_carry_the_sentence_that_makes_them(db):
    reading = read_decision(builders.seed(builders.HUDDINGE))
    excerpts = {c.paragraph: c.excerpt for c in reading.paragraph_comments}
    assert "motsatsförhållande till formuleringen under § 2" in excerpts[2]
    assert "som boende i kommuner med stort mottagande" in excerpts[3]
    # A short sentence is read together with the next one.
    assert excerpts[4].startswith("Skrivelsen i § 4 bör utvecklas något. Tänker man")
    assert excerpts[5].startswith("I § 5 anser vi att även en enskild kommun")


def test_every_seed_is_about_the_agreement(db):
    for seed in EXPECTED:
        assert read_decision(builders.seed(seed)).about_agreement
