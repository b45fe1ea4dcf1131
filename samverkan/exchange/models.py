"""The county catalogue of services, participants, placements and attendance.

Who sees what (DESIGN.md §2) is decided here, in the querysets' `visible_to`:

- the *home side* of a participant are the case officers, municipal coordinators
  and auditors of the municipality the person lives in (or of the municipality
  that requested a placement, for that placement);
- the *provider side* of a placement are the provider staff and municipal
  coordinators of the municipality whose service it is;
- a person with protected personal data is shown by name only to home-side users
  with `may_see_protected`; everyone else sees the placement code;
- the association (regional coordinators, regional auditors) sees aggregates only.

Settlement and state compensation read `Attendance` and `AttendanceAdjustment`
set-based: payer, provider and quantities are plain columns.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from samverkan.accounts.roles import Role, may_write
from samverkan.accounts.tenancy import TenantQuerySet
from samverkan.core.lookups import InArray
from samverkan.organisations.models import Organisation

# Roles that act for the municipality a person lives in.
HOME_ROLES = (Role.CASE_OFFICER, Role.MUNICIPAL_COORDINATOR, Role.AUDITOR)
# Roles that act for the municipality whose service it is.
PROVIDER_ROLES = (Role.PROVIDER_STAFF, Role.MUNICIPAL_COORDINATOR, Role.AUDITOR)
# Roles that may register and place the municipality's residents.
HOME_WRITERS = (Role.CASE_OFFICER, Role.MUNICIPAL_COORDINATOR)
# Roles that may accept placements and report attendance for the municipality's services.
PROVIDER_WRITERS = (Role.PROVIDER_STAFF, Role.MUNICIPAL_COORDINATOR)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: codes are read aloud and typed


def _role(user: Any) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def _scope(user: Any) -> frozenset[int]:
    return getattr(user, "scope_organisation_ids", frozenset()) if _role(user) else frozenset()


def own_municipality(user: Any) -> Organisation | None:
    """The municipality a user acts for, when the user belongs to one (not a district or the association)."""
    org = getattr(user, "organisation", None) if _role(user) else None
    return org if org is not None and org.kind == Organisation.Kind.MUNICIPALITY else None


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def next_month(day: dt.date) -> dt.date:
    return last_of_month(day) + dt.timedelta(days=1)


def new_code(prefix: str, length: int = 8) -> str:
    # 32 letters: a random byte modulo 32 is uniform, and one call to the OS gives the whole code.
    return prefix + "".join(CODE_ALPHABET[b % 32] for b in secrets.token_bytes(length))


class Category(models.TextChoices):
    SFI = "sfi", _("Svenska för invandrare (sfi)")
    CIVIC_ORIENTATION = "civic_orientation", _("Samhällsorientering")
    LABOUR_MARKET = "labour_market", _("Arbetsmarknadsinsats")
    VALIDATION = "validation", _("Validering av kompetens")
    MOTHER_TONGUE = "mother_tongue", _("Modersmålsundervisning")
    HEALTH = "health", _("Hälsa")
    GUARDIAN_TRAINING = "guardian_training", _("Utbildning för gode män")
    HOUSING_SUPPORT = "housing_support", _("Boendestöd")
    OTHER = "other", _("Annat")


class PriceModel(models.TextChoices):
    MONTH = "month", _("Per inskriven månad (dagsproportionerligt)")
    DAY = "day", _("Per närvarodag")
    HOUR = "hour", _("Per timme")
    COURSE = "course", _("Per kurs")


class ResidenceStatus(models.TextChoices):
    REFUGEE = "refugee", _("Flykting")
    SUBSIDIARY_PROTECTION = "subsidiary_protection", _("Alternativt skyddsbehövande")
    RELATIVE = "relative", _("Anhörig")
    QUOTA_REFUGEE = "quota_refugee", _("Kvotflykting")
    OTHER = "other", _("Annat uppehållstillstånd")


# --- the catalogue -----------------------------------------------------------------------------------


class ServiceQuerySet(TenantQuerySet["Service"]):
    def visible_to(self, user: Any) -> ServiceQuerySet:
        # The catalogue is public: published services to everyone, drafts to the provider's own people.
        scope = _scope(user)
        if _role(user) in (Role.REGIONAL_COORDINATOR,) or (_role(user) == Role.AUDITOR and not scope):
            return self
        if scope:
            return self.filter(Q(published=True) | Q(provider_id__in=scope))
        return self.filter(published=True)

    def writable_by(self, user: Any) -> ServiceQuerySet:
        # A municipality publishes its own services (its coordinators).
        if not may_write(user) or _role(user) != Role.MUNICIPAL_COORDINATOR:
            return self.none()
        return self.filter(provider_id__in=_scope(user))

    def operated_by(self, user: Any) -> ServiceQuerySet:
        """The services whose placements the user handles as provider."""
        if _role(user) not in PROVIDER_ROLES:
            return self.none()
        return self.filter(provider_id__in=_scope(user))

    def published(self) -> ServiceQuerySet:
        return self.filter(published=True)

    def of_own_municipality(self, user: Any) -> ServiceQuerySet:
        """The services of the user's own municipality (published or not): the municipality's own list."""
        return self.visible_to(user).filter(provider_id__in=_scope(user))


class Service(models.Model):
    """An introduction service offered by a municipality (introduktionsinsats)."""

    Category = Category
    PriceModel = PriceModel

    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="services", verbose_name=_("anordnare")
    )
    code = models.SlugField(_("kod"), max_length=40, unique=True, editable=False)
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices)
    price_model = models.CharField(_("prismodell"), max_length=10, choices=PriceModel.choices)
    # Target group
    min_age = models.PositiveSmallIntegerField(_("lägsta ålder"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("högsta ålder"), null=True, blank=True)
    residence_statuses = models.JSONField(
        _("uppehållsstatus"),
        default=list,
        blank=True,
        help_text=_("Tom lista: alla. Annars de statusar insatsen vänder sig till."),
    )
    # Languages as ",sv,ar,so," so that one `contains` filter works on every database.
    languages = models.CharField(_("språk"), max_length=200, blank=True, help_text=_("ISO 639-1-koder."))
    # Place
    address = models.CharField(_("adress"), max_length=200, blank=True)
    postal_code = models.CharField(_("postnummer"), max_length=10, blank=True)
    city = models.CharField(_("ort"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitud"), null=True, blank=True)
    longitude = models.FloatField(_("longitud"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("antal platser"))
    how_to_apply = models.TextField(_("så ansöker du"), blank=True)
    contact_email = models.EmailField(_("e-post"), blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=40, blank=True)
    published = models.BooleanField(_("publicerad"), default=False)
    is_demo = models.BooleanField(_("demodata"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # What full-text search reads (exchange/search.py): name, description, provider, place,
    # category and language names, in Swedish. Kept by save(); bulk inserts call build_search_text().
    search_text = models.TextField(editable=False, blank=True)

    objects = ServiceQuerySet.as_manager()

    # Set on rows of a page by catalogue.annotate_places and the views (not columns).
    free: int
    km: float | None
    language_names: list[str]

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        indexes = [
            models.Index(fields=["published", "category"], name="service_published_category"),
            models.Index(fields=["provider", "published"], name="service_provider_published"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_age__isnull=True) | Q(max_age__isnull=True) | Q(max_age__gte=models.F("min_age")),
                name="service_ages_in_order",
                violation_error_message=_("Högsta ålder får inte vara lägre än lägsta ålder."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="service_capacity_positive",
                violation_error_message=_("En insats har minst en plats."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:
            self.code = new_code("I-", 6)
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self, provider_name: str | None = None) -> str:
        from samverkan.exchange.languages import SWEDISH_NAMES

        with translation.override("sv"):
            category = str(Category(self.category).label) if self.category in Category.values else ""
        if provider_name is None:
            provider_name = (
                Organisation.objects.values_list("name", flat=True).get(pk=self.provider_id) if self.provider_id else ""
            )
        parts = [
            self.name,
            self.description,
            provider_name,
            self.address,
            self.city,
            category,
            " ".join(SWEDISH_NAMES.get(code, code) for code in self.language_list),
        ]
        return "\n".join(part for part in parts if part)

    @property
    def audit_organisation(self) -> Organisation:
        return self.provider

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @staticmethod
    def pack_languages(codes: list[str]) -> str:
        cleaned = sorted({c.strip().lower() for c in codes if c.strip()})
        return f",{','.join(cleaned)}," if cleaned else ""

    def price_on(self, day: dt.date) -> ServicePrice | None:
        for price in self.prices.all():
            if price.valid_from <= day and (price.valid_to is None or price.valid_to >= day):
                return price
        return None


class ServicePrice(models.Model):
    """The provider's price per unit of the service's price model, for a period.

    A placement records the price in force on its start (the home municipality
    commits to it); settlement may apply its own price lists on top.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="prices")
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    amount_ore = models.BigIntegerField(_("pris (öre per enhet)"))

    class Meta:
        ordering = ["service", "valid_from"]
        verbose_name = _("pris")
        verbose_name_plural = _("priser")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "valid_from"],
                name="service_price_unique_start",
                violation_error_message=_("Insatsen har redan ett pris från det datumet."),
            ),
            models.CheckConstraint(
                condition=Q(amount_ore__gte=0),
                name="service_price_not_negative",
                violation_error_message=_("Priset får inte vara negativt."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="service_price_period_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.amount_ore} öre från {self.valid_from}"


class ServiceStart(models.Model):
    """A start date of a service (a course term, an intake)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="starts")
    starts_on = models.DateField(_("startdatum"))
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    note = models.CharField(_("anmärkning"), max_length=200, blank=True)

    class Meta:
        ordering = ["service", "starts_on"]
        verbose_name = _("start")
        verbose_name_plural = _("starter")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "starts_on"],
                name="service_start_unique",
                violation_error_message=_("Insatsen har redan en start det datumet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.starts_on}"


# --- participants --------------------------------------------------------------------------------------


def _home_side(user: Any) -> bool:
    return _role(user) in HOME_ROLES


class ParticipantQuerySet(TenantQuerySet["Participant"]):
    def visible_to(self, user: Any) -> ParticipantQuerySet:
        """The people whose personal data the user may read."""
        role = _role(user)
        scope = _scope(user)
        if not role or not scope:
            return self.none()
        q = Q(pk__in=[])
        if role in HOME_ROLES:
            home = Q(home_municipality_id__in=scope)
            if not getattr(user, "may_see_protected", False):
                home &= Q(protected=False)
            q |= home
        if role in PROVIDER_ROLES:
            # The provider sees people with an active placement in its own services, never protected ones.
            placed = Placement.objects.filter(provider_id__in=scope, status__in=Placement.LIVE).values("participant_id")
            q |= Q(protected=False, pk__in=placed)
        return self.filter(q).filter(erased_at__isnull=True)

    def identifiable_by(self, user: Any) -> ParticipantQuerySet:
        """Whose identity details and full number the user may see: the home side only, never the provider.

        `shows_identity(user, participant)` is the same rule for a row already fetched."""
        if _role(user) not in HOME_ROLES:
            return self.none()
        q = Q(home_municipality_id__in=_scope(user))
        if not getattr(user, "may_see_protected", False):
            q &= Q(protected=False)
        return self.filter(q, erased_at__isnull=True)

    def writable_by(self, user: Any) -> ParticipantQuerySet:
        if not may_write(user) or _role(user) not in HOME_WRITERS:
            return self.none()
        q = Q(home_municipality_id__in=_scope(user))
        if not getattr(user, "may_see_protected", False):
            q &= Q(protected=False)
        return self.filter(q, erased_at__isnull=True)


class Participant(models.Model):
    """A person taking part in introduction services (deltagare).

    The identity number is kept only encrypted (`identity_encrypted`, Fernet with
    IDENTITY_KEYS) and found again through `identity_hash` (HMAC-SHA256 with
    IDENTITY_HASH_KEY). After retention (gallring) the number, the names and the
    birth date are gone; `code` and `birth_year` remain for the statistics.
    """

    ResidenceStatus = ResidenceStatus

    code = models.CharField(_("deltagarkod"), max_length=12, unique=True, editable=False)
    identity_encrypted = models.TextField(editable=False, blank=True)
    identity_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)
    is_coordination_number = models.BooleanField(_("samordningsnummer"), default=False)
    first_name = models.CharField(_("förnamn"), max_length=100, blank=True)
    last_name = models.CharField(_("efternamn"), max_length=100, blank=True)
    birth_date = models.DateField(_("födelsedatum"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("födelseår"), null=True, blank=True)
    home_municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="residents", verbose_name=_("folkbokföringskommun")
    )
    reception_date = models.DateField(_("mottagen i kommunen"))
    residence_status = models.CharField(_("uppehållsstatus"), max_length=30, choices=ResidenceStatus.choices)
    protected = models.BooleanField(
        _("skyddade personuppgifter"),
        default=False,
        help_text=_("Visas bara för behöriga handläggare i folkbokföringskommunen."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    erased_at = models.DateTimeField(_("gallrad"), null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = ParticipantQuerySet.as_manager()

    # Set on rows of a page by the views (not a column).
    identity_shown: bool

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("deltagare")
        verbose_name_plural = _("deltagare")
        indexes = [
            models.Index(fields=["home_municipality", "last_name"], name="participant_home_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False) | Q(identity_hash__isnull=False),
                name="participant_identity_until_erased",
                violation_error_message=_("En deltagare har ett personnummer tills uppgifterna gallrats."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:
            self.code = new_code("D-")
        if self.birth_date and not self.birth_year:
            self.birth_year = self.birth_date.year
        super().save(*args, **kwargs)

    @property
    def audit_organisation(self) -> Organisation:
        return self.home_municipality

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def masked_identity(self) -> str:
        """What lists show: the date of birth and four stars."""
        if self.erased_at or not self.birth_date:
            return "—"
        day = self.birth_date.day + (60 if self.is_coordination_number else 0)
        return f"{self.birth_date:%Y%m}{day:02d}-****"

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - before_birthday

    def municipality_on(self, day: dt.date) -> int | None:
        """The home municipality's id on a day, from the residence history (prefetch `residences`)."""
        for residence in self.residences.all():
            if residence.valid_from <= day and (residence.valid_to is None or residence.valid_to >= day):
                return residence.municipality_id
        return None


class Residence(models.Model):
    """Where a participant lived (folkbokförd) from one date to another."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="residences")
    municipality = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("kommun"))
    valid_from = models.DateField(_("från"))
    valid_to = models.DateField(_("till"), null=True, blank=True)

    class Meta:
        ordering = ["participant", "valid_from"]
        verbose_name = _("folkbokföring")
        verbose_name_plural = _("folkbokföringar")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "valid_from"],
                name="residence_unique_start",
                violation_error_message=_("Personen har redan en folkbokföring från det datumet."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="residence_period_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} i {self.municipality_id} från {self.valid_from}"


class PayerRule(models.Model):
    """Who pays when a person moves during a placement, per service category — recorded as data.

    One row per category; the row with an empty category is the default.
    """

    class Rule(models.TextChoices):
        OLD_TO_END_OF_MONTH = (
            "old_to_end_of_month",
            _("Den gamla kommunen betalar till och med flyttmånaden, den nya från månaden efter"),
        )
        STARTED_STAYS = "started_stays", _("En påbörjad placering stannar hos kommunen som beställde den")
        NEW_FROM_MOVE_MONTH = "new_from_move_month", _("Den nya kommunen betalar från och med flyttmånaden")

    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices, blank=True, unique=True)
    rule = models.CharField(_("regel"), max_length=30, choices=Rule.choices)
    note = models.TextField(_("anmärkning"), blank=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("betalningsregel vid flytt")
        verbose_name_plural = _("betalningsregler vid flytt")

    def __str__(self) -> str:
        return f"{self.get_category_display() or _('standard')}: {self.get_rule_display()}"


def shows_identity(user: Any, participant: Participant) -> bool:
    """Whether the user may see the person's identity details (birth date, masked number, history):
    the home side only, as `Participant.objects.identifiable_by`, for rows already fetched."""
    if participant.erased_at is not None or _role(user) not in HOME_ROLES:
        return False
    if participant.home_municipality_id not in _scope(user):
        return False
    return not participant.protected or getattr(user, "may_see_protected", False)


def shows_person(user: Any, participant: Participant, placement: Placement | None = None) -> bool:
    """Whether the user may see who the person is (name, birth date) — without a query.

    The same rule as the querysets' `visible_to`, for rows already fetched: the
    home side sees its residents (a protected person only with `may_see_protected`);
    the provider side sees the people of live placements in its own services,
    never a protected person. Everyone else sees the placement code.
    """
    if participant.erased_at is not None:
        return False
    role, scope = _role(user), _scope(user)
    if not role or not scope:
        return False
    home = role in HOME_ROLES and (
        participant.home_municipality_id in scope or (placement is not None and placement.home_municipality_id in scope)
    )
    if participant.protected:
        return home and participant.home_municipality_id in scope and getattr(user, "may_see_protected", False)
    if home:
        return True
    return bool(
        placement is not None
        and role in PROVIDER_ROLES
        and placement.provider_id in scope
        and placement.status in Placement.LIVE
    )


# --- placements ----------------------------------------------------------------------------------------


class PlacementQuerySet(TenantQuerySet["Placement"]):
    def visible_to(self, user: Any) -> PlacementQuerySet:
        """Placements of the user's own residents, and placements in the user's own services."""
        role = _role(user)
        scope = _scope(user)
        if not role or not scope:
            return self.none()
        # Each side is selected through its own index and the ids are united: an OR of the
        # sides across the participant join makes the database scan every placement. The
        # united ids are then fetched by primary key (InArray: not a hash join on every row).
        everyone = Placement.objects.order_by()
        parts = []
        if role in HOME_ROLES:
            shown = Q() if getattr(user, "may_see_protected", False) else Q(participant__protected=False)
            # Home-side colleagues without the authorisation do not see protected persons at all.
            parts.append(everyone.filter(shown, home_municipality_id__in=scope).values("pk"))
            parts.append(everyone.filter(shown, participant__home_municipality_id__in=scope).values("pk"))
        if role in PROVIDER_ROLES:
            # The provider sees the placement (with a code instead of a protected person's name).
            parts.append(everyone.filter(provider_id__in=scope).exclude(status=Placement.Status.DECLINED).values("pk"))
        if not parts:
            return self.none()
        return self.filter(InArray(F("pk"), parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]))

    def requested_by(self, user: Any) -> PlacementQuerySet:
        """Placements the user may change as the home municipality (withdraw, move)."""
        if not may_write(user) or _role(user) not in HOME_WRITERS:
            return self.none()
        q = Q(home_municipality_id__in=_scope(user))
        if not getattr(user, "may_see_protected", False):
            q &= Q(participant__protected=False)
        return self.filter(q)

    def provided_by(self, user: Any) -> PlacementQuerySet:
        """Placements the user handles as the provider (accept, decline, end, report attendance)."""
        if not may_write(user) or _role(user) not in PROVIDER_WRITERS:
            return self.none()
        return self.filter(provider_id__in=_scope(user))

    def writable_by(self, user: Any) -> PlacementQuerySet:
        return self.requested_by(user) | self.provided_by(user)

    def overlapping(self, start: dt.date, end: dt.date | None) -> PlacementQuerySet:
        q = Q(end__isnull=True) | Q(end__gte=start)
        if end is not None:
            q &= Q(start__lte=end)
        return self.filter(q)


class Placement(models.Model):
    """A participant's place in a service, requested by the home municipality."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Begärd")
        ACCEPTED = "accepted", _("Antagen")
        DECLINED = "declined", _("Avböjd")
        WITHDRAWN = "withdrawn", _("Återkallad")

    # Statuses that hold (or may come to hold) a place.
    LIVE = (Status.REQUESTED, Status.ACCEPTED)

    code = models.CharField(_("placeringskod"), max_length=12, unique=True, editable=False)
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="placements", verbose_name=_("deltagare")
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="placements", verbose_name=_("insats"))
    home_municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="requested_placements",
        verbose_name=_("beställande kommun"),
        help_text=_("Folkbokföringskommunen när placeringen begärdes."),
    )
    # The provider, copied from the service so that settlement groups by plain columns.
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="provided_placements", verbose_name=_("anordnare")
    )
    start = models.DateField(_("startdatum"))
    end = models.DateField(_("slutdatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    price_ore = models.BigIntegerField(
        _("pris (öre per enhet)"), null=True, blank=True, help_text=_("Priset som gällde när placeringen begärdes.")
    )
    note = models.TextField(_("anmärkning"), blank=True)
    decline_reason = models.TextField(_("skäl"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = PlacementQuerySet.as_manager()

    # Set on rows of a page by the views: whether the reader may see who the person is, and report for it.
    person_shown: bool
    may_report: bool

    class Meta:
        ordering = ["-start", "-id"]
        verbose_name = _("placering")
        verbose_name_plural = _("placeringar")
        indexes = [
            models.Index(fields=["service", "status"], name="placement_service_status"),
            models.Index(fields=["home_municipality", "status"], name="placement_home_status"),
            models.Index(fields=["provider", "status"], name="placement_provider_status"),
            models.Index(fields=["participant", "service"], name="placement_participant_service"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="placement_period_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.code:
            self.code = new_code("P-")
        if not self.provider_id and self.service_id:
            self.provider_id = Service.objects.values_list("provider_id", flat=True).get(pk=self.service_id)
        super().save(*args, **kwargs)

    @property
    def audit_organisation(self) -> Organisation:
        return self.home_municipality

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)

    def days_in_month(self, month: dt.date) -> int:
        """Calendar days of the month within the placement, less interruptions (prefetch `interruptions`)."""
        first, last = first_of_month(month), last_of_month(month)
        start, end = max(first, self.start), min(last, self.end or last)
        if end < start:
            return 0
        days = (end - start).days + 1
        for gap in self.interruptions.all():
            g_start, g_end = max(start, gap.start), min(end, gap.end)
            if g_end >= g_start:
                days -= (g_end - g_start).days + 1
        return max(days, 0)


class Interruption(models.Model):
    """A break in a placement (illness, parental leave …): the days are not enrolled."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="interruptions")
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    reason = models.CharField(_("orsak"), max_length=200, blank=True)

    class Meta:
        ordering = ["placement", "start"]
        verbose_name = _("avbrott")
        verbose_name_plural = _("avbrott")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="interruption_period_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.start}–{self.end}"


# --- attendance ----------------------------------------------------------------------------------------


class AttendanceQuerySet(TenantQuerySet["Attendance"]):
    def visible_to(self, user: Any) -> AttendanceQuerySet:
        return self.filter(placement__in=Placement.objects.visible_to(user).values("pk"))

    def writable_by(self, user: Any) -> AttendanceQuerySet:
        return self.filter(placement__in=Placement.objects.provided_by(user).values("pk"))

    def for_month(self, month: dt.date) -> AttendanceQuerySet:
        return self.filter(month=first_of_month(month))


class Attendance(models.Model):
    """What a placement used in one month, as the provider reported it.

    `days_enrolled` is the calendar days within the placement less interruptions
    (the base of the `month` price model, pro rata); `days_present` and `hours`
    are reported; `course_started` is true in the month the placement started
    (the `course` price model charges once). `payer` is the municipality that
    pays for the month under the move rule, fixed when the month is locked.
    """

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="attendance")
    month = models.DateField(_("månad"), help_text=_("Den första dagen i månaden."))
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("anordnare"))
    payer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("betalare"))
    days_enrolled = models.PositiveSmallIntegerField(_("inskrivna dagar"), default=0)
    days_present = models.PositiveSmallIntegerField(_("närvarodagar"), default=0)
    hours = models.DecimalField(_("timmar"), max_digits=6, decimal_places=2, default=Decimal("0"))
    course_started = models.BooleanField(_("kursstart"), default=False)
    locked = models.BooleanField(_("låst"), default=False)
    note = models.CharField(_("anmärkning"), max_length=200, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reported_at = models.DateTimeField(default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "month"]
        verbose_name = _("närvaro")
        verbose_name_plural = _("närvaro")
        indexes = [
            models.Index(fields=["month", "payer", "provider"], name="attendance_month_payer"),
            models.Index(fields=["month", "locked"], name="attendance_month_locked"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "month"],
                name="attendance_one_row_per_month",
                violation_error_message=_("Närvaron för den månaden är redan rapporterad."),
            ),
            models.CheckConstraint(
                condition=Q(days_present__lte=31) & Q(days_enrolled__lte=31),
                name="attendance_days_in_month",
                violation_error_message=_("En månad har högst 31 dagar."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=744),
                name="attendance_hours_in_month",
                violation_error_message=_("Timmarna måste ligga mellan 0 och 744 (31 dygn)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.month:%Y-%m}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.provider


class AttendanceAdjustmentQuerySet(TenantQuerySet["AttendanceAdjustment"]):
    def visible_to(self, user: Any) -> AttendanceAdjustmentQuerySet:
        return self.filter(placement__in=Placement.objects.visible_to(user).values("pk"))

    def writable_by(self, user: Any) -> AttendanceAdjustmentQuerySet:
        # Adjustments are never changed; corrections add new ones.
        return self.none()


class AttendanceAdjustment(models.Model):
    """A correction of a locked month, carried into the next open period as deltas.

    The locked `Attendance` row never changes; settlement adds these rows in the
    month `carried_to`, priced as the corrected `month`.
    """

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="adjustments")
    month = models.DateField(_("rättad månad"))
    carried_to = models.DateField(_("förs till månad"))
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("anordnare"))
    payer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("betalare"))
    days_enrolled = models.SmallIntegerField(_("inskrivna dagar (ändring)"), default=0)
    days_present = models.SmallIntegerField(_("närvarodagar (ändring)"), default=0)
    hours = models.DecimalField(_("timmar (ändring)"), max_digits=6, decimal_places=2, default=Decimal("0"))
    course_started = models.SmallIntegerField(_("kursstart (ändring)"), default=0)
    locked = models.BooleanField(_("låst"), default=False)
    reason = models.CharField(_("skäl"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = AttendanceAdjustmentQuerySet.as_manager()

    class Meta:
        ordering = ["placement", "month", "created_at"]
        verbose_name = _("rättelse av närvaro")
        verbose_name_plural = _("rättelser av närvaro")
        indexes = [
            models.Index(fields=["carried_to", "payer", "provider"], name="adjustment_carried_payer"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(carried_to__gt=models.F("month")),
                name="adjustment_carried_forward",
                violation_error_message=_("En rättelse förs till en senare månad."),
            ),
            models.CheckConstraint(
                condition=Q(course_started__gte=-1) & Q(course_started__lte=1),
                name="adjustment_course_started_delta",
                violation_error_message=_("Kursstart ändras med högst en."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement} {self.month:%Y-%m} → {self.carried_to:%Y-%m}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.provider


class MonthLock(models.Model):
    """A month used by a settlement: its attendance never changes again."""

    month = models.DateField(_("månad"), unique=True)
    locked_at = models.DateTimeField(default=timezone.now)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("låst månad")
        verbose_name_plural = _("låsta månader")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"


# --- bulk import ---------------------------------------------------------------------------------------


# Named apart from actionplans.ImportJobQuerySet: django-stubs names the manager after the queryset
# class, and two managers of one name confuse the type checker.
class ExchangeImportQuerySet(TenantQuerySet["ImportJob"]):
    def visible_to(self, user: Any) -> ExchangeImportQuerySet:
        # An import holds personal data: only its own municipality's people see it.
        if _role(user) not in (*HOME_ROLES, *PROVIDER_ROLES):
            return self.none()
        return self.filter(organisation_id__in=_scope(user))


class ImportJob(models.Model):
    """A file of placements or attendance, checked whole and saved all or nothing in the background."""

    class Kind(models.TextChoices):
        PLACEMENTS = "placements", _("Placeringar")
        ATTENDANCE = "attendance", _("Närvaro")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Väntar")
        RUNNING = "running", _("Pågår")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Avvisad")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("typ"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    file = models.FileField(_("fil"), upload_to="imports/")
    original_name = models.CharField(_("filnamn"), max_length=255)
    encoding = models.CharField(_("teckenkodning"), max_length=20, blank=True)
    total_rows = models.PositiveIntegerField(_("rader"), default=0)
    processed_rows = models.PositiveIntegerField(_("behandlade rader"), default=0)
    saved_rows = models.PositiveIntegerField(_("sparade rader"), default=0)
    error_count = models.PositiveIntegerField(_("fel"), default=0)
    errors = models.JSONField(_("fel per rad"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExchangeImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("importer")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.original_name}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.organisation

    @property
    def percent(self) -> int:
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
