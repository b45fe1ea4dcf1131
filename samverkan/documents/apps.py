from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Uploaded documents: storage with hash, size and type, and text extraction (PDF text layer, OCR, DOCX)."""

    name = "samverkan.documents"
    label = "documents"
    verbose_name = _("Dokument")
