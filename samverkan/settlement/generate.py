"""Generated price lists and settlements: the example regional schedule from the first generated
month, adopted by every municipality in scope, so every generated service has a price; then every
locked month settled, as the municipalities would have done month by month: a final run per month
(set-based, deterministic), so statements, invoices and the run list have national figures to show."""

from __future__ import annotations

import datetime as dt

from samverkan.core.generation import GenerateContext
from samverkan.exchange.models import MonthLock
from samverkan.organisations.models import Organisation
from samverkan.settlement import pricing, services
from samverkan.settlement.models import Adoption, PriceList, SettlementRun

NAME = "[Genererad] Regional prislista"


def generate(ctx: GenerateContext) -> None:
    if not PriceList.objects.filter(name=NAME).exists():
        _price_list(ctx)
    settled = set(
        SettlementRun.objects.filter(status=SettlementRun.Status.FINAL).values_list("period_start", flat=True)
    )
    months = [m for m in MonthLock.objects.order_by("month").values_list("month", flat=True) if m not in settled]
    for month in ctx.progress(months, total=len(months), desc="avräkningar"):
        services.run_settlement(actor=None, period=f"{month:%Y-%m}", final=True)


def _price_list(ctx: GenerateContext) -> None:
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
