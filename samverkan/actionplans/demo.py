"""Demo data: the 2013–2014 action plan with the areas and measures DESIGN.md §1 names, and two rounds.

The areas and measures are those the source documents name (follow-up of the 2010
establishment reform, measures for unaccompanied refugee children, the division of
responsibility for family reunification of unaccompanied children, housing, children's
situation including education, cooperation with external actors, health, education and
labour-market measures for adults, mother-tongue tuition, training of legal guardians).
Who is responsible, the sub-goals' figures and every reported figure are invented: the
plan, both rounds and every report are marked as demo data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from samverkan.actionplans import services
from samverkan.actionplans.models import ActionPlan
from samverkan.core.demo import DemoContext
from samverkan.organisations.models import County, Organisation

TITLE = "Handlingsplan 2013–2014"

# area, [(key, title, responsible codes, lead code, sub-goal or None, children)]
# sub-goal: (indicator, unit, baseline, target, direction, aggregation, maximum)
PLAN: list[Any] = [
    (
        "Uppföljning av etableringsreformen",
        [
            (
                "reform",
                "Följa upp genomförandet av 2010 års etableringsreform i länets kommuner",
                ["ksl"],
                "ksl",
                ("Kommuner med lokal överenskommelse med Arbetsförmedlingen", "count", 10, 26, "increase", "sum", 26),
                [],
            ),
        ],
    ),
    (
        "Barns situation inklusive utbildning",
        [
            (
                "unaccompanied",
                "Insatser för ensamkommande flyktingbarn",
                ["0180", "0126", "0127", "0181"],
                "0180",
                None,
                [
                    (
                        "reunification",
                        "Ansvarsfördelning vid familjeåterförening för ensamkommande barn",
                        ["0180", "0126", "0127", "0181"],
                        "0181",
                        (
                            "Kommuner med fastställd rutin för familjeåterförening",
                            "percent",
                            20,
                            100,
                            "increase",
                            "mean",
                            None,
                        ),
                    ),
                    (
                        "guardians",
                        "Utbildning för gode män",
                        ["0180", "0126", "0127", "0181"],
                        "0180",
                        ("Utbildade gode män", "count", 0, 300, "increase", "sum", 2000),
                    ),
                ],
            ),
            (
                "mothertongue",
                "Modersmålsundervisning för nyanlända elever",
                ["0127", "0126", "0181", "0183"],
                "0127",
                ("Andel nyanlända elever med modersmålsundervisning", "percent", 55, 75, "increase", "mean", None),
                [],
            ),
        ],
    ),
    (
        "Boende",
        [
            (
                "housing",
                "Bostadsvägledning för nyanlända",
                ["0126", "0127"],
                "0126",
                ("Väntetid till eget boende", "days", 180, 120, "decrease", "mean", 730),
                [],
            ),
            ("housing_survey", "Kartläggning av regional bostadsförsörjning för nyanlända", ["ksl"], "ksl", None, []),
        ],
    ),
    (
        "Samverkan med externa aktörer",
        [
            (
                "external",
                "Samverkan med Arbetsförmedlingen, Migrationsverket och Länsstyrelsen",
                ["ksl", "0180"],
                "ksl",
                None,
                [],
            ),
        ],
    ),
    (
        "Hälsa",
        [
            (
                "health",
                "Hälsoundersökningar för nyanlända",
                ["0180", "0126", "0123"],
                "0180",
                ("Andel som erbjuds hälsoundersökning", "percent", 40, 90, "increase", "mean", None),
                [],
            ),
        ],
    ),
    (
        "Utbildning och arbetsmarknad för vuxna",
        [
            (
                "adults",
                "Utbildnings- och arbetsmarknadsinsatser för vuxna",
                ["0180", "0181", "0127", "0126"],
                "0180",
                ("Deltagare i yrkesinriktad sfi", "count", 400, 900, "increase", "sum", 20000),
                [],
            ),
        ],
    ),
]

# Reports, per round: key -> {organisation: (value, status, progress, comment)}. Missing pairs have not reported.
ROUND_1 = {
    "reform": {"ksl": (14, "on_track", 30, "Fyra nya lokala överenskommelser under våren.")},
    "reunification": {
        "0180": (25, "at_risk", 20, "Rutinen är under utarbetande."),
        "0126": (25, "on_track", 25, ""),
        "0127": (0, "off_track", 5, "Inget arbete påbörjat; resursbrist."),
        "0181": (50, "on_track", 40, ""),
    },
    "guardians": {
        "0180": (40, "on_track", 30, "Två utbildningstillfällen."),
        "0126": (12, "on_track", 25, ""),
        "0127": (10, "on_track", 25, ""),
        "0181": (8, "at_risk", 15, "Svårt att rekrytera."),
    },
    "mothertongue": {
        "0127": (62, "on_track", 35, ""),
        "0126": (58, "on_track", 30, ""),
        "0181": (51, "at_risk", 15, "Brist på modersmålslärare i arabiska och somaliska."),
        "0183": (60, "on_track", 30, ""),
    },
    "housing": {
        "0126": (170, "at_risk", 15, "Få lediga lägenheter."),
        "0127": (190, "off_track", 5, "Väntetiden har ökat."),
    },
    "housing_survey": {"ksl": (None, "on_track", 40, "Enkät skickad till alla kommuner.")},
    "external": {
        "ksl": (None, "on_track", 50, "Gemensamma möten varje kvartal."),
        "0180": (None, "on_track", 50, ""),
    },
    "health": {
        "0180": (55, "on_track", 30, ""),
        "0126": (45, "at_risk", 10, ""),
        "0123": (42, "at_risk", 5, "Avtal med landstinget saknas."),
    },
    "adults": {
        "0180": (310, "on_track", 35, ""),
        "0181": (120, "on_track", 30, ""),
        "0127": (60, "on_track", 30, ""),
        "0126": (40, "at_risk", 20, ""),
    },
}
ROUND_2 = {
    "reform": {"ksl": (19, "on_track", 55, "Nio kommuner saknar fortfarande lokal överenskommelse.")},
    "reunification": {
        "0180": (75, "on_track", 60, "Rutinen antagen i socialnämnden."),
        "0126": (50, "on_track", 50, ""),
        "0127": (25, "off_track", 20, "Arbetet har börjat men ligger efter."),
    },
    "guardians": {
        "0180": (95, "on_track", 60, ""),
        "0126": (30, "on_track", 55, ""),
        "0127": (22, "on_track", 50, ""),
        "0181": (15, "at_risk", 30, ""),
    },
    "mothertongue": {
        "0127": (66, "on_track", 60, ""),
        "0126": (63, "on_track", 55, ""),
        "0183": (64, "on_track", 55, ""),
    },
    "housing": {"0126": (160, "at_risk", 30, ""), "0127": (200, "off_track", 5, "Väntetiden fortsätter att öka.")},
    "housing_survey": {"ksl": (None, "done", 100, "Kartläggningen redovisad för styrgruppen.")},
    "external": {"ksl": (None, "on_track", 70, ""), "0180": (None, "on_track", 65, "")},
    "health": {"0180": (70, "on_track", 60, "")},
    "adults": {
        "0180": (420, "on_track", 65, ""),
        "0181": (170, "on_track", 60, ""),
        "0127": (80, "at_risk", 40, ""),
        "0126": (65, "at_risk", 40, ""),
    },
}


def load(ctx: DemoContext) -> None:
    county = County.objects.get(code="01")
    if ActionPlan.objects.filter(county=county, title=TITLE).exists():
        return
    actor = ctx.users.get("cecilia")
    orgs = {o.code: o for o in Organisation.objects.filter(county=county)}
    adopted = ctx.objects.get("decision_plan")
    plan = services.create_plan(
        actor=actor,
        county=county,
        title=TITLE,
        period_start=dt.date(2013, 1, 1),
        period_end=dt.date(2014, 12, 31),
        adopted_by=adopted,
        description="Styrgruppens handlingsplan för den reviderade överenskommelsen: insatser per område i "
        "prioritetsordning med mätbara delmål. Ansvariga, delmål och alla rapporterade siffror är demodata.",
        is_demo=True,
    )
    measures = {}

    def add(area, key, title, responsible, lead, subgoal, parent=None):
        measure = services.save_measure(
            actor=actor,
            area=area,
            parent=parent,
            title=title,
            lead=orgs[lead],
            responsible=[orgs[c] for c in responsible],
            starts_on=dt.date(2013, 1, 1),
            ends_on=dt.date(2013, 12, 31) if key == "housing" else dt.date(2014, 12, 31),
            decision=adopted,
            is_demo=True,
        )
        if subgoal:
            indicator, unit, baseline, target, direction, aggregation, maximum = subgoal
            services.set_subgoal(
                actor=actor,
                measure=measure,
                indicator=indicator,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(target),
                direction=direction,
                aggregation=aggregation,
                maximum=Decimal(maximum) if maximum is not None else None,
            )
        measures[key] = measure
        return measure

    for area_title, rows in PLAN:
        area = services.add_area(actor=actor, plan=plan, title=area_title)
        for key, title, responsible, lead, subgoal, children in rows:
            parent = add(area, key, title, responsible, lead, subgoal)
            for c_key, c_title, c_responsible, c_lead, c_subgoal in children:
                add(area, c_key, c_title, c_responsible, c_lead, c_subgoal, parent=parent)
    # Later decisions of the steering group that changed measures.
    if ctx.objects.get("decision_reunification"):
        m = measures["reunification"]
        services.save_measure(
            actor=actor,
            area=m.area,
            measure=m,
            title=m.title,
            lead=m.lead,
            responsible=list(m.responsible.all()),
            starts_on=dt.date(2013, 6, 1),
            ends_on=m.ends_on,
            weight=2,
            decision=ctx.objects["decision_reunification"],
        )
    if ctx.objects.get("decision_housing"):
        m = measures["housing"]
        services.save_measure(
            actor=actor,
            area=m.area,
            measure=m,
            title=m.title,
            lead=m.lead,
            responsible=[*m.responsible.all(), orgs["0123"]],
            starts_on=m.starts_on,
            ends_on=dt.date(2014, 12, 31),
            decision=ctx.objects["decision_housing"],
        )
    first = services.open_round(
        actor=actor,
        plan=plan,
        title="Uppföljning augusti 2013",
        opened_on=dt.date(2013, 8, 19),
        deadline=dt.date(2013, 9, 6),
        is_demo=True,
    )
    _report(first, ROUND_1, measures, orgs, ctx)
    services.close_round(actor=actor, round=first, closed_on=dt.date(2013, 9, 12))
    second = services.open_round(
        actor=actor,
        plan=plan,
        title="Uppföljning november 2013",
        opened_on=dt.date(2013, 11, 11),
        deadline=dt.date(2013, 11, 29),
        is_demo=True,
    )
    _report(second, ROUND_2, measures, orgs, ctx)
    ctx.objects["plan"] = plan
    ctx.objects["followup_closed"] = first
    ctx.objects["followup_open"] = second
    ctx.objects["measures"] = measures
    ctx.log.append("Handlingsplan 2013–2014 med två uppföljningar (demosiffror).")


def _report(round_, figures, measures, orgs, ctx) -> None:
    # Reported by each organisation's coordinator where the demo has one, else by the association.
    reporters = {u.organisation.code: u for u in ctx.users.values() if u.role == "municipal_coordinator"}
    for key, by_org in figures.items():
        for code, (value, status, progress, comment) in by_org.items():
            services.submit_report(
                actor=reporters.get(code) or ctx.users.get("cecilia"),
                round=round_,
                measure=measures[key],
                organisation=orgs[code],
                value=value,
                status=status,
                progress=progress,
                comment=comment,
                is_demo=True,
            )
