"""Generated action plans for every county in scope, of the size a real plan has: six areas of eight
measures (two of them with three child measures), three to eight responsible municipalities per
measure, sub-goals, four follow-up rounds (three closed) and the reports of each, some missing.
Set-based (`ctx.insert`), every choice from `ctx.rng`, and run once per county."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from samverkan.actionplans.models import ActionPlan, Area, FollowUpRound, Measure, MeasureDecision, Report, SubGoal
from samverkan.core.generation import GenerateContext
from samverkan.governance.models import Decision
from samverkan.organisations.models import County, Organisation

PREFIX = "[Genererad]"
AREAS = [
    "Uppföljning av etableringsreformen",
    "Barns situation inklusive utbildning",
    "Boende",
    "Samverkan med externa aktörer",
    "Hälsa",
    "Utbildning och arbetsmarknad för vuxna",
]
MEASURES_PER_AREA = 8
PARENTS_PER_AREA = 2
CHILDREN = 3
ROUNDS = [
    (dt.date(2013, 4, 2), dt.date(2013, 4, 30), dt.date(2013, 5, 10)),
    (dt.date(2013, 8, 19), dt.date(2013, 9, 6), dt.date(2013, 9, 12)),
    (dt.date(2014, 2, 3), dt.date(2014, 2, 28), dt.date(2014, 3, 7)),
    (dt.date(2014, 8, 18), dt.date(2014, 9, 5), None),
]
STATUSES = ["on_track", "on_track", "on_track", "at_risk", "off_track", "done"]


def plan_title(county: County) -> str:
    return f"{PREFIX} Handlingsplan 2013–2014, {county.name}"


def generate(ctx: GenerateContext) -> None:
    rng = ctx.rng
    by_county: dict[int, list[Organisation]] = defaultdict(list)
    for m in ctx.municipalities():
        by_county[m.county_id].append(m)
    done = set(ActionPlan.objects.filter(title__startswith=PREFIX).values_list("county_id", flat=True))
    counties = [c for c in County.objects.filter(pk__in=by_county).order_by("code") if c.pk not in done]
    if not counties:
        return
    adopted = {
        d.meeting.body.county_id: d
        for d in Decision.objects.filter(meeting__body__name__startswith=PREFIX, number=1)
        .select_related("meeting__body")
        .order_by("-decided_on")
    }
    plans = ctx.insert(
        ActionPlan,
        (
            ActionPlan(
                county=c,
                title=plan_title(c),
                period_start=dt.date(2013, 1, 1),
                period_end=dt.date(2014, 12, 31),
                adopted_by=adopted.get(c.pk),
                is_demo=True,
            )
            for c in counties
        ),
        desc="handlingsplaner",
    )
    areas = ctx.insert(
        Area,
        (Area(plan=p, rank=i + 1, title=title) for p in plans for i, title in enumerate(AREAS)),
        desc="insatsområden",
    )
    county_of = {p.pk: p.county_id for p in plans}
    top = ctx.insert(
        Measure,
        (
            Measure(
                plan_id=a.plan_id,
                area=a,
                rank=r + 1,
                title=f"{PREFIX} {a.title}: insats {r + 1}",
                starts_on=dt.date(2013, 1, 1),
                ends_on=dt.date(2014, 12, 31),
                weight=1,
                is_demo=True,
            )
            for a in areas
            for r in range(MEASURES_PER_AREA)
        ),
        desc="insatser",
    )
    parents = [m for m in top if m.rank <= PARENTS_PER_AREA]
    children = ctx.insert(
        Measure,
        (
            Measure(
                plan_id=p.plan_id,
                area_id=p.area_id,
                parent=p,
                rank=c + 1,
                title=f"{PREFIX} Delinsats {c + 1} av {p.title}",
                weight=rng.randint(1, 3),
                is_demo=True,
            )
            for p in parents
            for c in range(CHILDREN)
        ),
        desc="delinsatser",
    )
    measures = top + children
    responsible: dict[int, list[Organisation]] = {}
    for m in measures:
        orgs = by_county[county_of[m.plan_id]]
        responsible[m.pk] = rng.sample(orgs, min(len(orgs), rng.randint(3, 8)))
    through = Measure.responsible.through
    ctx.insert(
        through,
        (through(measure_id=m.pk, organisation_id=o.pk) for m in measures for o in responsible[m.pk]),
        desc="ansvariga",
        returning=False,
    )
    goals = {}
    for m in measures:
        if rng.random() < 0.7:
            baseline = Decimal(rng.randint(10, 50))
            goals[m.pk] = SubGoal(
                measure=m,
                indicator=f"{PREFIX} Indikator",
                unit="percent",
                baseline=baseline,
                target=baseline + rng.randint(20, 45),
                direction="increase",
                aggregation="mean",
                maximum=Decimal(100),
            )
    ctx.insert(SubGoal, goals.values(), desc="delmål", returning=False)
    ctx.insert(
        MeasureDecision,
        (
            MeasureDecision(measure=m, decision=adopted[county_of[m.plan_id]], kind="created")
            for m in top
            if county_of[m.plan_id] in adopted
        ),
        desc="beslut om insatser",
        returning=False,
    )
    rounds = ctx.insert(
        FollowUpRound,
        (
            FollowUpRound(
                plan=p,
                title=f"{PREFIX} Uppföljning {opened:%Y-%m}",
                opened_on=opened,
                deadline=deadline,
                closed_on=closed,
                is_demo=True,
            )
            for p in plans
            for opened, deadline, closed in ROUNDS
        ),
        desc="uppföljningar",
    )
    rounds_of: dict[int, list[FollowUpRound]] = defaultdict(list)
    for r in rounds:
        rounds_of[r.plan_id].append(r)
    leaves = [m for m in measures if m.rank > PARENTS_PER_AREA or m.parent_id]

    def reports():
        for m in leaves:
            goal = goals.get(m.pk)
            for index, r in enumerate(rounds_of[m.plan_id]):
                share = 0.7 if r.closed_on is None else 0.92
                for org in responsible[m.pk]:
                    if rng.random() > share:
                        continue
                    progress = min(100, rng.randint(10, 40) + 20 * index)
                    status = rng.choice(STATUSES)
                    if status == "done":
                        progress = 100
                    value = None
                    if goal is not None:
                        value = min(Decimal(100), goal.baseline + (goal.target - goal.baseline) * progress / 100)
                    yield Report(
                        round=r,
                        measure=m,
                        organisation=org,
                        value=value.quantize(Decimal("0.01")) if value is not None else None,
                        status=status,
                        progress=progress,
                        is_demo=True,
                    )

    ctx.insert(Report, reports(), desc="rapporter", returning=False)
