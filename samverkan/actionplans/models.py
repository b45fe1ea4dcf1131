"""Action plans: areas, measures in priority order, sub-goals, follow-up rounds and reports.

A measure refers to the governance decisions that shaped it (`MeasureDecision`);
governance never imports this app.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.governance.models import Decision
from samverkan.organisations.models import County, Organisation


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", ""))


class ClosedRoundError(Exception):
    """A closed follow-up round never changes."""


class PlanQuerySet(TenantQuerySet):
    """Plans belong to the association: everyone logged in follows them, its coordinators change them."""

    def visible_to(self, user: Any) -> PlanQuerySet:
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> PlanQuerySet:
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR and may_write(user):
            return self
        return self.none()


class ActionPlan(models.Model):
    """An action plan (handlingsplan) for a period, decided by the steering group."""

    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField(_("benämning"), max_length=300)
    period_start = models.DateField(_("gäller från"))
    period_end = models.DateField(_("gäller till"))
    adopted_by = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="adopted_plans"
    )
    description = models.TextField(_("beskrivning"), blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("handlingsplan")
        verbose_name_plural = _("handlingsplaner")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="plan_period_in_order",
                violation_error_message=_("Planperioden kan inte sluta innan den börjar."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Area(models.Model):
    """An area of the plan (insatsområde): housing, children's situation, health …"""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="areas")
    rank = models.PositiveIntegerField(_("ordning"))
    title = models.CharField(_("område"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    # Optimistic check for reordering: every change of the order of the area's measures raises it,
    # and a reorder sent from a page showing an older order is refused instead of applied.
    order_version = models.PositiveIntegerField(default=0)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "rank"]
        verbose_name = _("insatsområde")
        verbose_name_plural = _("insatsområden")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "rank"],
                name="area_rank_unique",
                violation_error_message=_("Planen har redan ett område på den platsen."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    """A measure (insats) of the plan, in priority order (`rank`) among its siblings in its area."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="measures")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="measures")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("del av")
    )
    rank = models.PositiveIntegerField(_("prioritet"))
    title = models.CharField(_("insats"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    lead = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_measures",
        verbose_name=_("huvudansvarig"),
    )
    lead_person = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    responsible = models.ManyToManyField(
        Organisation, related_name="measures", blank=True, verbose_name=_("ansvariga organisationer")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("slut"), null=True, blank=True)
    weight = models.PositiveIntegerField(
        _("vikt"), default=1, help_text=_("Hur mycket insatsen väger när framsteget räknas upp till den överordnade.")
    )
    is_demo = models.BooleanField(_("demodata"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["area__rank", "parent_id", "rank"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        constraints = [
            # NULLs are distinct in unique constraints: top-level measures and children get one each.
            models.UniqueConstraint(
                fields=["area", "rank"],
                condition=Q(parent__isnull=True),
                name="measure_rank_unique_in_area",
                violation_error_message=_("Området har redan en insats på den platsen i prioritetsordningen."),
            ),
            models.UniqueConstraint(
                fields=["parent", "rank"],
                condition=Q(parent__isnull=False),
                name="measure_rank_unique_under_parent",
                violation_error_message=_("Insatsen har redan en delinsats på den platsen i prioritetsordningen."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="measure_dates_in_order",
                violation_error_message=_("Insatsen kan inte sluta innan den börjar."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1),
                name="measure_weight_positive",
                violation_error_message=_("Vikten är minst 1."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SubGoal(models.Model):
    """The measurable sub-goal of a measure: indicator, unit, baseline, target and direction.

    A measure has at most one; a measure with several goals is split into child measures.
    """

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Mer är bättre")
        DECREASE = "decrease", _("Mindre är bättre")

    class Unit(models.TextChoices):
        COUNT = "count", _("antal")
        PERCENT = "percent", _("procent")
        DAYS = "days", _("dagar")
        KRONOR = "kronor", _("kronor")

    class Aggregation(models.TextChoices):
        SUM = "sum", _("summa av organisationernas värden")
        MEAN = "mean", _("medelvärde av organisationernas värden")

    measure = models.OneToOneField(Measure, on_delete=models.CASCADE, related_name="subgoal")
    indicator = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("enhet"), max_length=10, choices=Unit.choices)
    baseline = models.DecimalField(_("utgångsvärde"), max_digits=14, decimal_places=2)
    target = models.DecimalField(_("målvärde"), max_digits=14, decimal_places=2)
    direction = models.CharField(_("riktning"), max_length=10, choices=Direction.choices)
    aggregation = models.CharField(_("sammanräkning"), max_length=5, choices=Aggregation.choices, default="sum")
    minimum = models.DecimalField(_("lägsta rimliga värde"), max_digits=14, decimal_places=2, default=0)
    maximum = models.DecimalField(_("högsta rimliga värde"), max_digits=14, decimal_places=2, null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("mätbart delmål")
        verbose_name_plural = _("mätbara delmål")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="increase", target__gt=models.F("baseline"))
                | Q(direction="decrease", target__lt=models.F("baseline")),
                name="subgoal_target_in_direction",
                violation_error_message=_("Målvärdet måste ligga åt det håll som är bättre än utgångsvärdet."),
            ),
            models.CheckConstraint(
                condition=Q(maximum__isnull=True) | Q(maximum__gt=models.F("minimum")),
                name="subgoal_range_in_order",
                violation_error_message=_("Det högsta rimliga värdet måste vara större än det lägsta."),
            ),
        ]

    def __str__(self) -> str:
        return self.indicator

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.unit == self.Unit.PERCENT and self.maximum is None:
            self.maximum = Decimal(100)
        super().save(*args, **kwargs)

    def progress_of(self, value: Decimal | None) -> float | None:
        """How far from baseline to target a value is, 0–100 (clamped)."""
        if value is None:
            return None
        span = self.target - self.baseline
        share = float((value - self.baseline) / span) if span else 0.0
        return max(0.0, min(100.0, share * 100))


class MeasureDecision(models.Model):
    """A governance decision that created or changed a measure, with what it changed."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Inrättade insatsen")
        CHANGED = "changed", _("Ändrade insatsen")

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="decision_links")
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="measure_links")
    kind = models.CharField(_("vad beslutet gjorde"), max_length=8, choices=Kind.choices)
    changes = models.JSONField(_("ändringar"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["decision__decided_on", "id"]
        verbose_name = _("beslut om insats")
        verbose_name_plural = _("beslut om insatser")

    def __str__(self) -> str:
        return f"{self.decision}: {self.get_kind_display()} {self.measure}"


class FollowUpRound(models.Model):
    """A follow-up round (uppföljning): opened by the coordinator, answered per measure, then closed for good."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(_("benämning"), max_length=200)
    opened_on = models.DateField(_("öppnad"))
    deadline = models.DateField(_("sista dag för rapport"))
    closed_on = models.DateField(_("stängd"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "opened_on", "id"]
        verbose_name = _("uppföljningsomgång")
        verbose_name_plural = _("uppföljningsomgångar")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opened_on")),
                name="followup_deadline_after_opening",
                violation_error_message=_("Sista dag för rapport kan inte ligga före dagen då omgången öppnas."),
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="followup_closed_after_opening",
                violation_error_message=_("Omgången kan inte stängas före dagen då den öppnades."),
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(closed_on__isnull=True),
                name="followup_one_open_round_per_plan",
                violation_error_message=_("Planen har redan en öppen uppföljningsomgång."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A closed round is history: once the database holds it closed, it never changes again.
        if self.pk and FollowUpRound.objects.filter(pk=self.pk, closed_on__isnull=False).exists():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte ändras."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self.pk and FollowUpRound.objects.filter(pk=self.pk, closed_on__isnull=False).exists():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte tas bort."))
        return super().delete(*args, **kwargs)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None


class ReportQuerySet(TenantQuerySet["Report"]):
    def visible_to(self, user: Any) -> ReportQuerySet:
        # Follow-up reports are about measures, not people: everyone logged in reads them.
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> ReportQuerySet:
        if not may_write(user):
            return self.none()
        role = getattr(user, "role", None)
        if role == Role.REGIONAL_COORDINATOR:
            return self
        if role == Role.MUNICIPAL_COORDINATOR:
            return self.filter(organisation_id__in=user.scope_organisation_ids)
        return self.none()

    def update(self, **kwargs: Any) -> int:
        if self.filter(round__closed_on__isnull=False).exists():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte ändras."))
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(round__closed_on__isnull=False).exists():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte ändras."))
        return super().delete()


class Report(models.Model):
    """One responsible organisation's report on one measure in one round."""

    class Status(models.TextChoices):
        ON_TRACK = "on_track", _("Enligt plan")
        AT_RISK = "at_risk", _("Risk för avvikelse")
        OFF_TRACK = "off_track", _("Avviker")
        DONE = "done", _("Genomförd")

    round = models.ForeignKey(FollowUpRound, on_delete=models.PROTECT, related_name="reports")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="measure_reports")
    value = models.DecimalField(_("värde"), max_digits=14, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(_("framsteg (procent)"))
    comment = models.TextField(_("kommentar"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("rapporterad"), default=timezone.now)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["round", "measure", "organisation__name"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "measure", "organisation"],
                name="report_one_per_round_measure_organisation",
                violation_error_message=_("Organisationen har redan rapporterat insatsen i den här omgången."),
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0, progress__lte=100),
                name="report_progress_is_percent",
                violation_error_message=_("Framsteget anges i procent, 0–100."),
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(progress=100),
                name="report_done_is_complete",
                violation_error_message=_("En genomförd insats har framsteget 100 procent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.measure} ({self.round})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._round_closed():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte ändras."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        if self._round_closed():
            raise ClosedRoundError(_("Uppföljningsomgången är stängd och kan inte ändras."))
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if self.status == self.Status.DONE and self.progress != 100:
            raise ValidationError({"progress": _("En genomförd insats har framsteget 100 procent.")})

    def audit_organisation(self) -> Organisation:
        return self.organisation

    def _round_closed(self) -> bool:
        return FollowUpRound.objects.filter(pk=self.round_id, closed_on__isnull=False).exists()


class ImportJobQuerySet(TenantQuerySet["ImportJob"]):
    def visible_to(self, user: Any) -> ImportJobQuerySet:
        if not _logged_in(user):
            return self.none()
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR:
            return self
        return self.filter(created_by=user)


class ImportJob(models.Model):
    """A spreadsheet import run in the background, with its errors row by row."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Handlingsplan")
        REPORTS = "reports", _("Rapporter i en uppföljningsomgång")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Väntar")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Inget sparades")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="import_jobs")
    round = models.ForeignKey(
        FollowUpRound, on_delete=models.PROTECT, null=True, blank=True, related_name="import_jobs"
    )
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    errors = models.JSONField(default=list, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
