"""Price lists: create, adopt, uplift. Each operation is atomic and audited.

Periods run from the first of a month to the last of a month. The lists of one
owner (the association's regional lists; one municipality's own lists) follow each
other without a gap or an overlap: a new list starts the day after the previous one
ends, and an open-ended previous list is closed the day before the new one starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from samverkan.audit.services import record, snapshot
from samverkan.exchange.models import Service
from samverkan.lib.money import round_ore
from samverkan.organisations.models import Organisation
from samverkan.settlement.models import Adoption, PriceItem, PriceList


class PriceListError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class ItemInput:
    price_model: str
    price_ore: int
    category: str = ""
    service: Service | None = None


def _last_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _check_period(valid_from: dt.date, valid_to: dt.date | None) -> None:
    if valid_from.day != 1:
        raise PriceListError(_("En prislista börjar gälla den första dagen i en månad."), "valid_from")
    if valid_to is not None:
        if valid_to < valid_from:
            raise PriceListError(_("Slutdatum får inte ligga före startdatum."), "valid_to")
        if valid_to != _last_of_month(valid_to):
            raise PriceListError(_("En prislista slutar gälla den sista dagen i en månad."), "valid_to")


def _fit_in_sequence(owner: Organisation, kind: str, valid_from: dt.date, valid_to: dt.date | None) -> None:
    """Refuse a gap or an overlap with the owner's other lists; close an open-ended predecessor."""
    lists = PriceList.objects.filter(owner=owner, kind=kind)
    later = lists.filter(valid_from__gte=valid_from).order_by("valid_from").first()
    if later is not None:
        raise PriceListError(
            _("%(owner)s har redan en prislista från %(day)s. En ny prislista läggs efter den senaste.")
            % {"owner": owner.name, "day": later.valid_from.isoformat()},
            "valid_from",
        )
    previous = lists.order_by("-valid_from").first()
    if previous is None:
        return
    day_before = valid_from - dt.timedelta(days=1)
    if previous.valid_to is None:
        previous.valid_to = day_before
        previous.save(update_fields=["valid_to"])
    elif previous.valid_to > day_before:
        raise PriceListError(
            _("Prislistan överlappar %(name)s, som gäller till %(day)s.")
            % {"name": previous.name, "day": previous.valid_to.isoformat()},
            "valid_from",
        )
    elif previous.valid_to < day_before:
        raise PriceListError(
            _("Det blir ett glapp mellan %(end)s och %(start)s utan prislista. Låt den nya gälla från %(next)s.")
            % {
                "end": previous.valid_to.isoformat(),
                "start": valid_from.isoformat(),
                "next": (previous.valid_to + dt.timedelta(days=1)).isoformat(),
            },
            "valid_from",
        )


def _check_items(kind: str, owner: Organisation, items: list[ItemInput]) -> None:
    seen: set[tuple[str, Any]] = set()
    for item in items:
        if item.price_ore < 0:
            raise PriceListError(_("Priset får inte vara negativt."), "items")
        if kind == PriceList.Kind.REGIONAL:
            if item.service is not None or not item.category:
                raise PriceListError(_("Den regionala prislistan sätter pris per kategori och prismodell."), "items")
            key: tuple[str, Any] = (item.category, item.price_model)
        else:
            if item.service is None:
                raise PriceListError(_("Anordnarens egen prislista sätter pris per insats."), "items")
            if item.service.provider_id != owner.pk:
                raise PriceListError(
                    _("%(service)s är inte %(owner)s insats.") % {"service": item.service.name, "owner": owner.name},
                    "items",
                )
            if item.price_model != item.service.price_model:
                raise PriceListError(
                    _("%(service)s prissätts %(model)s.")
                    % {"service": item.service.name, "model": item.service.get_price_model_display().lower()},
                    "items",
                )
            key = ("service", item.service.pk)
        if key in seen:
            raise PriceListError(_("Samma pris finns två gånger i listan."), "items")
        seen.add(key)


def create_price_list(
    *,
    actor: Any,
    kind: str,
    owner: Organisation,
    name: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    items: Iterable[ItemInput] = (),
    is_demo: bool = False,
) -> PriceList:
    items = list(items)
    _check_period(valid_from, valid_to)
    if kind == PriceList.Kind.REGIONAL and owner.kind != Organisation.Kind.ASSOCIATION:
        raise PriceListError(_("Den regionala prislistan rekommenderas av kommunförbundet."), "owner")
    if kind == PriceList.Kind.PROVIDER and owner.kind != Organisation.Kind.MUNICIPALITY:
        raise PriceListError(_("En egen prislista hör till en kommun som anordnar insatser."), "owner")
    _check_items(kind, owner, items)
    with transaction.atomic():
        # Two coordinators adding lists for one owner at once would both see the same predecessor.
        Organisation.objects.select_for_update().get(pk=owner.pk)
        _fit_in_sequence(owner, kind, valid_from, valid_to)
        price_list = PriceList.objects.create(
            kind=kind,
            owner=owner,
            name=name,
            valid_from=valid_from,
            valid_to=valid_to,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        PriceItem.objects.bulk_create(
            PriceItem(
                price_list=price_list,
                category=i.category if i.service is None else "",
                service=i.service,
                price_model=i.price_model,
                price_ore=i.price_ore,
            )
            for i in items
        )
        record(
            actor=actor,
            action="settlement.price_list.create",
            obj=price_list,
            after={**snapshot(price_list), "items": len(items)},
        )
    return price_list


def uplift(*, actor: Any, price_list: PriceList, percent: Decimal, valid_from: dt.date, name: str = "") -> PriceList:
    """The yearly uplift as one action: a new list from `valid_from`, every price × (1 + percent/100).

    Each price is rounded half to even to whole öre (lib/money.round_ore), the one rounding rule.
    """
    if percent <= Decimal(-100):
        raise PriceListError(_("Uppräkningen måste vara större än −100 %."), "percent")
    items = [
        ItemInput(
            price_model=i.price_model,
            price_ore=round_ore(Decimal(i.price_ore) * (Decimal(100) + percent) / Decimal(100)),
            category=i.category,
            service=i.service,
        )
        for i in price_list.items.select_related("service")
    ]
    with transaction.atomic():
        new = create_price_list(
            actor=actor,
            kind=price_list.kind,
            owner=price_list.owner,
            name=name or _("%(name)s, uppräknad %(percent)s %%") % {"name": price_list.name, "percent": percent},
            valid_from=valid_from,
            items=items,
            is_demo=price_list.is_demo,
        )
        new.uplift_percent = percent
        new.uplifted_from = price_list
        new.save(update_fields=["uplift_percent", "uplifted_from"])
        # Municipalities that adopted the old regional list keep the same decision for the new one.
        Adoption.objects.bulk_create(
            Adoption(
                municipality=a.municipality,
                price_list=new,
                valid_from=valid_from,
                decision=a.decision,
                created_by=new.created_by,
                is_demo=a.is_demo,
            )
            for a in price_list.adoptions.select_related("municipality")
        )
        record(
            actor=actor,
            action="settlement.price_list.uplift",
            obj=new,
            after={"from": price_list.pk, "percent": percent, "valid_from": valid_from},
        )
    return new


def adopt(
    *,
    actor: Any,
    municipality: Organisation,
    price_list: PriceList,
    valid_from: dt.date | None = None,
    decision: str = "",
    is_demo: bool = False,
) -> Adoption:
    """A municipality applies the regional list to its own services."""
    if price_list.kind != PriceList.Kind.REGIONAL:
        raise PriceListError(_("Bara den regionala prislistan antas av kommunerna."))
    if municipality.kind != Organisation.Kind.MUNICIPALITY:
        raise PriceListError(_("Prislistan antas av en kommun."))
    start = valid_from or price_list.valid_from
    if start < price_list.valid_from or (price_list.valid_to and start > price_list.valid_to):
        raise PriceListError(_("Antagandet måste gälla inom prislistans period."), "valid_from")
    with transaction.atomic():
        if Adoption.objects.filter(municipality=municipality, price_list=price_list).exists():
            raise PriceListError(
                _("%(municipality)s har redan antagit prislistan.") % {"municipality": municipality.name}
            )
        adoption = Adoption.objects.create(
            municipality=municipality,
            price_list=price_list,
            valid_from=start,
            decision=decision,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        record(actor=actor, action="settlement.price_list.adopt", obj=adoption, after=snapshot(adoption))
    return adoption


# --- the example regional schedule (demo and generated data) --------------------------------------------------

# Invented month prices per category (öre), marked as demo wherever shown; the other price
# models follow from the month price: a day is a twentieth, an hour a hundredth, a course 1.5 months.
EXAMPLE_MONTH_PRICES = {
    "sfi": 850000,
    "civic_orientation": 620000,
    "labour_market": 900000,
    "validation": 1100000,
    "mother_tongue": 480000,
    "health": 750000,
    "guardian_training": 400000,
    "housing_support": 680000,
    "other": 600000,
}


def example_items() -> list[ItemInput]:
    """A regional list with a price for every category and price model, so every service has one."""
    items = []
    for category, month in EXAMPLE_MONTH_PRICES.items():
        items += [
            ItemInput("month", month, category=category),
            ItemInput("day", month // 20, category=category),
            ItemInput("hour", month // 100, category=category),
            ItemInput("course", month * 3 // 2, category=category),
        ]
    return items
