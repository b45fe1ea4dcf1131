"""State compensation (statlig ersättning): kinds and rates as sourced data, receptions,
payments received from the state, and applications still to be made.

Money is integer öre. An age group is `age_from`–`age_to` in whole years at the day of
reception; `age_to` empty means "and older".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, is_regional, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.organisations.models import Organisation


def _logged_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "role", ""))


def age_group_label(age_from: int | None, age_to: int | None) -> str:
    """`0–64 år`, `65– år`; empty when the row has no age group."""
    if age_from is None:
        return ""
    return f"{age_from}–{age_to if age_to is not None else ''} år"


class Housing(models.TextChoices):
    """How the person came to the municipality: the initial-cost lump sum depends on it."""

    ALLOCATED = "allocated", _("Anvisad")
    OWN = "own", _("Eget boende")


class ReferenceQuerySet(TenantQuerySet):
    """Kinds and rates are public reference data; only the association's coordinators change them."""

    def visible_to(self, user: Any) -> ReferenceQuerySet:
        return self if _logged_in(user) else self.none()

    def writable_by(self, user: Any) -> ReferenceQuerySet:
        if getattr(user, "role", None) == Role.REGIONAL_COORDINATOR and may_write(user):
            return self
        return self.none()


class CompensationKind(models.Model):
    """A kind of state compensation, e.g. the lump sum per received person."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("benämning"), max_length=200)
    needs_application = models.BooleanField(
        _("kräver ansökan"), default=False, help_text=_("Nej: staten betalar ut utan ansökan.")
    )
    per_person = models.BooleanField(
        _("per mottagen person"), default=True, help_text=_("Beloppet gäller per person efter ålder vid mottagandet.")
    )
    starts_on = models.DateField(_("gäller från"), null=True, blank=True)
    deadline_months = models.PositiveSmallIntegerField(
        _("ansök inom (månader)"),
        null=True,
        blank=True,
        help_text=_("Antal månader efter periodens slut då ansökan senast ska ha kommit in."),
    )
    legal_source = models.TextField(_("källa"))
    order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("ersättningsslag")
        verbose_name_plural = _("ersättningsslag")
        constraints = [
            models.CheckConstraint(
                condition=~Q(legal_source=""),
                name="statecomp_kind_has_source",
                violation_error_message=_("Ange källan för ersättningsslaget."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Rate(models.Model):
    """One amount of one kind: for a year of reception (from `valid_from`), an age group and a condition."""

    class Status(models.TextChoices):
        STATED = "stated", _("Angivet i källan")
        DERIVED = "derived", _("Härlett")
        INFERRED = "inferred", _("Slutsats")
        ENTERED = "entered", _("Inmatat av samordnare")

    kind = models.ForeignKey(CompensationKind, on_delete=models.PROTECT, related_name="rates")
    year = models.PositiveSmallIntegerField(_("mottagningsår"))
    valid_from = models.DateField(_("gäller för mottagna från"))
    age_from = models.PositiveSmallIntegerField(_("ålder från"), default=0)
    age_to = models.PositiveSmallIntegerField(_("ålder till"), null=True, blank=True)
    housing = models.CharField(_("villkor"), max_length=12, choices=Housing.choices, blank=True)
    amount_ore = models.BigIntegerField(_("belopp (öre)"))
    status = models.CharField(_("grund"), max_length=10, choices=Status.choices)
    source = models.TextField(_("källa"))
    note = models.TextField(_("anmärkning"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["kind__order", "year", "valid_from", "housing", "age_from"]
        verbose_name = _("belopp")
        verbose_name_plural = _("belopp")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "valid_from", "housing", "age_from"],
                name="statecomp_rate_unique",
                violation_error_message=_("Det finns redan ett belopp för samma slag, år, villkor och åldersgrupp."),
            ),
            models.CheckConstraint(
                condition=~Q(source=""),
                name="statecomp_rate_has_source",
                violation_error_message=_("Ett belopp måste ha en källa."),
            ),
            models.CheckConstraint(
                condition=Q(amount_ore__gt=0),
                name="statecomp_rate_positive",
                violation_error_message=_("Beloppet måste vara större än noll."),
            ),
            models.CheckConstraint(
                condition=Q(age_to__isnull=True) | Q(age_to__gte=models.F("age_from")),
                name="statecomp_rate_age_in_order",
                violation_error_message=_("Åldersgruppens övre gräns får inte vara lägre än den nedre."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year} {self.age_group}"

    @property
    def age_group(self) -> str:
        return age_group_label(self.age_from, self.age_to)

    def covers(self, age_from: int, age_to: int | None) -> bool:
        """Whether the whole age group `age_from`–`age_to` lies inside this rate's group."""
        if age_from < self.age_from:
            return False
        if self.age_to is None:
            return True
        return age_to is not None and age_to <= self.age_to


class MunicipalQuerySet(TenantQuerySet):
    """Rows of one municipality: its own people read them; the association reads all of them.

    What is shown from them to others is aggregated and suppressed by `statecomp.compare`.
    """

    def visible_to(self, user: Any) -> MunicipalQuerySet:
        if not _logged_in(user):
            return self.none()
        if is_regional(user):
            return self
        if getattr(user, "role", None) == Role.PROVIDER_STAFF:
            return self.none()
        return self.filter(municipality_id__in=user.scope_organisation_ids)

    def writable_by(self, user: Any) -> MunicipalQuerySet:
        role = getattr(user, "role", None)
        if not may_write(user):
            return self.none()
        if role == Role.REGIONAL_COORDINATOR:
            return self
        if role in (Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER):
            return self.filter(municipality_id__in=user.scope_organisation_ids)
        return self.none()

    def may_write_for(self, user: Any, municipality: Organisation) -> bool:
        """Whether `user` may add rows for `municipality` (the same rule as `writable_by`)."""
        role = getattr(user, "role", None)
        if not may_write(user):
            return False
        if role == Role.REGIONAL_COORDINATOR:
            return True
        return (
            role in (Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER) and municipality.pk in user.scope_organisation_ids
        )


class ImportBatch(models.Model):
    """One imported file: receptions per month and age group, or a payment specification."""

    class Kind(models.TextChoices):
        RECEPTIONS = "receptions", _("Mottagna")
        PAYMENTS = "payments", _("Utbetalningsspecifikation")

    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    file_name = models.CharField(_("fil"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rader"), default=0)
    total_ore = models.BigIntegerField(_("summa (öre)"), null=True, blank=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    imported_at = models.DateTimeField(default=timezone.now)

    objects = MunicipalQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("inläst fil")
        verbose_name_plural = _("inlästa filer")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "kind", "sha256"],
                name="statecomp_import_once",
                violation_error_message=_("Filen är redan inläst."),
            ),
        ]

    def __str__(self) -> str:
        return self.file_name

    def audit_organisation(self) -> Organisation:
        return self.municipality


class Reception(models.Model):
    """Persons received by a municipality in a month, in an age group, imported as counts by a
    municipality that keeps no participants here. Participants of the exchange are counted
    from `exchange.Participant` directly (`compare.participant_groups`), never copied here.
    """

    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    month = models.DateField(_("mottagningsmånad"), help_text=_("Den första dagen i månaden."))
    age_from = models.PositiveSmallIntegerField(_("ålder från"))
    age_to = models.PositiveSmallIntegerField(_("ålder till"), null=True, blank=True)
    housing = models.CharField(_("boende"), max_length=12, choices=Housing.choices, blank=True)
    count = models.PositiveIntegerField(_("antal"))
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="receptions")
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = MunicipalQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "month", "age_from"]
        verbose_name = _("mottagande")
        verbose_name_plural = _("mottaganden")
        indexes = [models.Index(fields=["municipality", "month"], name="statecomp_reception_month")]
        constraints = [
            models.CheckConstraint(
                condition=Q(count__gt=0),
                name="statecomp_reception_count_positive",
                violation_error_message=_("Antalet mottagna måste vara minst 1."),
            ),
            models.CheckConstraint(
                condition=Q(age_to__isnull=True) | Q(age_to__gte=models.F("age_from")),
                name="statecomp_reception_age_in_order",
                violation_error_message=_("Åldersgruppens övre gräns får inte vara lägre än den nedre."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.month:%Y-%m} {self.age_group}: {self.count}"

    @property
    def age_group(self) -> str:
        return age_group_label(self.age_from, self.age_to)

    def audit_organisation(self) -> Organisation:
        return self.municipality


class Payment(models.Model):
    """Money received from the state: entered by hand or one line of a payment specification."""

    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(CompensationKind, on_delete=models.PROTECT, related_name="payments")
    year = models.PositiveSmallIntegerField(_("mottagningsår"))
    month = models.DateField(_("mottagningsmånad"), null=True, blank=True)
    age_from = models.PositiveSmallIntegerField(_("ålder från"), null=True, blank=True)
    age_to = models.PositiveSmallIntegerField(_("ålder till"), null=True, blank=True)
    housing = models.CharField(_("boende"), max_length=12, choices=Housing.choices, blank=True)
    count = models.PositiveIntegerField(_("antal personer"), null=True, blank=True)
    amount_ore = models.BigIntegerField(_("belopp (öre)"))
    paid_on = models.DateField(_("utbetald"))
    reference = models.CharField(_("referens"), max_length=100, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="payments")
    # When the state's specification names the person (identity number), the participant it is for:
    # a difference is then explained by exactly the persons not paid for.
    participant = models.ForeignKey(
        "exchange.Participant", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = MunicipalQuerySet.as_manager()

    class Meta:
        ordering = ["municipality", "-paid_on", "id"]
        verbose_name = _("utbetalning")
        verbose_name_plural = _("utbetalningar")
        indexes = [models.Index(fields=["municipality", "year"], name="statecomp_payment_year")]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_from__isnull=True, age_to__isnull=True) | Q(age_from__isnull=False),
                name="statecomp_payment_age_group",
                violation_error_message=_("En åldersgrupp behöver en nedre gräns."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.kind} {self.year}: {self.amount_ore}"

    @property
    def age_group(self) -> str:
        return age_group_label(self.age_from, self.age_to)

    def audit_organisation(self) -> Organisation:
        return self.municipality


class Application(models.Model):
    """A compensation the municipality must apply for, for a period, with its deadline."""

    class Status(models.TextChoices):
        TO_APPLY = "to_apply", _("Att söka")
        APPLIED = "applied", _("Ansökt")
        DECIDED = "decided", _("Beslutad")
        LAPSED = "lapsed", _("Förfallen")

    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(CompensationKind, on_delete=models.PROTECT, related_name="applications")
    period_start = models.DateField(_("period från"))
    period_end = models.DateField(_("period till"))
    deadline = models.DateField(_("sista dag att ansöka"))
    amount_ore = models.BigIntegerField(_("beräknat belopp (öre)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.TO_APPLY)
    applied_on = models.DateField(_("ansökt"), null=True, blank=True)
    reference = models.CharField(_("ärendenummer"), max_length=100, blank=True)
    note = models.TextField(_("anmärkning"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = MunicipalQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "municipality__name", "id"]
        verbose_name = _("ansökan")
        verbose_name_plural = _("ansökningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="statecomp_application_period_in_order",
                violation_error_message=_("Perioden kan inte sluta innan den börjar."),
            ),
            models.CheckConstraint(
                condition=~Q(status="applied") | Q(applied_on__isnull=False),
                name="statecomp_application_applied_has_date",
                violation_error_message=_("En inskickad ansökan måste ha ett datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}, {self.municipality}, {self.period_start}–{self.period_end}"

    def audit_organisation(self) -> Organisation:
        return self.municipality

    def is_late(self, today: dt.date) -> bool:
        return self.status == self.Status.TO_APPLY and today > self.deadline

    def days_left(self, today: dt.date) -> int:
        return (self.deadline - today).days


# Roles of a municipality that see its people behind the figures (DESIGN.md §2): not provider staff,
# who see only participants placed in their own services, nor steering-group members.
PERSONAL_DATA_ROLES = (Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER, Role.AUDITOR)


def sees_own_figures(user: Any, municipality: Organisation) -> bool:
    """The municipality's own people see its figures unsuppressed; everyone else sees aggregates."""
    return (
        _logged_in(user)
        and not is_regional(user)
        and getattr(user, "role", None) != Role.PROVIDER_STAFF
        and municipality.pk in user.scope_organisation_ids
    )


def sees_own_people(user: Any, municipality: Organisation) -> bool:
    """Whether the persons behind a difference may be shown (each showing is audited)."""
    return sees_own_figures(user, municipality) and getattr(user, "role", None) in PERSONAL_DATA_ROLES
