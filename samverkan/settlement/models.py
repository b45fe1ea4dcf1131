"""Price lists, settlement runs, their pairs and lines, credit notes and account mappings.

Who sees what (DESIGN.md §2):

- price lists are public within the county (they are decisions, not personal data);
- runs and their pairs (who owes whom how much) are seen by every logged-in user of
  the county; they are aggregates between municipalities;
- lines name placements and participants: only the two parties of the pair see them
  (the payer's and the payee's own people), never a third municipality, and not the
  association (which sees aggregates only);
- invoices, the PDF specification and the SIE file: only the parties.
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
from samverkan.exchange.models import Category, PriceModel
from samverkan.organisations.models import Organisation


def _scope(user: Any) -> frozenset[int]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    return getattr(user, "scope_organisation_ids", frozenset())


def _municipality_ids(user: Any) -> frozenset[int]:
    """The municipality the user acts for (a district's people act for their municipality)."""
    org = getattr(user, "organisation", None) if getattr(user, "is_authenticated", False) else None
    if org is None:
        return frozenset()
    municipality = org.municipality
    return frozenset({municipality.pk}) if municipality is not None else frozenset()


def party_ids(user: Any) -> frozenset[int]:
    """The organisations a user may act as a party for in settlement."""
    return _scope(user) | _municipality_ids(user)


# --- price lists ------------------------------------------------------------------------------------------


class PriceListQuerySet(TenantQuerySet["PriceList"]):
    def visible_to(self, user: Any) -> PriceListQuerySet:
        # Price lists are decisions, public to everyone logged in.
        return self if getattr(user, "is_authenticated", False) else self.none()

    def writable_by(self, user: Any) -> PriceListQuerySet:
        if not may_write(user):
            return self.none()
        role = getattr(user, "role", None)
        q = Q(pk__in=[])
        if role == Role.REGIONAL_COORDINATOR:
            q |= Q(kind=PriceList.Kind.REGIONAL)
        if role == Role.MUNICIPAL_COORDINATOR:
            q |= Q(kind=PriceList.Kind.PROVIDER, owner_id__in=party_ids(user))
        return self.filter(q)

    def in_force(self, day: dt.date) -> PriceListQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)


class PriceList(models.Model):
    """Prices for a period: the regional common list, or a provider's own list.

    Periods run from the first of a month to the last of a month, so exactly one
    price is in force for every month of attendance. The lists of one owner follow
    each other without gaps or overlaps (services.create_price_list keeps it so).
    """

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional gemensam prislista")
        PROVIDER = "provider", _("Anordnarens egen prislista")

    kind = models.CharField(_("typ"), max_length=10, choices=Kind.choices)
    owner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="price_lists", verbose_name=_("ägare")
    )
    name = models.CharField(_("namn"), max_length=200)
    valid_from = models.DateField(_("gäller från"))
    valid_to = models.DateField(_("gäller till"), null=True, blank=True)
    uplift_percent = models.DecimalField(
        _("uppräkning i procent"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    uplifted_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("uppräknad från")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = PriceListQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "owner__name", "-valid_from"]
        verbose_name = _("prislista")
        verbose_name_plural = _("prislistor")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="price_list_period_in_order",
                violation_error_message=_("Slutdatum får inte ligga före startdatum."),
            ),
            models.UniqueConstraint(
                fields=["owner", "kind", "valid_from"],
                name="price_list_one_start_per_owner",
                violation_error_message=_("Ägaren har redan en prislista som börjar gälla det datumet."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from.isoformat()}–{self.valid_to.isoformat() if self.valid_to else ''})"

    @property
    def audit_organisation(self) -> Organisation:
        return self.owner


class PriceItem(models.Model):
    """One price: per category and price model in a regional list, per service in a provider's list."""

    price_list = models.ForeignKey(PriceList, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("kategori"), max_length=30, choices=Category.choices, blank=True)
    service = models.ForeignKey(
        "exchange.Service", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("insats")
    )
    price_model = models.CharField(_("prismodell"), max_length=10, choices=PriceModel.choices)
    price_ore = models.BigIntegerField(_("pris (öre per enhet)"))

    class Meta:
        ordering = ["price_list", "category", "price_model", "service"]
        verbose_name = _("pris")
        verbose_name_plural = _("priser")
        constraints = [
            models.CheckConstraint(
                condition=Q(price_ore__gte=0),
                name="price_item_not_negative",
                violation_error_message=_("Priset får inte vara negativt."),
            ),
            models.CheckConstraint(
                condition=(Q(service__isnull=True) & ~Q(category="")) | (Q(service__isnull=False) & Q(category="")),
                name="price_item_category_or_service",
                violation_error_message=_("Ett pris gäller antingen en kategori eller en insats."),
            ),
            models.UniqueConstraint(
                fields=["price_list", "category", "price_model"],
                condition=Q(service__isnull=True),
                name="price_item_one_per_category",
                violation_error_message=_("Prislistan har redan ett pris för den kategorin och prismodellen."),
            ),
            models.UniqueConstraint(
                fields=["price_list", "service"],
                condition=Q(service__isnull=False),
                name="price_item_one_per_service",
                violation_error_message=_("Prislistan har redan ett pris för insatsen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service or self.get_category_display()} {self.get_price_model_display()}: {self.price_ore}"


class AdoptionQuerySet(TenantQuerySet["Adoption"]):
    def visible_to(self, user: Any) -> AdoptionQuerySet:
        return self if getattr(user, "is_authenticated", False) else self.none()

    def writable_by(self, user: Any) -> AdoptionQuerySet:
        if not may_write(user) or getattr(user, "role", None) != Role.MUNICIPAL_COORDINATOR:
            return self.none()
        return self.filter(municipality_id__in=party_ids(user))


class Adoption(models.Model):
    """A municipality's decision to apply the regional list to its own services, from a date."""

    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="price_adoptions", verbose_name=_("kommun")
    )
    price_list = models.ForeignKey(PriceList, on_delete=models.PROTECT, related_name="adoptions")
    valid_from = models.DateField(_("gäller från"))
    decision = models.CharField(_("beslut"), max_length=200, blank=True, help_text=_("Organ, datum och paragraf."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    is_demo = models.BooleanField(_("demodata"), default=False)

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name", "-valid_from"]
        verbose_name = _("antagande av prislista")
        verbose_name_plural = _("antaganden av prislistor")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "price_list"],
                name="adoption_once_per_list",
                violation_error_message=_("Kommunen har redan antagit prislistan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.price_list}"

    @property
    def audit_organisation(self) -> Organisation:
        return self.municipality


# --- settlement runs --------------------------------------------------------------------------------------


class RunQuerySet(TenantQuerySet["SettlementRun"]):
    def visible_to(self, user: Any) -> RunQuerySet:
        return self if getattr(user, "is_authenticated", False) else self.none()

    def writable_by(self, user: Any) -> RunQuerySet:
        if not may_write(user) or getattr(user, "role", None) != Role.REGIONAL_COORDINATOR:
            return self.none()
        return self


class SettlementRun(models.Model):
    """A settlement of one period (a month or a quarter).

    A preliminary run may be computed again as often as wanted; a final run is
    approved by a regional coordinator and never changes. The partial unique
    constraint makes a second final run of the period impossible, even when two
    are started at the same moment.
    """

    class Status(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminär")
        FINAL = "final", _("Slutlig")

    period_start = models.DateField(_("periodens första dag"))
    period_end = models.DateField(_("periodens sista dag"))
    label = models.CharField(_("period"), max_length=10)  # 2026-10 or 2026-K4
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    total_ore = models.BigIntegerField(_("summa (öre)"), default=0)
    line_count = models.PositiveIntegerField(_("rader"), default=0)
    pair_count = models.PositiveIntegerField(_("par"), default=0)
    digest = models.CharField(_("kontrollsumma"), max_length=64, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = RunQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-created_at"]
        verbose_name = _("avräkning")
        verbose_name_plural = _("avräkningar")
        constraints = [
            models.UniqueConstraint(
                fields=["period_start"],
                condition=Q(status="final"),
                name="settlement_one_final_run_per_period",
                violation_error_message=_("Perioden har redan en slutlig avräkning."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="settlement_period_in_order",
                violation_error_message=_("Periodens slut får inte ligga före dess början."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class PairQuerySet(TenantQuerySet["SettlementPair"]):
    def visible_to(self, user: Any) -> PairQuerySet:
        return self if getattr(user, "is_authenticated", False) else self.none()

    def writable_by(self, user: Any) -> PairQuerySet:
        return self.none()

    def of_party(self, user: Any) -> PairQuerySet:
        """Pairs where the user's municipality is payer or payee: the documents are theirs."""
        ids = party_ids(user)
        return self.filter(Q(payer_id__in=ids) | Q(payee_id__in=ids)) if ids else self.none()


class SettlementPair(models.Model):
    """What one municipality (payer: the home municipality) owes another (payee: the provider) in a run."""

    run = models.ForeignKey(SettlementRun, on_delete=models.CASCADE, related_name="pairs")
    payer = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("betalare"))
    payee = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("mottagare"))
    amount_ore = models.BigIntegerField(_("belopp (öre)"))
    line_count = models.PositiveIntegerField(_("rader"))
    # Lines without a price in force; a run with any is refused (and rolled back).
    unpriced_count = models.PositiveIntegerField(default=0)
    # `IKE-<period>-<payee>-<payer>`, the same in the preliminary run and in the final one:
    # approving a run changes no pair (see `invoice_number`).
    number = models.CharField(_("fakturanummer"), max_length=40)

    objects = PairQuerySet.as_manager()

    class Meta:
        ordering = ["run", "payer__name", "payee__name"]
        verbose_name = _("par")
        verbose_name_plural = _("par")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "payer", "payee"],
                name="settlement_pair_once",
                violation_error_message=_("Paret finns redan i avräkningen."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer} → {self.payee}"

    @property
    def is_credit(self) -> bool:
        """A negative amount (adjustments outweigh the period) is sent as a credit note."""
        return self.amount_ore < 0

    @property
    def invoice_number(self) -> str:
        """The number on the invoice: a preliminary run's invoices are drafts, marked `-P`."""
        return self.number if self.run.is_final else f"{self.number}-P"


class LineQuerySet(TenantQuerySet["SettlementLine"]):
    def visible_to(self, user: Any) -> LineQuerySet:
        """Only the parties see lines, and only lines of placements they may see in the exchange."""
        from samverkan.exchange.models import Placement

        ids = party_ids(user)
        if not ids or is_regional(user):
            return self.none()
        return self.filter(Q(payer_id__in=ids) | Q(payee_id__in=ids)).filter(
            placement__in=Placement.objects.visible_to(user).values("pk")
        )

    def writable_by(self, user: Any) -> LineQuerySet:
        return self.none()


class SettlementLine(models.Model):
    """One participant's use of one service in one month, priced; or a carried adjustment."""

    class Source(models.TextChoices):
        ATTENDANCE = "attendance", _("Närvaro")
        ADJUSTMENT = "adjustment", _("Rättelse")

    # Lines are written in bulk by one INSERT … SELECT that reads every referenced row in its
    # joins, so the references hold by construction: beyond the run's, the foreign keys carry
    # neither an index nor a database constraint, each of which costs time on every one of a
    # period's many rows (the (run, payer, payee) index serves every read).
    run = models.ForeignKey(SettlementRun, on_delete=models.CASCADE, related_name="lines", db_index=False)
    payer = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    payee = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    placement = models.ForeignKey(
        "exchange.Placement", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    participant = models.ForeignKey(
        "exchange.Participant", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    service = models.ForeignKey(
        "exchange.Service", on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    month = models.DateField(_("månad"))
    source = models.CharField(_("källa"), max_length=12, choices=Source.choices)
    source_id = models.BigIntegerField()
    price_model = models.CharField(_("prismodell"), max_length=10, choices=PriceModel.choices)
    quantity = models.DecimalField(_("antal"), max_digits=9, decimal_places=2)
    base_quantity = models.PositiveSmallIntegerField(_("per"), default=1)
    # Empty only inside a run that is then refused (attendance without a price): never committed.
    price_item = models.ForeignKey(
        PriceItem, on_delete=models.PROTECT, related_name="+", null=True, db_index=False, db_constraint=False
    )
    price_ore = models.BigIntegerField(_("pris (öre)"))
    amount_ore = models.BigIntegerField(_("belopp (öre)"))

    objects = LineQuerySet.as_manager()

    class Meta:
        ordering = ["run", "payer", "payee", "service", "placement", "month", "source", "source_id"]
        verbose_name = _("rad")
        verbose_name_plural = _("rader")
        indexes = [models.Index(fields=["run", "payer", "payee"], name="settlement_line_pair")]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.month:%Y-%m}: {self.amount_ore}"


class CreditNoteQuerySet(TenantQuerySet["CreditNote"]):
    def visible_to(self, user: Any) -> CreditNoteQuerySet:
        """A credit note is a document of the pair's two parties."""
        ids = party_ids(user)
        if not ids or is_regional(user):
            return self.none()
        return self.filter(Q(pair__payer_id__in=ids) | Q(pair__payee_id__in=ids))

    def writable_by(self, user: Any) -> CreditNoteQuerySet:
        return self.none()


class CreditNote(models.Model):
    """A full credit of one pair's invoice in a final run; the correction follows as adjustments."""

    pair = models.OneToOneField(SettlementPair, on_delete=models.PROTECT, related_name="credit_note")
    number = models.CharField(_("nummer"), max_length=40, unique=True)
    reason = models.CharField(_("skäl"), max_length=300)
    issued_on = models.DateField(_("utfärdad"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = CreditNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "number"]
        verbose_name = _("kreditfaktura")
        verbose_name_plural = _("kreditfakturor")

    def __str__(self) -> str:
        return self.number


class RunJobQuerySet(TenantQuerySet["RunJob"]):
    def visible_to(self, user: Any) -> RunJobQuerySet:
        return self if getattr(user, "is_authenticated", False) else self.none()


class RunJob(models.Model):
    """A settlement started from a page: its progress while it computes in the background.

    The run itself is written in one transaction at the end; a job that died half-way
    has left no run behind and is simply started again.
    """

    class State(models.TextChoices):
        WAITING = "waiting", _("Väntar")
        CHECKING = "checking", _("Kontrollerar underlaget")
        COMPUTING = "computing", _("Beräknar")
        DONE = "done", _("Klar")
        REFUSED = "refused", _("Avvisad")

    period = models.CharField(_("period"), max_length=10)
    final = models.BooleanField(_("slutlig"), default=False)
    state = models.CharField(_("läge"), max_length=10, choices=State.choices, default=State.WAITING)
    problems = models.JSONField(_("att åtgärda"), default=list, blank=True)
    run = models.ForeignKey(SettlementRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = RunJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("avräkningsjobb")
        verbose_name_plural = _("avräkningsjobb")

    def __str__(self) -> str:
        return f"{self.period} {self.state}"

    @property
    def step(self) -> int:
        return {"waiting": 0, "checking": 1, "computing": 2, "done": 3, "refused": 3}[self.state]


# --- accounting ----------------------------------------------------------------------------------------------


class AccountMappingQuerySet(TenantQuerySet["AccountMapping"]):
    def visible_to(self, user: Any) -> AccountMappingQuerySet:
        ids = party_ids(user)
        return self.filter(municipality_id__in=ids) if ids else self.none()

    def writable_by(self, user: Any) -> AccountMappingQuerySet:
        if not may_write(user) or getattr(user, "role", None) != Role.MUNICIPAL_COORDINATOR:
            return self.none()
        return self.visible_to(user)


class AccountMapping(models.Model):
    """Which accounts of a municipality's own ledger the SIE export posts to.

    The defaults follow the municipal chart of accounts (Kommun-Bas) as commonly used;
    each municipality sets its own.
    """

    DEFAULTS = {
        "receivable_account": "1510",
        "revenue_account": "3430",
        "cost_account": "4510",
        "payable_account": "2510",
        "voucher_series": "I",
        "cost_centre": "",
        "buyer_reference": "",
    }

    municipality = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="account_mapping", verbose_name=_("kommun")
    )
    receivable_account = models.CharField(_("kundfordringar"), max_length=10, default="1510")
    revenue_account = models.CharField(_("intäkter från andra kommuner"), max_length=10, default="3430")
    cost_account = models.CharField(_("köp från andra kommuner"), max_length=10, default="4510")
    payable_account = models.CharField(_("leverantörsskulder"), max_length=10, default="2510")
    voucher_series = models.CharField(_("verifikationsserie"), max_length=4, default="I")
    cost_centre = models.CharField(_("ansvar/kostnadsställe"), max_length=20, blank=True)
    buyer_reference = models.CharField(
        _("köparens referens"), max_length=60, blank=True, help_text=_("Står som referens på fakturor till kommunen.")
    )

    objects = AccountMappingQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontering")
        verbose_name_plural = _("konteringar")

    def __str__(self) -> str:
        return str(self.municipality)

    @property
    def audit_organisation(self) -> Organisation:
        return self.municipality
