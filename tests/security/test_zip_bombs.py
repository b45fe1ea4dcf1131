"""ASVS 12.1.2: a Word or Excel file that expands too far is refused, in Swedish, before it is read.

A real zip bomb (zeros compressed about a thousand times) goes in through every
upload that reads Office files: a decision document (Word), a bulk import of
placements (Excel), an action plan import (Excel), a file of receptions (Excel).
Each refuses it with the limit named and saves nothing. The limit is lowered for
speed; tests/lib/test_archives.py checks a bomb of a quarter gigabyte at the default.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.actionplans.forms import ImportForm as PlanImportForm
from samverkan.audit.models import AuditEvent
from samverkan.documents import services as documents
from samverkan.documents.extraction import UnreadableDocument
from samverkan.documents.models import Document
from samverkan.exchange.models import ImportJob
from samverkan.statecomp.files import TableError, read_table
from samverkan.statecomp.models import Reception

MB = 1024 * 1024
REFUSAL = "när den packas upp; högst 2 MB tillåts"


def bomb(part: str, expanded_mb: int = 16) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(part, "w") as out:
            for _ in range(expanded_mb):
                out.write(b"\0" * MB)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _two_megabytes(settings, tmp_path):
    settings.UPLOAD_MAX_EXPANDED_BYTES = 2 * MB
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_word_bomb_is_refused_and_no_document_is_stored(db, person):
    hanna = person("hanna")
    events = AuditEvent.objects.count()
    with pytest.raises(UnreadableDocument, match=REFUSAL):
        documents.receive(
            actor=hanna, organisation=hanna.organisation, name="beslut.docx", data=bomb("word/document.xml")
        )
    assert Document.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert not default_storage.exists("documents")


def test_an_excel_bomb_is_refused_by_the_import_page_and_no_job_is_made(client_for):
    upload = SimpleUploadedFile("placeringar.xlsx", bomb("xl/worksheets/sheet1.xml"))
    response = client_for("anna").post(reverse("exchange:import_create"), {"kind": "placements", "file": upload})
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not default_storage.exists("imports")


def test_an_excel_bomb_is_refused_by_the_action_plan_import_form(db):
    form = PlanImportForm(files={"file": SimpleUploadedFile("plan.xlsx", bomb("xl/worksheets/sheet1.xml"))})
    assert not form.is_valid()
    assert REFUSAL in form.errors["file"][0]


def test_an_excel_bomb_of_receptions_is_refused_and_nothing_is_saved(client_for):
    data = bomb("xl/worksheets/sheet1.xml")
    with pytest.raises(TableError, match=REFUSAL):
        read_table("mottagna.xlsx", data)
    response = client_for("hanna").post(
        reverse("statecomp:reception_import", args=["0126"]), {"file": SimpleUploadedFile("mottagna.xlsx", data)}
    )
    assert response.status_code == 400
    assert REFUSAL in response.content.decode()
    assert not Reception.objects.exists()
