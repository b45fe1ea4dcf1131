"""An encrypted, corrupt or empty file, an image, a file too large, a document about
something else: a clear message in Swedish and nothing saved."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.storage import default_storage

from samverkan.audit.models import AuditEvent
from samverkan.documents import services
from samverkan.documents.extraction import UnreadableDocument
from samverkan.documents.models import Document
from samverkan.documents.tests import builders


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hej")
    return buffer.getvalue()


BAD = {
    "empty": (lambda: b"", "tom"),
    "blank": (lambda: b"   \n\n", "tom"),
    "image": (builders.png, "bild"),
    "encrypted pdf": (lambda: builders.encrypted_pdf(builders.seed(builders.HUDDINGE)), "krypterad"),
    "corrupt pdf": (lambda: b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrasig", "skadad"),
    "zip that is not docx": (_zip, "inte ett Word-dokument"),
    "binary": (lambda: bytes(range(256)) * 20, "känns inte igen"),
    "old word": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "äldre Word-format"),
    "off topic": (
        lambda: builders.text_pdf("Tekniska nämnden\nUpphandling av snöröjning vintern 2013.\n"),
        "inte handla om",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_a_bad_file_is_refused_in_swedish_and_nothing_is_saved(db, person, case):
    make, words = BAD[case]
    events = AuditEvent.objects.count()
    with pytest.raises(UnreadableDocument) as refused:
        services.receive(actor=person("hanna"), organisation=person("hanna").organisation, name="x.pdf", data=make())
    assert words in str(refused.value)
    assert Document.objects.count() == 0
    assert AuditEvent.objects.count() == events
    assert not default_storage.exists("documents")


def test_a_file_over_the_limit_is_refused_with_the_limit_named(db, person, settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    data = builders.seed(builders.HUDDINGE).encode() * 1000  # about 6 MB of text
    with pytest.raises(UnreadableDocument, match=r"för stor.*Största tillåtna storlek är 2 MB"):
        services.receive(actor=person("hanna"), organisation=None, name="stor.txt", data=data)
    assert Document.objects.count() == 0


def test_the_type_comes_from_the_bytes_not_the_name(db, person):
    document = services.receive(
        actor=person("hanna"),
        organisation=person("hanna").organisation,
        name="yttrande.pdf",  # named PDF, but it is a Word file
        data=builders.docx(builders.seed(builders.HUDDINGE)),
    )
    assert document.format == "docx"
    assert document.content_type.endswith("wordprocessingml.document")
    assert document.file.name.endswith(".docx")


def test_a_good_file_is_stored_with_hash_size_and_type_and_audited(db, person):
    import hashlib

    data = builders.text_pdf(builders.seed(builders.VARMDO))
    document = services.receive(
        actor=person("vera"), organisation=person("vera").organisation, name="Värmdö.pdf", data=data
    )
    assert document.status == Document.Status.READ
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.size == len(data)
    assert document.content_type == "application/pdf"
    assert document.method == "text_layer"
    assert default_storage.open(document.file.name).read() == data
    assert document.proposal["municipality"] == "Värmdö"
    assert AuditEvent.objects.filter(action="document.upload", object_id=str(document.pk)).exists()
