"""Receiving, storing and reading documents.

`receive` checks an upload completely before anything is written: size, type
sniffed from the bytes, encryption, damage, emptiness. A file with a text layer
(or DOCX, or text) is read at once, and a document about something else than the
agreement is refused with nothing saved. A scan, or a long PDF, is stored and
read by a background task (`tasks.read_document`) that records its progress page
by page; if that reading refuses the document, its file is deleted and only the
refusal (name, hash, reason) is kept, so the officer sees why.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.audit.services import record
from samverkan.documents import extraction
from samverkan.documents.extraction import UnreadableDocument
from samverkan.documents.models import Document, document_path
from samverkan.documents.reading import DecisionReading, read_decision
from samverkan.organisations.models import Organisation

# PDFs with more pages than this are read in the background even with a text layer.
SYNCHRONOUS_PAGE_LIMIT = 40


def not_about_agreement_message() -> str:
    return _(
        "Dokumentet verkar inte handla om överenskommelsen om samverkan kring nyanlända: det nämner varken "
        "överenskommelsen eller nyanlända, introduktion eller mottagande. Kontrollera att du valt rätt fil."
    )


def receive(*, actor: Any, organisation: Organisation | None, name: str, data: bytes) -> Document:
    """Check an upload and store it; read it now when that is quick, else queue the reading.

    Raises UnreadableDocument (with a Swedish message) and saves nothing when the file is refused.
    """
    sniffed = extraction.sniff(data)
    digest = hashlib.sha256(data).hexdigest()
    if sniffed.needs_ocr or sniffed.pages > SYNCHRONOUS_PAGE_LIMIT:
        if sniffed.needs_ocr:
            problem = extraction.ocr_problem()
            if problem:
                raise UnreadableDocument(
                    _("Dokumentet är inskannat och måste läsas med textigenkänning. %(problem)s") % {"problem": problem}
                )
        document = _store(actor, organisation, name, data, digest, sniffed, Document.Status.QUEUED)
        from samverkan.documents.tasks import read_document

        transaction.on_commit(lambda: read_document.enqueue(document.pk))
        return document
    text = extraction.extract(data, sniffed)
    reading = read_decision(text.text)
    if not reading.about_agreement:
        raise UnreadableDocument(not_about_agreement_message())
    return _store(actor, organisation, name, data, digest, sniffed, Document.Status.READ, text=text, reading=reading)


def _store(
    actor: Any,
    organisation: Organisation | None,
    name: str,
    data: bytes,
    digest: str,
    sniffed: extraction.Sniffed,
    status: str,
    *,
    text: extraction.ExtractedText | None = None,
    reading: DecisionReading | None = None,
) -> Document:
    with transaction.atomic():
        document = Document(
            organisation=organisation,
            uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
            original_name=name[:255] or "dokument",
            sha256=digest,
            size=len(data),
            content_type=sniffed.content_type,
            format=sniffed.format,
            status=status,
            pages=text.pages if text else sniffed.pages,
        )
        if text is not None and reading is not None:
            document.text = text.text
            document.method = text.method
            document.pages_done = document.pages
            document.proposal = reading.as_stored()
            document.read_at = timezone.now()
        # Same content, same name: the storage keeps one copy per hash.
        storage_name = document_path(document, name)
        if default_storage.exists(storage_name):
            document.file.name = storage_name
        else:
            document.file.save(storage_name, ContentFile(data), save=False)
        document.save()
        record(
            actor=actor,
            action="document.upload",
            obj=document,
            after={"name": document.original_name, "sha256": digest, "size": len(data), "type": sniffed.content_type},
        )
    return document


def read_stored(document_id: int) -> Document:
    """Read a stored document (the background task), recording progress page by page."""
    document = Document.objects.get(pk=document_id)
    if document.is_finished:
        return document
    Document.objects.filter(pk=document.pk).update(status=Document.Status.READING, pages_done=0)
    with document.file.open("rb") as handle:
        data = handle.read()

    def progress(done: int, total: int) -> None:
        Document.objects.filter(pk=document.pk).update(pages_done=done, pages=total)

    try:
        sniffed = extraction.sniff(data)
        text = extraction.extract(data, sniffed, progress)
        reading = read_decision(text.text)
        if not reading.about_agreement:
            raise UnreadableDocument(not_about_agreement_message())
    except UnreadableDocument as exc:
        return refuse(document, str(exc))
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        document.text = text.text
        document.method = text.method
        document.pages = text.pages
        document.pages_done = text.pages
        document.proposal = reading.as_stored()
        document.status = Document.Status.READ
        document.read_at = timezone.now()
        document.save()
        record(actor=None, action="document.read", obj=document, after={"method": text.method, "pages": text.pages})
    return document


def publish(document: Document, organisation: Organisation) -> Document:
    """Attach a read document to a decision: it belongs to the deciding organisation and is a public record.

    Called inside the caller's transaction, which writes the audit event of the decision."""
    document.organisation = organisation
    document.published_at = document.published_at or timezone.now()
    document.save(update_fields=["organisation", "published_at"])
    return document


def refuse(document: Document, reason: str) -> Document:
    """A document that turned out unreadable or off-topic: the file goes, the reason stays."""
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        name = document.file.name
        others = Document.objects.filter(file=name).exclude(pk=document.pk).exists()
        document.status = Document.Status.REFUSED
        document.error = reason
        document.text = ""
        document.proposal = None
        document.file.name = ""
        document.save()
        record(actor=None, action="document.refuse", obj=document, after={"reason": reason})
        if name and not others:
            transaction.on_commit(lambda: default_storage.delete(name))
    return document
