"""Uploaded documents: stored through Django's storage with hash, size and type;
their text is extracted (PDF text layer, OCR for scans, DOCX, plain text), never executed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, is_regional, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.organisations.models import Organisation

EXTENSIONS = {"pdf": "pdf", "docx": "docx", "text": "txt"}


def document_path(instance: Document, filename: str) -> str:
    """Stored by content: the same file uploaded twice is kept once, and no uploaded name reaches the disk."""
    return f"documents/{instance.sha256[:2]}/{instance.sha256}.{EXTENSIONS[instance.format]}"


class DocumentQuerySet(TenantQuerySet["Document"]):
    def visible_to(self, user: Any) -> DocumentQuerySet:
        # Decision documents are public records, but a draft upload is the
        # organisation's own until it is confirmed: the association sees all,
        # the others their own organisation (a municipality also its districts).
        if not getattr(user, "is_authenticated", False) or not getattr(user, "role", ""):
            return self.none()
        if is_regional(user):
            return self
        if user.role not in (Role.MUNICIPAL_COORDINATOR, Role.AUDITOR, Role.STEERING_MEMBER):
            return self.filter(published_at__isnull=False)
        # Once a document is published with a decision, it is a public record like the decision.
        return self.filter(
            Q(organisation_id__in=user.scope_organisation_ids) | Q(uploaded_by=user) | Q(published_at__isnull=False)
        )

    def writable_by(self, user: Any) -> DocumentQuerySet:
        if not may_write(user):
            return self.none()
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR:
            return self
        if getattr(user, "role", None) != Role.MUNICIPAL_COORDINATOR:
            return self.none()
        return self.filter(Q(organisation_id__in=user.scope_organisation_ids) | Q(uploaded_by=user))


class Document(models.Model):
    """One uploaded file and the text read from it."""

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF")
        DOCX = "docx", _("Word (DOCX)")
        TEXT = "text", _("Text")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar på läsning")
        READING = "reading", _("Läses")
        READ = "read", _("Läst")
        REFUSED = "refused", _("Avvisat")

    class Method(models.TextChoices):
        TEXT_LAYER = "text_layer", _("PDF med textlager")
        OCR = "ocr", _("Textigenkänning (OCR)")
        DOCX = "docx", _("Word-dokument")
        PLAIN = "plain", _("Ren text")

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("organisation"),
        help_text=_("Organisationen som laddade upp dokumentet."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uppladdat"), default=timezone.now)
    original_name = models.CharField(_("filnamn"), max_length=255)
    file = models.FileField(_("fil"), upload_to=document_path, max_length=300, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("storlek i byte"))
    content_type = models.CharField(_("filtyp"), max_length=100)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    method = models.CharField(_("hur texten lästes"), max_length=12, choices=Method.choices, blank=True)
    pages = models.PositiveIntegerField(_("sidor"), default=0)
    pages_done = models.PositiveIntegerField(_("lästa sidor"), default=0)
    text = models.TextField(_("text"), blank=True)
    proposal = models.JSONField(_("förslag"), null=True, blank=True, help_text=_("Uppgifterna som lästes ut."))
    error = models.TextField(_("fel"), blank=True)
    read_at = models.DateTimeField(_("läst"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publicerat"),
        null=True,
        blank=True,
        help_text=_("När dokumentet bifogades ett beslut; därefter får alla inloggade läsa det."),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("dokument")
        verbose_name_plural = _("dokument")
        constraints = [
            models.CheckConstraint(
                condition=Q(pages_done__lte=models.F("pages")) | Q(pages=0),
                name="document_progress_within_pages",
                violation_error_message=_("Fler lästa sidor än dokumentet har."),
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def progress_percent(self) -> int:
        if self.status == self.Status.READ:
            return 100
        return round(100 * self.pages_done / self.pages) if self.pages else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.READ, self.Status.REFUSED)
