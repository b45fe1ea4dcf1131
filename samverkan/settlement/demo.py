"""Demo price lists (invented prices, marked as demo), adoptions and an account mapping.

The regional list starts two years back and is uplifted once a year, so every month of
the exchange's demo attendance has a price; every municipality of the county adopts it.
The demo leaves the last full month unsettled: a coordinator runs, inspects and approves
it, or `manage.py settle --period <last full month> --final --export DIR` does.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from samverkan.core.demo import DemoContext
from samverkan.organisations.models import Organisation
from samverkan.settlement import pricing
from samverkan.settlement.models import AccountMapping, PriceList


def load(ctx: DemoContext) -> None:
    association = Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION).order_by("code").first()
    if association is None or PriceList.objects.filter(is_demo=True).exists():
        return
    year = ctx.today.year
    cecilia = ctx.users.get("cecilia")
    first = pricing.create_price_list(
        actor=cecilia,
        kind=PriceList.Kind.REGIONAL,
        owner=association,
        name=f"[Demo] Regional prislista {year - 2}",
        valid_from=dt.date(year - 2, 1, 1),
        items=pricing.example_items(),
        is_demo=True,
    )
    county = association.county
    municipalities = Organisation.objects.municipalities()
    if county is not None:
        municipalities = municipalities.in_county(county)
    for municipality in municipalities.order_by("scb_code"):
        pricing.adopt(
            actor=cecilia,
            municipality=municipality,
            price_list=first,
            decision=f"[Demo] Kommunfullmäktige {year - 3}-12-15",
            is_demo=True,
        )
    second = pricing.uplift(
        actor=cecilia,
        price_list=first,
        percent=Decimal("3.0"),
        valid_from=dt.date(year - 1, 1, 1),
        name=f"[Demo] Regional prislista {year - 1}",
    )
    current = pricing.uplift(
        actor=cecilia,
        price_list=second,
        percent=Decimal("2.5"),
        valid_from=dt.date(year, 1, 1),
        name=f"[Demo] Regional prislista {year}",
    )
    ctx.objects["settlement_price_list"] = current
    huddinge = Organisation.objects.filter(code="0126").first()
    if huddinge is not None:
        AccountMapping.objects.get_or_create(
            municipality=huddinge,
            defaults={
                "cost_account": "4590",
                "payable_account": "2440",
                "cost_centre": "7200",
                "buyer_reference": "IKE-SOC",
            },
        )
