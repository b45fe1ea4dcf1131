"""Price lists follow each other without gaps or overlaps; the yearly uplift is one action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from samverkan.settlement import pricing, services
from samverkan.settlement.models import PriceList
from samverkan.settlement.pricing import ItemInput, PriceListError


def test_the_yearly_uplift_creates_the_next_list_and_closes_the_current(county, person):
    new = pricing.uplift(
        actor=person("cecilia"), price_list=county.regional, percent=Decimal("2.5"), valid_from=dt.date(2027, 1, 1)
    )
    county.regional.refresh_from_db()
    assert county.regional.valid_to == dt.date(2026, 12, 31)
    prices = dict(new.items.values_list("category", "price_ore"))
    # 8 500 kr × 1,025 = 8 712,50 kr; 450 × 1,025 = 461,25; 520 × 1,025 = 533; 12 000 × 1,025 = 12 300.
    assert prices == {"sfi": 871250, "labour_market": 46125, "civic_orientation": 53300, "validation": 1230000}
    # Every municipality that adopted the old list applies the new one.
    assert set(new.adoptions.values_list("municipality__code", flat=True)) == {"0126", "0127", "0182"}
    assert new.uplifted_from == county.regional and new.uplift_percent == Decimal("2.5")


def test_uplift_rounds_half_to_even_to_whole_ore(county):
    listing = pricing.create_price_list(
        actor=None,
        kind=PriceList.Kind.PROVIDER,
        owner=county.orgs["0182"],
        name="Nacka",
        valid_from=dt.date(2026, 1, 1),
        items=[ItemInput("course", 50, service=county.services["course"])],
    )
    # 50 öre × 1,01 = 50,5 öre → 50 (half to even); 51 öre … not here.
    new = pricing.uplift(actor=None, price_list=listing, percent=Decimal("1"), valid_from=dt.date(2026, 7, 1))
    assert new.items.get().price_ore == 50


def test_a_list_that_leaves_a_gap_or_overlaps_is_refused(county):
    county.botkyrka_list.valid_to = dt.date(2026, 6, 30)
    county.botkyrka_list.save()
    item = [ItemInput("day", 1, service=county.services["practice"])]
    with pytest.raises(PriceListError, match="glapp mellan 2026-06-30 och 2026-09-01"):
        pricing.create_price_list(
            actor=None, kind="provider", owner=county.orgs["0127"], name="x", valid_from=dt.date(2026, 9, 1), items=item
        )
    with pytest.raises(PriceListError, match="överlappar"):
        pricing.create_price_list(
            actor=None, kind="provider", owner=county.orgs["0127"], name="x", valid_from=dt.date(2026, 6, 1), items=item
        )
    with pytest.raises(PriceListError, match="första dagen i en månad"):
        pricing.create_price_list(
            actor=None, kind="provider", owner=county.orgs["0127"], name="x", valid_from=dt.date(2026, 7, 2), items=item
        )
    pricing.create_price_list(
        actor=None, kind="provider", owner=county.orgs["0127"], name="x", valid_from=dt.date(2026, 7, 1), items=item
    )


def test_a_provider_list_prices_only_its_own_services_in_their_price_model(county):
    with pytest.raises(PriceListError, match="inte Nacka"):
        pricing.create_price_list(
            actor=None,
            kind="provider",
            owner=county.orgs["0182"],
            name="x",
            valid_from=dt.date(2027, 1, 1),
            items=[ItemInput("day", 1, service=county.services["practice"])],
        )
    with pytest.raises(PriceListError, match="prissätts"):
        pricing.create_price_list(
            actor=None,
            kind="provider",
            owner=county.orgs["0182"],
            name="x",
            valid_from=dt.date(2027, 1, 1),
            items=[ItemInput("day", 1, service=county.services["course"])],
        )


def test_retention_waits_until_every_month_is_in_a_final_run(county):
    from samverkan.exchange.models import Participant
    from samverkan.settlement.retention import settled_in_final_runs

    everyone = Participant.objects.filter(pk__in=[p.pk for p in county.participants.values()])
    assert list(settled_in_final_runs(everyone)) == []
    services.run_settlement(actor=None, period="2026-09", final=True)
    assert set(settled_in_final_runs(everyone)) == {p.pk for p in county.participants.values()}
