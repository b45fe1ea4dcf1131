"""Bodies of the cooperation, their members over time, meetings, agendas, attendance and decisions.

`governance` knows nothing of the action plan: `actionplans` refers to `Decision`
(a decision creates or changes a measure), never the other way round.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.organisations.models import County, Network, Organisation


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", ""))


class GovernanceQuerySet(TenantQuerySet):
    """Governance belongs to the association: everyone logged in reads it, its coordinators change it."""

    def visible_to(self, user: Any) -> GovernanceQuerySet:
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> GovernanceQuerySet:
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR and may_write(user):
            return self
        return self.none()


def _new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Body(models.Model):
    """A body of the cooperation: the steering group, NYIN, the preparatory group, a sub-regional network."""

    class Kind(models.TextChoices):
        STEERING_GROUP = "steering_group", _("Styrgrupp")
        NYIN = "nyin", _("NYIN")
        PREPARATORY_GROUP = "preparatory_group", _("Beredningsgrupp")
        NETWORK = "network", _("Delregionalt nätverk")

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="governance_bodies")
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    reports_to = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="preparing_bodies",
        verbose_name=_("bereder för"),
    )
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("nätverk")
    )
    calendar_token = models.CharField(max_length=64, default=_new_calendar_token, unique=True, editable=False)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["county", "kind", "name"]
        verbose_name = _("organ i samverkan")
        verbose_name_plural = _("organ i samverkan")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "name"],
                name="governance_body_name_unique",
                violation_error_message=_("Det finns redan ett organ med det namnet i länet."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(GovernanceQuerySet):
    def active_on(self, day: dt.date) -> MembershipQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class Membership(models.Model):
    """A person from an organisation in a body, with a position, for a term (from–to)."""

    class Position(models.TextChoices):
        CHAIR = "chair", _("Ordförande")
        SECRETARY = "secretary", _("Sekreterare")
        MEMBER = "member", _("Ledamot")
        CO_OPTED = "co_opted", _("Adjungerad")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person_name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("befattning"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="governance_memberships",
        verbose_name=_("användare"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="governance_memberships", verbose_name=_("organisation")
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("företräder nätverk"),
        help_text=_("Till exempel NYIN:s strateg för Etablering Södertörn."),
    )
    position = models.CharField(_("uppdrag"), max_length=12, choices=Position.choices, default=Position.MEMBER)
    valid_from = models.DateField(_("från"))
    valid_to = models.DateField(_("till"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "valid_from", "person_name"]
        verbose_name = _("ledamotskap")
        verbose_name_plural = _("ledamotskap")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_term_in_order",
                violation_error_message=_("Mandatperioden kan inte sluta innan den börjar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.get_position_display()}), {self.body}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class Meeting(models.Model):
    """A steering-group meeting, the yearly conference, a thematic conference or a seminar."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Möte")
        YEARLY_CONFERENCE = "yearly_conference", _("Årlig konferens för förvaltningschefer")
        THEMATIC_CONFERENCE = "thematic_conference", _("Tematisk konferens")
        SEMINAR = "seminar", _("Seminarium")

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("typ"), max_length=24, choices=Kind.choices, default=Kind.MEETING)
    title = models.CharField(_("rubrik"), max_length=300)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"))
    location = models.CharField(_("plats"), max_length=300, blank=True)
    minutes = models.TextField(_("protokoll"), blank=True)
    minutes_approved_on = models.DateField(_("protokollet justerat"), null=True, blank=True)
    cancelled = models.BooleanField(_("inställt"), default=False)
    # RFC 5545: a stable UID per event, and SEQUENCE raised on every change so calendars update it.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("möte")
        verbose_name_plural = _("möten")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("Mötet kan inte sluta innan det börjar."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.starts_at):%Y-%m-%d}"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    number = models.PositiveIntegerField(_("punkt"))
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("dagordningspunkt")
        verbose_name_plural = _("dagordningspunkter")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique",
                violation_error_message=_("Mötet har redan en punkt med det numret."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Närvarande")
        ABSENT = "absent", _("Frånvarande")
        EXCUSED = "excused", _("Anmält förhinder")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendances")
    status = models.CharField(_("närvaro"), max_length=10, choices=Status.choices, default=Status.PRESENT)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "membership__person_name"]
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="attendance_once_per_meeting",
                violation_error_message=_("Ledamoten är redan registrerad för mötet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.person_name}: {self.get_status_display()}"


class Decision(models.Model):
    """A decision of a meeting (§ n). `actionplans` ties measures to the decisions that shaped them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    number = models.PositiveIntegerField(_("paragraf"))
    text = models.TextField(_("beslut"))
    decided_on = models.DateField(_("beslutsdatum"))
    is_demo = models.BooleanField(_("demodata"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "meeting", "number"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="decision_number_unique_per_meeting",
                violation_error_message=_("Mötet har redan ett beslut med den paragrafen."),
            ),
        ]

    def __str__(self) -> str:
        return f"§ {self.number} {self.meeting.body.short_name or self.meeting.body.name} {self.decided_on.isoformat()}"
