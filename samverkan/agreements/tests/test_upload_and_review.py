"""Uploading a decision document proposes a response; the officer confirms or corrects it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from samverkan.agreements.models import DecisionStep
from samverkan.documents.models import Document
from samverkan.documents.tests import builders


@pytest.fixture(autouse=True)
def _in_2014():
    with time_machine.travel(dt.datetime(2014, 1, 15, 10, 0), tick=False):
        yield


def _upload(client, round_, name, data):
    return client.post(
        f"/overenskommelser/remisser/{round_.pk}/las-in-beslut/", {"file": SimpleUploadedFile(name, data)}
    )


def _fresh(demo, code):
    """The demo already holds the seed answers: take them away to register them again."""
    response = demo.responses.get(organisation__code=code)
    response.comments.all().delete()
    response.steps.all().delete()
    response.status, response.stance, response.answered_on = "pending", "", None
    response.save()
    return response


def test_uploading_huddinges_pdf_proposes_its_fields_and_confirming_saves_them(demo, client_for):
    _fresh(demo, "0126")
    hanna = client_for("hanna")
    upload = _upload(hanna, demo, "yttrande.pdf", builders.text_pdf(builders.seed(builders.HUDDINGE)))
    assert upload.status_code == 302
    review = hanna.get(upload["Location"])
    page = review.content.decode()
    form = review.context["form"]
    assert form.initial["organisation"] == demo.responses.get(organisation__code="0126").organisation_id
    assert form.initial["kind"] == "consultation_opinion" and form.initial["stance"] == "critical"
    assert form.initial["case_officer"] == "Berit Knutmejer"
    assert form["body"].value() is not None  # Socialnämnden, from the reference data
    assert [f["paragraph"] for f in review.context["formset"].initial] == [2, 3, 4, 5]
    assert "Dokumentets text" in page
    # Nothing is saved before the officer confirms.
    document = Document.objects.get(original_name="yttrande.pdf")
    assert not DecisionStep.objects.filter(document=document).exists()

    data = {
        "organisation": form.initial["organisation"],
        "kind": "consultation_opinion",
        "body": form["body"].value(),
        "meeting_date": "2013-10-24",  # corrected by the officer: the document states no date
        "case_officer": "Berit Knutmejer",
        "stance": "critical",
        "c-TOTAL_FORMS": "4",
        "c-INITIAL_FORMS": "4",
    }
    for index, initial in enumerate(review.context["formset"].initial):
        data[f"c-{index}-paragraph"] = initial["paragraph"]
        data[f"c-{index}-excerpt"] = initial["excerpt"]
    saved = hanna.post(upload["Location"], data)
    assert saved.status_code == 302
    step = DecisionStep.objects.get(document=document)
    assert (step.body_name, step.meeting_date, step.response.stance) == (
        "Socialnämnden",
        dt.date(2013, 10, 24),
        "critical",
    )
    assert sorted(step.comments.values_list("paragraph__number", flat=True)) == [2, 3, 4, 5]


def test_a_district_coordinator_uploads_the_district_opinion_as_docx(demo, client_for):
    _fresh(demo, "sdn-hagersten-liljeholmen")
    karin = client_for("karin")
    upload = _upload(karin, demo, "yttrande.docx", builders.docx(builders.seed(builders.HAGERSTEN)))
    review = karin.get(upload["Location"])
    form = review.context["form"]
    district = demo.responses.get(organisation__code="sdn-hagersten-liljeholmen").organisation
    assert form.initial["organisation"] == district.pk
    assert str(form.initial["meeting_date"]) == "2013-09-26" and form.initial["stance"] == "support"
    assert review.context["proposal"]["district"] == "Hägersten-Liljeholmens stadsdelsnämnd"


def test_a_document_from_another_municipality_must_be_confirmed(demo, client_for):
    _fresh(demo, "0126")
    cecilia = client_for("cecilia")  # the association answers for anyone
    upload = _upload(cecilia, demo, "varmdo.txt", builders.seed(builders.VARMDO).encode())
    review = cecilia.get(upload["Location"])
    assert review.context["proposed"].name == "Värmdö"
    huddinge = demo.responses.get(organisation__code="0126").organisation
    saved = cecilia.post(
        upload["Location"],
        {
            "organisation": huddinge.pk,
            "kind": "official_report",
            "body_name": "Socialnämnden",
            "c-TOTAL_FORMS": "0",
            "c-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 400
    assert "Dokumentet verkar komma från Värmdö, inte Huddinge" in saved.content.decode()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("tom.pdf", b"", "Filen är tom"),
        ("bild.pdf", builders.png(), "bild"),
        ("skyddad.pdf", None, "krypterad"),
        ("annat.txt", "Tekniska nämnden beslutar om snöröjning.".encode(), "inte handla om överenskommelsen"),
    ],
)
def test_bad_uploads_are_refused_in_swedish_and_nothing_is_saved(demo, client_for, name, data, message):
    if data is None:
        data = builders.encrypted_pdf(builders.seed(builders.HUDDINGE))
    page = _upload(client_for("hanna"), demo, name, data)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not Document.objects.filter(original_name=name).exists()


def test_a_200_mb_upload_is_refused_before_it_is_read(demo, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    page = _upload(client_for("hanna"), demo, "stor.pdf", b"%PDF-1.7\n" + b"0" * (2 * 1024 * 1024))
    assert page.status_code == 400
    assert "för stor" in page.content.decode()
    assert not Document.objects.filter(original_name="stor.pdf").exists()


def test_the_upload_page_says_how_to_install_tesseract_when_it_is_missing(demo, client_for, settings):
    settings.TESSERACT_CMD = "tesseract-som-inte-finns"
    page = client_for("hanna").get(f"/overenskommelser/remisser/{demo.pk}/las-in-beslut/")
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in page.content.decode()


def test_a_scanned_document_is_read_in_the_background_with_progress(
    demo, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    from samverkan.documents import extraction

    # The OCR engine is an edge: here it returns the text of the page, as Tesseract would.
    monkeypatch.setattr(extraction, "ocr_problem", lambda: None)
    monkeypatch.setattr(extraction, "ocr_page", lambda page: builders.seed(builders.VARMDO))
    hanna = client_for("vera")
    with django_capture_on_commit_callbacks(execute=True):
        upload = _upload(hanna, demo, "skannad.pdf", builders.scanned_pdf("Skannad sida"))
    document = Document.objects.get(original_name="skannad.pdf")
    assert document.status == "read" and document.method == "ocr"
    assert document.pages_done == document.pages == 1
    review = hanna.get(upload["Location"])
    assert review.context["proposal"]["municipality"] == "Värmdö"


def test_a_scan_about_something_else_is_refused_after_reading_and_its_file_removed(
    demo, client_for, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from samverkan.documents import extraction

    monkeypatch.setattr(extraction, "ocr_problem", lambda: None)
    monkeypatch.setattr(extraction, "ocr_page", lambda page: "Protokoll om snöröjning och gatubelysning.")
    hanna = client_for("hanna")
    with django_capture_on_commit_callbacks(execute=True):
        upload = _upload(hanna, demo, "fel.pdf", builders.scanned_pdf("Fel dokument"))
    document = Document.objects.get(original_name="fel.pdf")
    assert document.status == "refused" and not document.file
    assert not default_storage.exists(f"documents/{document.sha256[:2]}/{document.sha256}.pdf")
    page = hanna.get(upload["Location"]).content.decode()
    assert "inte handla om överenskommelsen" in page and "inget har sparats" in page


def test_progress_is_shown_while_the_document_is_being_read(demo, client_for, person):
    from samverkan.documents.models import Document as Doc

    document = Doc.objects.create(
        organisation=person("hanna").organisation,
        uploaded_by=person("hanna"),
        original_name="lång.pdf",
        sha256="0" * 64,
        size=10,
        content_type="application/pdf",
        format="pdf",
        status="reading",
        pages=10,
        pages_done=4,
    )
    page = client_for("hanna").get(f"/overenskommelser/remisser/{demo.pk}/las-in-beslut/{document.pk}/")
    text = page.content.decode()
    assert "4 av 10 sidor lästa." in text and 'http-equiv="refresh"' in text
