import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from samverkan.accounts.tenancy import get_object_for
from samverkan.documents.models import Document

router = Router(tags=["Dokument"])


class DocumentOut(Schema):
    id: int
    organisation: str | None
    original_name: str
    uploaded_at: dt.datetime
    sha256: str
    size: int
    content_type: str
    format: str
    status: str
    method: str
    pages: int
    pages_done: int
    error: str
    proposal: dict[str, Any] | None

    @staticmethod
    def resolve_organisation(obj: Document) -> str | None:
        return obj.organisation.code if obj.organisation_id else None


@router.get("/{document_id}/", response=DocumentOut, summary="Ett dokument: typ, hash, läsningens förlopp och förslag")
def get_document(request: HttpRequest, document_id: int):
    try:
        return get_object_for(request.user, Document.objects.select_related("organisation"), document_id)
    except PermissionDenied as exc:
        raise HttpError(403, "Du får inte se dokumentet.") from exc
