from __future__ import annotations

import datetime as dt

import pytest

from samverkan.core.demo import DemoContext
from samverkan.organisations.models import Organisation
from samverkan.statecomp import demo
from samverkan.statecomp.compare import compare
from samverkan.statecomp.models import Application, Reception

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_county_years_with_figures_and_a_few_differences(person):
    ctx = DemoContext(today=dt.date(2026, 12, 4))
    ctx.users = {"hanna": person("hanna")}
    demo.load(ctx)
    demo.load(ctx)  # twice changes nothing
    counted = Organisation.objects.filter(scb_code__in=demo.COUNTED)
    assert Reception.objects.filter(is_demo=True).values("municipality").distinct().count() == counted.count()
    results = compare([m.pk for m in counted])
    assert {year for _, year in results} == set(demo.YEARS)
    flagged = [s for s in results.values() if s.flagged]
    assert flagged and len(flagged) < len(results)
    assert all(not k.missing for s in results.values() for k in s.kinds.values())
    assert Application.objects.filter(municipality__scb_code="0126", status="to_apply").count() == 2
    # Huddinge: participants in the exchange, and two differences with persons behind them.
    huddinge = Organisation.objects.get(scb_code="0126")
    years = compare([huddinge.pk])
    assert years[(huddinge.pk, 2022)].participants == 14 and not years[(huddinge.pk, 2022)].flagged
    lump = next(k for k in years[(huddinge.pk, 2023)].rows if k.kind.code == "schablon")
    assert len(lump.flagged_months) == 1 and lump.flagged_months[0].received_count == (
        lump.flagged_months[0].expected_count - 1
    )
    assert years[(huddinge.pk, 2024)].flagged


def test_hanna_sees_the_demo_persons_behind_a_difference_and_cecilia_only_aggregates(person, client_for):
    from django.urls import reverse

    ctx = DemoContext(today=dt.date(2026, 12, 4))
    ctx.users = {"hanna": person("hanna")}
    demo.load(ctx)
    url = reverse("statecomp:municipality_detail", args=["0126"]) + "?ar=2023"
    own = client_for("hanna").get(url).content.decode()
    assert "Mottagna bakom skillnaderna" in own and "-****" in own
    county = client_for("cecilia").get(url).content.decode()
    assert "-****" not in county and "Mottagna bakom skillnaderna" not in county
