"""The follow-up report of a plan for a round: per area and measure, progress against target over the
rounds, status, who has not reported, and the decisions taken since the last round.

`build` reads everything with a fixed number of queries, whatever the number of measures,
organisations or rounds; the page, the PDF and the API all use it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from samverkan.actionplans.models import ActionPlan, Area, FollowUpRound, Measure, MeasureDecision, Report, SubGoal
from samverkan.governance.models import Decision
from samverkan.lib.svgchart import Point, line_chart
from samverkan.organisations.models import Organisation

# Worst first: a parent is as bad as its worst child.
STATUS_ORDER: list[str] = [Report.Status.OFF_TRACK, Report.Status.AT_RISK, Report.Status.ON_TRACK, Report.Status.DONE]


def rollup(children: Iterable[tuple[int, float | None]]) -> float | None:
    """Weighted average of the children's progress; children without figures are left out, not counted as 0."""
    total = weight_sum = 0.0
    for weight, progress in children:
        if progress is None:
            continue
        total += weight * progress
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def worst(statuses: Iterable[str | None]) -> str | None:
    present = [s for s in statuses if s]
    if not present:
        return None
    return min(present, key=STATUS_ORDER.index)


def aggregate(values: Sequence[Decimal], how: str) -> Decimal | None:
    if not values:
        return None
    total = sum(values, Decimal(0))
    return total if how == SubGoal.Aggregation.SUM else (total / len(values)).quantize(Decimal("0.01"))


@dataclass
class RoundFigure:
    round: FollowUpRound
    value: Decimal | None
    progress: float | None
    status: str | None
    reported: int

    @property
    def status_label(self) -> Any:
        return Report.Status(self.status).label if self.status else ""


@dataclass
class MeasureRow:
    measure: Measure
    depth: int
    subgoal: SubGoal | None
    responsible: list[Organisation]
    reports: list[Report]
    progress: float | None
    status: str | None
    value: Decimal | None
    missing: list[Organisation]
    series: list[RoundFigure]
    decisions: list[MeasureDecision]
    children: list[MeasureRow] = field(default_factory=list)

    @property
    def status_label(self) -> Any:
        return Report.Status(self.status).label if self.status else _("Ingen rapport")

    @property
    def status_class(self) -> str:
        return self.status or "none"

    @property
    def progress_rounded(self) -> int | None:
        return None if self.progress is None else round(self.progress)

    def chart(self) -> Any:
        labels = [f.round.opened_on.strftime("%Y-%m") for f in self.series]
        if self.subgoal is not None:
            unit = SubGoal.Unit(self.subgoal.unit).label
            return line_chart(
                [
                    Point(label, float(f.value) if f.value is not None else None)
                    for label, f in zip(labels, self.series, strict=True)
                ],
                title=_("%(indicator)s per uppföljning, %(unit)s")
                % {"indicator": self.subgoal.indicator, "unit": unit},
                baseline=self.subgoal.baseline,
                target=self.subgoal.target,
                baseline_label=_("utgångsvärde"),
                target_label=_("mål"),
            )
        return line_chart(
            [Point(label, f.progress) for label, f in zip(labels, self.series, strict=True)],
            title=_("Framsteg per uppföljning, procent"),
            target=100,
            target_label=_("mål 100 %"),
        )


@dataclass
class AreaBlock:
    area: Area
    rows: list[MeasureRow]

    @property
    def all_rows(self) -> list[MeasureRow]:
        out = []
        for row in self.rows:
            out.append(row)
            out.extend(row.children)
        return out


@dataclass
class FollowUpReport:
    plan: ActionPlan
    round: FollowUpRound
    previous: FollowUpRound | None
    rounds: list[FollowUpRound]
    areas: list[AreaBlock]
    missing: list[tuple[Organisation, list[Measure]]]
    decisions: list[Decision]
    today: dt.date
    counts: dict[str, int]
    reported: int
    expected: int

    @property
    def status_table(self) -> list[tuple[str, Any, int]]:
        rows: list[tuple[str, Any, int]] = [
            (s, Report.Status(s).label, self.counts.get(s, 0)) for s in reversed(STATUS_ORDER)
        ]
        rows.append(("none", _("Ingen rapport"), self.counts.get("none", 0)))
        return rows

    @property
    def has_demo_figures(self) -> bool:
        return self.round.is_demo or any(r.is_demo for b in self.areas for row in b.all_rows for r in row.reports)


def fingerprint(round_: FollowUpRound, today: dt.date) -> str:
    """Changes whenever anything the report shows changes: the PDF is cached under it."""
    from django.db.models import Count, Max

    plan = round_.plan
    reports = Report.objects.filter(round__plan=plan, round__opened_on__lte=round_.opened_on).aggregate(
        n=Count("id"), at=Max("reported_at")
    )
    measures = Measure.objects.filter(plan=plan).aggregate(n=Count("id"), at=Max("updated_at"))
    goals = SubGoal.objects.filter(measure__plan=plan).aggregate(
        n=Count("id"), b=Max("baseline"), t=Max("target"), i=Max("indicator")
    )
    decisions = Decision.objects.filter(meeting__body__county_id=plan.county_id).aggregate(
        n=Count("id"), at=Max("created_at")
    )
    closed = FollowUpRound.objects.filter(plan=plan).aggregate(n=Count("id"), c=Count("closed_on"))
    return "|".join(
        str(x)
        for x in (round_.pk, today, reports, measures, goals, decisions, closed, plan.areas.aggregate(m=Max("id")))
    )


def build(round_: FollowUpRound, today: dt.date) -> FollowUpReport:
    plan = round_.plan
    rounds = list(plan.rounds.filter(opened_on__lte=round_.opened_on).order_by("opened_on", "id"))
    previous = rounds[-2] if len(rounds) > 1 else None
    areas = list(plan.areas.order_by("rank"))
    measures = list(Measure.objects.filter(plan=plan).select_related("lead").order_by("area__rank", "rank", "id"))
    subgoals = {s.measure_id: s for s in SubGoal.objects.filter(measure__plan=plan)}
    responsible: dict[int, list[Organisation]] = defaultdict(list)
    for link in Measure.responsible.through.objects.filter(measure__plan=plan).select_related("organisation"):
        responsible[link.measure_id].append(link.organisation)
    reports: dict[tuple[int, int], list[Report]] = defaultdict(list)
    for report in Report.objects.filter(round__in=rounds).select_related("organisation").order_by("organisation__name"):
        reports[(report.round_id, report.measure_id)].append(report)
    links: dict[int, list[MeasureDecision]] = defaultdict(list)
    for decision_link in MeasureDecision.objects.filter(measure__plan=plan).select_related("decision__meeting__body"):
        links[decision_link.measure_id].append(decision_link)

    def own_figure(measure: Measure, r: FollowUpRound) -> RoundFigure:
        rows = reports.get((r.pk, measure.pk), [])
        subgoal = subgoals.get(measure.pk)
        values = [x.value for x in rows if x.value is not None]
        return RoundFigure(
            r,
            aggregate(values, subgoal.aggregation) if subgoal else None,
            sum(x.progress for x in rows) / len(rows) if rows else None,
            worst(x.status for x in rows),
            len(rows),
        )

    children_of: dict[int, list[Measure]] = defaultdict(list)
    for m in measures:
        if m.parent_id:
            children_of[m.parent_id].append(m)

    def figures(measure: Measure) -> list[RoundFigure]:
        own = [own_figure(measure, r) for r in rounds]
        kids = children_of.get(measure.pk)
        if not kids:
            return own
        kid_series = [figures(k) for k in kids]
        out = []
        for i, r in enumerate(rounds):
            progress = rollup((k.weight, s[i].progress) for k, s in zip(kids, kid_series, strict=True))
            if progress is None:
                progress = own[i].progress
            out.append(
                RoundFigure(
                    r,
                    own[i].value,
                    progress,
                    worst([own[i].status, *(s[i].status for s in kid_series)]),
                    own[i].reported + sum(s[i].reported for s in kid_series),
                )
            )
        return out

    def row(measure: Measure, depth: int) -> MeasureRow:
        series = figures(measure)
        current = series[-1]
        these = reports.get((round_.pk, measure.pk), [])
        done = {r.organisation_id for r in these}
        return MeasureRow(
            measure=measure,
            depth=depth,
            subgoal=subgoals.get(measure.pk),
            responsible=responsible.get(measure.pk, []),
            reports=these,
            progress=current.progress,
            status=current.status,
            value=current.value,
            # A measure with children is followed up through them and owes no report of its own.
            missing=[]
            if measure.pk in children_of
            else [o for o in responsible.get(measure.pk, []) if o.pk not in done],
            series=series,
            decisions=links.get(measure.pk, []),
            children=[row(k, depth + 1) for k in children_of.get(measure.pk, [])],
        )

    blocks = [
        AreaBlock(area, [row(m, 0) for m in measures if m.area_id == area.pk and m.parent_id is None]) for area in areas
    ]
    counts: dict[str, int] = defaultdict(int)
    missing: dict[int, tuple[Organisation, list[Measure]]] = {}
    expected = reported = 0
    for block in blocks:
        for r in block.all_rows:
            counts[r.status or "none"] += 1
            if not r.children:
                expected += len(r.responsible)
                reported += len(r.responsible) - len(r.missing)
            for org in r.missing:
                missing.setdefault(org.pk, (org, []))[1].append(r.measure)
    since = previous.opened_on if previous else plan.period_start - dt.timedelta(days=1)
    until = round_.closed_on or max(today, round_.opened_on)
    decisions = list(
        Decision.objects.filter(meeting__body__county_id=plan.county_id, decided_on__gt=since, decided_on__lte=until)
        .select_related("meeting__body")
        .order_by("decided_on", "number")
    )
    return FollowUpReport(
        plan=plan,
        round=round_,
        previous=previous,
        rounds=rounds,
        areas=blocks,
        missing=sorted(missing.values(), key=lambda e: e[0].name),
        decisions=decisions,
        today=today,
        counts=dict(counts),
        reported=reported,
        expected=expected,
    )
