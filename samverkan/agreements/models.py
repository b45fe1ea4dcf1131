"""The county agreement in versions, consultation rounds and each organisation's response."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.documents.models import Document
from samverkan.organisations.models import Body, County, Organisation


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", ""))


class AssociationQuerySet(TenantQuerySet):
    """The agreement belongs to the association: everyone logged in reads it, its coordinators change it."""

    def visible_to(self, user: Any) -> AssociationQuerySet:
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> AssociationQuerySet:
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR and may_write(user):
            return self
        return self.none()


class Agreement(models.Model):
    """The county agreement (överenskommelse), e.g. on the reception and introduction of newly arrived people."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("län"))
    title = models.CharField(_("titel"), max_length=300)
    short_title = models.CharField(_("kort titel"), max_length=100, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["county", "title"]
        verbose_name = _("överenskommelse")
        verbose_name_plural = _("överenskommelser")

    def __str__(self) -> str:
        return self.short_title or self.title


class AgreementVersion(models.Model):
    """A version of the agreement. Once sent out for consultation it never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        SENT = "sent", _("Skickad på remiss")

    agreement = models.ForeignKey(Agreement, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("versionsnummer"))
    title = models.CharField(_("benämning"), max_length=300)
    dated = models.DateField(_("daterad"))
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    recommended_on = models.DateField(_("rekommenderad"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    sent_at = models.DateTimeField(_("skickad"), null=True, blank=True)
    source = models.TextField(_("källa"), blank=True)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["agreement", "number"]
        verbose_name = _("version av överenskommelsen")
        verbose_name_plural = _("versioner av överenskommelsen")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="agreement_version_number_unique",
                violation_error_message=_("Överenskommelsen har redan en version med det numret."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement}: {self.title}"

    @property
    def is_locked(self) -> bool:
        return self.status != self.Status.DRAFT


class Paragraph(models.Model):
    """A numbered paragraph (§ 1 …) of one version."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="paragraphs")
    number = models.PositiveIntegerField(_("paragraf"))
    heading = models.CharField(_("rubrik"), max_length=200)
    text = models.TextField(_("text"))
    is_demo_text = models.BooleanField(
        _("demotext"), default=False, help_text=_("Texten är påhittad för demonstrationen; den riktiga är inte känd.")
    )

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("paragraf")
        verbose_name_plural = _("paragrafer")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "number"],
                name="paragraph_number_unique_per_version",
                violation_error_message=_("Versionen har redan en paragraf med det numret."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="paragraph_number_positive",
                violation_error_message=_("Paragrafnumret börjar på 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.heading}"


class ConsultationRound(models.Model):
    """A version sent to a set of organisations with a deadline (remiss)."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("benämning"), max_length=300)
    sent_on = models.DateField(_("skickad"))
    deadline = models.DateField(_("sista svarsdag"))
    closed_on = models.DateField(_("stängd"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = AssociationQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-id"]
        verbose_name = _("remissomgång")
        verbose_name_plural = _("remissomgångar")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("sent_on")),
                name="round_deadline_after_sending",
                violation_error_message=_("Sista svarsdag kan inte ligga före dagen då remissen skickades."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("sent_on")),
                name="round_closed_after_sending",
                violation_error_message=_("Remissen kan inte stängas före dagen då den skickades."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class ResponseQuerySet(TenantQuerySet["ConsultationResponse"]):
    def visible_to(self, user: Any) -> ResponseQuerySet:
        # Responses are public decisions without personal data: everyone logged in reads the compilation.
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> ResponseQuerySet:
        if not may_write(user):
            return self.none()
        role = getattr(user, "role", None)
        if role == Role.REGIONAL_COORDINATOR:
            return self
        if role == Role.MUNICIPAL_COORDINATOR:
            # A municipality's coordinator answers for it and its districts; a district's for the district.
            return self.filter(organisation_id__in=user.scope_organisation_ids)
        return self.none()


class ConsultationResponse(models.Model):
    """One organisation's answer in a round: its status, stance, decision path and comments."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Inte besvarad")
        IN_PROGRESS = "in_progress", _("Under beredning")
        ANSWERED = "answered", _("Besvarad")

    class Stance(models.TextChoices):
        SUPPORT = "support", _("Tillstyrker")
        SUPPORT_WITH_COMMENTS = "support_with_comments", _("Tillstyrker med synpunkter")
        CRITICAL = "critical", _("Kritisk")
        NEUTRAL = "neutral", _("Neutral")

    round = models.ForeignKey(ConsultationRound, on_delete=models.PROTECT, related_name="responses")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="consultation_responses")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    stance = models.CharField(_("ställningstagande"), max_length=24, choices=Stance.choices, blank=True)
    summary = models.TextField(_("sammanfattning"), blank=True)
    answered_on = models.DateField(_("besvarad"), null=True, blank=True)
    extended_deadline = models.DateField(_("anstånd till"), null=True, blank=True)
    extension_reason = models.CharField(_("skäl för anstånd"), max_length=300, blank=True)
    extension_granted_on = models.DateField(_("anstånd beviljat"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["round", "organisation__name"]
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "organisation"],
                name="response_one_per_organisation_and_round",
                violation_error_message=_("Organisationen finns redan med i remissomgången."),
            ),
            models.CheckConstraint(
                condition=Q(status="answered", answered_on__isnull=False) | ~Q(status="answered"),
                name="response_answered_has_date",
                violation_error_message=_("Ett besvarat remissvar måste ha ett datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.round}"

    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def deadline(self) -> dt.date:
        return self.extended_deadline or self.round.deadline

    def is_late(self, today: dt.date) -> bool:
        return self.status != self.Status.ANSWERED and today > self.deadline


class ResponsePartQuerySet(TenantQuerySet):
    """Steps and comments are read and written with their response."""

    def visible_to(self, user: Any) -> ResponsePartQuerySet:
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> ResponsePartQuerySet:
        writable = ConsultationResponse.objects.writable_by(user)
        return self.filter(response__in=writable.values("pk"))


class DecisionStep(models.Model):
    """One step of an organisation's decision path: a report, an opinion, a minutes extract, a decision."""

    class Kind(models.TextChoices):
        OFFICIAL_REPORT = "official_report", _("Tjänsteutlåtande")
        CONSULTATION_OPINION = "consultation_opinion", _("Remissyttrande")
        MINUTES_EXTRACT = "minutes_extract", _("Protokollsutdrag")
        PROPOSAL_TO_COUNCIL = "proposal_to_council", _("Förslag till kommunfullmäktige")
        DECISION = "decision", _("Beslut")

    response = models.ForeignKey(ConsultationResponse, on_delete=models.PROTECT, related_name="steps")
    order = models.PositiveIntegerField(_("ordning"), default=1)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("organ")
    )
    body_name = models.CharField(_("organ"), max_length=200, help_text=_("Som det står i dokumentet."))
    kind = models.CharField(_("dokumenttyp"), max_length=24, choices=Kind.choices)
    meeting_date = models.DateField(_("datum"), null=True, blank=True)
    decision_text = models.TextField(_("beslut eller förslag"), blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=60, blank=True)
    case_officer = models.CharField(_("handläggare"), max_length=120, blank=True)
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="decision_steps"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ResponsePartQuerySet.as_manager()

    class Meta:
        ordering = ["response", "order", "id"]
        verbose_name = _("beslutssteg")
        verbose_name_plural = _("beslutssteg")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.body_name}"


class ParagraphComment(models.Model):
    """What an organisation said about one paragraph, with an excerpt of its document."""

    response = models.ForeignKey(ConsultationResponse, on_delete=models.PROTECT, related_name="comments")
    paragraph = models.ForeignKey(Paragraph, on_delete=models.PROTECT, related_name="comments")
    step = models.ForeignKey(DecisionStep, on_delete=models.PROTECT, null=True, blank=True, related_name="comments")
    excerpt = models.TextField(_("utdrag"))
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = ResponsePartQuerySet.as_manager()

    class Meta:
        ordering = ["paragraph__number", "response__organisation__name", "id"]
        verbose_name = _("synpunkt på paragraf")
        verbose_name_plural = _("synpunkter på paragrafer")

    def __str__(self) -> str:
        return f"{self.paragraph}: {self.excerpt[:60]}"
