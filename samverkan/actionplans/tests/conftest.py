from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@dataclass
class Plan:
    """A small plan: two areas, three measures in housing (one with two children), Huddinge and Botkyrka responsible."""

    plan: Any
    housing: Any
    children_area: Any
    homes: Any
    homes_a: Any
    homes_b: Any
    guidance: Any
    guardians: Any
    round: Any
    decision: Any
    huddinge: Any
    botkyrka: Any


@pytest.fixture
def small_plan(db, person):
    from samverkan.actionplans import services
    from samverkan.governance import services as governance
    from samverkan.governance.models import Body
    from samverkan.organisations.models import County, Organisation

    cecilia = person("cecilia")
    county = County.objects.get(code="01")
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=["0126", "0127", "ksl"])}
    body = Body.objects.create(county=county, kind=Body.Kind.STEERING_GROUP, name="Styrgruppen (test)")
    start = timezone.make_aware(dt.datetime(2013, 3, 14, 9))
    meeting = governance.save_meeting(
        actor=cecilia, body=body, title="Styrgruppsmöte", kind="meeting", starts_at=start, ends_at=start
    )
    decision = governance.record_decision(actor=cecilia, meeting=meeting, text="Handlingsplanen antas.")
    plan = services.create_plan(
        actor=cecilia,
        county=county,
        title="Handlingsplan 2013–2014 (test)",
        period_start=dt.date(2013, 1, 1),
        period_end=dt.date(2014, 12, 31),
        adopted_by=decision,
    )
    housing = services.add_area(actor=cecilia, plan=plan, title="Boende")
    children_area = services.add_area(actor=cecilia, plan=plan, title="Barns situation")
    both = [orgs["0126"], orgs["0127"]]
    homes = services.save_measure(
        actor=cecilia, area=housing, title="Bostäder för nyanlända", responsible=both, decision=decision
    )
    homes_a = services.save_measure(
        actor=cecilia, area=housing, parent=homes, title="Kartlägga", weight=1, responsible=both
    )
    homes_b = services.save_measure(
        actor=cecilia, area=housing, parent=homes, title="Avtal", weight=3, responsible=both
    )
    guidance = services.save_measure(actor=cecilia, area=housing, title="Bostadsvägledning", responsible=[orgs["0126"]])
    guardians = services.save_measure(
        actor=cecilia, area=children_area, title="Utbildning för gode män", responsible=[orgs["ksl"]]
    )
    services.set_subgoal(
        actor=cecilia,
        measure=homes_a,
        indicator="Andel kommuner med kartläggning",
        unit="percent",
        baseline=Decimal(20),
        target=Decimal(80),
        direction="increase",
        aggregation="mean",
    )
    services.set_subgoal(
        actor=cecilia,
        measure=guardians,
        indicator="Utbildade gode män",
        unit="count",
        baseline=Decimal(0),
        target=Decimal(200),
        direction="increase",
        maximum=Decimal(5000),
    )
    round_ = services.open_round(
        actor=cecilia,
        plan=plan,
        title="Uppföljning våren 2013",
        opened_on=dt.date(2013, 5, 2),
        deadline=dt.date(2013, 5, 31),
    )
    return Plan(
        plan,
        housing,
        children_area,
        homes,
        homes_a,
        homes_b,
        guidance,
        guardians,
        round_,
        decision,
        orgs["0126"],
        orgs["0127"],
    )


@pytest.fixture
def demo(db):
    """The demo bodies, meetings and decisions, and the 2013–2014 plan with its two rounds."""
    from samverkan.accounts.models import User
    from samverkan.actionplans import demo as actionplans_demo
    from samverkan.core.demo import DemoContext
    from samverkan.governance import demo as governance_demo

    ctx = DemoContext(today=dt.date(2013, 11, 20))
    ctx.users = {u.username: u for u in User.objects.select_related("organisation")}
    governance_demo.load(ctx)
    actionplans_demo.load(ctx)
    return ctx
