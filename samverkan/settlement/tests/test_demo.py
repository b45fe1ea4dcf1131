"""The demo's price lists price every exchange service for the last two years."""

from __future__ import annotations

import datetime as dt

from samverkan.core.demo import DemoContext
from samverkan.settlement import demo
from samverkan.settlement.models import AccountMapping, Adoption, PriceList


def test_the_demo_loads_a_regional_list_uplifted_twice_and_adopted_by_every_municipality(db, person):
    ctx = DemoContext(today=dt.date(2026, 12, 4), users={"cecilia": person("cecilia")})
    demo.load(ctx)
    lists = list(PriceList.objects.filter(is_demo=True).order_by("valid_from"))
    assert [(pl.valid_from, pl.valid_to) for pl in lists] == [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 1, 1), None),
    ]
    sfi = [pl.items.get(category="sfi", price_model="month").price_ore for pl in lists]
    assert sfi == [850000, 875500, 897388]  # + 3 %, then + 2.5 % (897 387,5 → even)
    assert Adoption.objects.filter(price_list=lists[-1]).count() == 26
    assert AccountMapping.objects.get(municipality__code="0126").cost_account == "4590"
    demo.load(ctx)  # loading twice changes nothing
    assert PriceList.objects.filter(is_demo=True).count() == 3
