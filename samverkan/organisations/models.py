from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from samverkan.lib.identity import is_valid_organisation_number


class County(models.Model):
    """A county (län), e.g. `01` Stockholms län."""

    code = models.CharField(_("länskod"), max_length=2, unique=True)
    name = models.CharField(_("namn"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def visible_to(self, user: Any) -> OrganisationQuerySet:
        # Organisations are public reference data: everyone may see them.
        return self

    def municipalities(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.MUNICIPALITY)

    def districts(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.DISTRICT)

    def active_on(self, day: dt.date) -> OrganisationQuerySet:
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def in_county(self, county: County | str) -> OrganisationQuerySet:
        code = county.code if isinstance(county, County) else county
        return self.filter(county__code=code)


class Organisation(models.Model):
    """A municipality, a district, the association, or a state or regional actor."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommun")
        DISTRICT = "district", _("Stadsdelsnämnd")
        ASSOCIATION = "association", _("Kommunförbund")
        STATE_AGENCY = "state_agency", _("Statlig myndighet")
        REGION = "region", _("Region")

    code = models.SlugField(
        _("kod"), max_length=60, unique=True, help_text=_("Kommunkoden för en kommun, annars en kort stabil kod.")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200, help_text=_("Det namn som gäller i dag."))
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    scb_code = models.CharField(_("kommunkod"), max_length=4, unique=True, null=True, blank=True)
    organisation_number = models.CharField(_("organisationsnummer"), max_length=11, blank=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, null=True, blank=True, related_name="organisations", verbose_name=_("län")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("hör till")
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("efterträdare"),
    )
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    geometry = models.JSONField(_("geometri"), null=True, blank=True, editable=False)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    source = models.TextField(_("källa"), blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="municipality", scb_code__isnull=False) | ~Q(kind="municipality"),
                name="municipality_has_scb_code",
                violation_error_message=_("En kommun måste ha en kommunkod."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_validity_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.organisation_number and not is_valid_organisation_number(self.organisation_number):
            raise ValidationError({"organisation_number": _("Organisationsnumret har fel kontrollsiffra.")})
        if self.kind == self.Kind.DISTRICT and not self.parent_id:
            raise ValidationError({"parent": _("En stadsdelsnämnd måste höra till en kommun.")})

    @property
    def is_municipality(self) -> bool:
        return self.kind == self.Kind.MUNICIPALITY

    @property
    def municipality(self) -> Organisation | None:
        """The municipality this organisation is, or belongs to."""
        if self.kind == self.Kind.MUNICIPALITY:
            return self
        if self.kind == self.Kind.DISTRICT:
            return self.parent
        return None

    @property
    def peppol_id(self) -> str:
        """PEPPOL participant id, scheme 0007 (Swedish organisation number)."""
        digits = self.organisation_number.replace("-", "")
        return f"0007:{digits}" if digits else ""

    def name_on(self, day: dt.date) -> str:
        """The name the organisation had on a given day."""
        for entry in self.names.all():
            if (entry.valid_from is None or entry.valid_from <= day) and (
                entry.valid_to is None or entry.valid_to >= day
            ):
                return entry.name
        return self.name

    def is_active_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or self.valid_to >= day)


class OrganisationName(models.Model):
    """A name an organisation carried during a period (KSL, Stockholms läns landsting …)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    source = models.TextField(_("källa"), blank=True)

    class Meta:
        ordering = ["organisation", models.F("valid_from").asc(nulls_first=True)]
        verbose_name = _("namn under en period")
        verbose_name_plural = _("namn under perioder")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="organisation_name_unique",
                violation_error_message=_("Namnet finns redan för organisationen."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """A sub-regional cooperation of municipalities (Etablering Södertörn, Koordination Norrort)."""

    code = models.SlugField(_("kod"), max_length=60, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    short_name = models.CharField(_("kortnamn"), max_length=60, blank=True)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="networks")
    source = models.TextField(_("källa"), blank=True)
    members = models.ManyToManyField(Organisation, through="NetworkMembership", related_name="networks")

    class Meta:
        ordering = ["name"]
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")

    def __str__(self) -> str:
        return self.name


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="network_memberships")
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)

    class Meta:
        ordering = ["network", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "valid_from"],
                name="network_membership_unique",
                violation_error_message=_("Kommunen är redan med i nätverket från det datumet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} i {self.network}"


class Body(models.Model):
    """A body of an organisation: council, executive board, committee, district committee …"""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Kommunfullmäktige")
        EXECUTIVE_BOARD = "executive_board", _("Kommunstyrelse")
        COMMITTEE = "committee", _("Nämnd")
        DISTRICT_COMMITTEE = "district_committee", _("Stadsdelsnämnd")
        ADMINISTRATION = "administration", _("Förvaltning")
        BOARD = "board", _("Styrelse")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="bodies")
    kind = models.CharField(_("typ"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("namn"), max_length=200)
    valid_from = models.DateField(_("gäller från"), null=True, blank=True)
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    source = models.TextField(_("källa"), blank=True)

    class Meta:
        ordering = ["organisation__name", "kind", "name"]
        verbose_name = _("organ")
        verbose_name_plural = _("organ")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="body_name_unique_per_organisation",
                violation_error_message=_("Organisationen har redan ett organ med det namnet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.organisation}"
