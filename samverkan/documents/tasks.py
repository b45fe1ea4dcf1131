"""Background reading of scanned or long documents (OCR page by page, with progress)."""

from __future__ import annotations

from django_tasks import task


@task()
def read_document(document_id: int) -> str:
    from samverkan.documents.services import read_stored

    return read_stored(document_id).status
