"""Generated price lists: the example regional schedule from the first generated month, adopted by
every municipality in scope, so every generated service has a price (set-based, deterministic)."""

from __future__ import annotations

import datetime as dt

from samverkan.core.generation import GenerateContext
from samverkan.organisations.models import Organisation
from samverkan.settlement import pricing
from samverkan.settlement.models import Adoption, PriceList

NAME = "[Genererad] Regional prislista"


def generate(ctx: GenerateContext) -> None:
    if PriceList.objects.filter(name=NAME).exists():
        return
    months = ctx.size["months"]
    year = (ctx.today.year * 12 + ctx.today.month - 1 - months - 1) // 12
    start = dt.date(year, 1, 1)
    associations = Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION).order_by("code")
    owner = associations.first()
    if owner is None:
        return
    # One list for the whole set, even nationwide: the example schedule is the same everywhere.
    price_list = pricing.create_price_list(
        actor=None,
        kind=PriceList.Kind.REGIONAL,
        owner=owner,
        name=NAME,
        valid_from=start,
        items=pricing.example_items(),
        is_demo=True,
    )
    ctx.insert(
        Adoption,
        (
            Adoption(municipality=m, price_list=price_list, valid_from=start, decision="[Genererad]", is_demo=True)
            for m in ctx.municipalities()
        ),
        total=len(ctx.municipalities()),
        desc="antaganden av prislistan",
    )
