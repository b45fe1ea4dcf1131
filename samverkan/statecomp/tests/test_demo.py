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
