from __future__ import annotations

from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render

from samverkan.accounts.decorators import role_required
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.documents.models import EXTENSIONS, Document


@role_required()
def document_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    document = get_object_for(request.user, Document.objects.select_related("organisation"), pk)
    return render(request, "documents/document_detail.html", {"document": document})


@role_required()  # type: ignore[arg-type]  # a streamed FileResponse is an HttpResponseBase
def document_download(request: AuthenticatedRequest, pk: int) -> HttpResponseBase:
    document = get_object_for(request.user, Document, pk)
    if not document.file:
        raise Http404
    extension = EXTENSIONS[document.format]
    stem = document.original_name.rsplit(".", 1)[0] or "dokument"
    # Served as an attachment with its sniffed type, never rendered inline by the browser.
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{stem}.{extension}",
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
