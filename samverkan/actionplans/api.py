import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.tenancy import get_object_for
from samverkan.actionplans import followup, services
from samverkan.actionplans.models import ActionPlan, FollowUpRound, Measure, Report
from samverkan.actionplans.services import ActionPlanError
from samverkan.core.pagination import LimitOffsetPagination
from samverkan.lib.tz import today
from samverkan.organisations.models import Organisation

router = Router(tags=["Handlingsplaner"])


class AreaOut(Schema):
    id: int
    rank: int
    title: str


class PlanOut(Schema):
    id: int
    title: str
    period_start: dt.date
    period_end: dt.date
    adopted_by: int | None
    is_demo: bool

    @staticmethod
    def resolve_adopted_by(obj: ActionPlan) -> int | None:
        return obj.adopted_by_id


class PlanDetailOut(PlanOut):
    areas: list[AreaOut]

    @staticmethod
    def resolve_areas(obj: ActionPlan) -> list:
        return list(obj.areas.order_by("rank"))


class SubGoalOut(Schema):
    indicator: str
    unit: str
    baseline: Decimal
    target: Decimal
    direction: str


class DecisionLinkOut(Schema):
    decision: int
    kind: str
    decided_on: dt.date
    text: str

    @staticmethod
    def resolve_decision(obj) -> int:
        return obj.decision_id

    @staticmethod
    def resolve_decided_on(obj) -> dt.date:
        return obj.decision.decided_on

    @staticmethod
    def resolve_text(obj) -> str:
        return obj.decision.text


class MeasureOut(Schema):
    id: int
    plan: int
    area: int
    parent: int | None
    rank: int
    title: str
    lead: str | None
    responsible: list[str]
    starts_on: dt.date | None
    ends_on: dt.date | None
    weight: int
    subgoal: SubGoalOut | None
    decisions: list[DecisionLinkOut]

    @staticmethod
    def resolve_plan(obj: Measure) -> int:
        return obj.plan_id

    @staticmethod
    def resolve_area(obj: Measure) -> int:
        return obj.area_id

    @staticmethod
    def resolve_parent(obj: Measure) -> int | None:
        return obj.parent_id

    @staticmethod
    def resolve_lead(obj: Measure) -> str | None:
        return obj.lead.code if obj.lead else None

    @staticmethod
    def resolve_responsible(obj: Measure) -> list[str]:
        return sorted(o.code for o in obj.responsible.all())

    @staticmethod
    def resolve_subgoal(obj: Measure):
        return getattr(obj, "subgoal", None)

    @staticmethod
    def resolve_decisions(obj: Measure) -> list:
        return list(obj.decision_links.all())


class RoundOut(Schema):
    id: int
    plan: int
    title: str
    opened_on: dt.date
    deadline: dt.date
    closed_on: dt.date | None
    is_demo: bool

    @staticmethod
    def resolve_plan(obj: FollowUpRound) -> int:
        return obj.plan_id


class ReportOut(Schema):
    id: int
    round: int
    measure: int
    organisation: str
    value: Decimal | None
    status: str
    progress: int
    comment: str
    reported_at: dt.datetime
    is_demo: bool

    @staticmethod
    def resolve_round(obj: Report) -> int:
        return obj.round_id

    @staticmethod
    def resolve_measure(obj: Report) -> int:
        return obj.measure_id

    @staticmethod
    def resolve_organisation(obj: Report) -> str:
        return obj.organisation.code


class ReportIn(Schema):
    measure: int
    organisation: str
    status: str
    progress: int
    value: str | None = None
    unit: str | None = None
    comment: str = ""


class Error(Schema):
    detail: str
    field: str | None = None


class MissingOut(Schema):
    organisation: str
    measures: list[int]


class FollowUpMeasureOut(Schema):
    measure: int
    title: str
    area: str
    depth: int
    status: str | None
    progress: float | None
    value: Decimal | None
    target: Decimal | None
    missing: list[str]


class FollowUpOut(Schema):
    round: int
    counts: dict[str, int]
    reported: int
    expected: int
    measures: list[FollowUpMeasureOut]
    missing: list[MissingOut]
    decisions: list[int]


def _measures():
    return Measure.objects.select_related("lead", "subgoal").prefetch_related("responsible", "decision_links__decision")


@router.get("/plans/", response=list[PlanOut], summary="Handlingsplaner")
@paginate(LimitOffsetPagination)
def list_plans(request: HttpRequest):
    return ActionPlan.objects.visible_to(request.user).order_by("-period_start", "id")


@router.get("/plans/{plan_id}/", response=PlanDetailOut, summary="En handlingsplan med insatsområden")
def get_plan(request: HttpRequest, plan_id: int):
    return get_object_for(request.user, ActionPlan, plan_id)


@router.get("/plans/{plan_id}/measures/", response=list[MeasureOut], summary="Planens insatser i prioritetsordning")
@paginate(LimitOffsetPagination)
def list_measures(request: HttpRequest, plan_id: int):
    plan = get_object_for(request.user, ActionPlan, plan_id)
    return _measures().filter(plan=plan).order_by("area__rank", "parent_id", "rank", "id")


@router.get("/measures/{measure_id}/", response=MeasureOut, summary="En insats")
def get_measure(request: HttpRequest, measure_id: int):
    return get_object_for(request.user, _measures(), measure_id)


@router.get("/rounds/", response=list[RoundOut], summary="Uppföljningsomgångar")
@paginate(LimitOffsetPagination)
def list_rounds(request: HttpRequest, plan: int | None = None):
    rounds = FollowUpRound.objects.visible_to(request.user).order_by("-opened_on", "-id")
    return rounds.filter(plan_id=plan) if plan else rounds


@router.get("/rounds/{round_id}/", response=RoundOut, summary="En uppföljningsomgång")
def get_round(request: HttpRequest, round_id: int):
    return get_object_for(request.user, FollowUpRound, round_id)


@router.get("/rounds/{round_id}/reports/", response=list[ReportOut], summary="Omgångens rapporter")
@paginate(LimitOffsetPagination)
def list_reports(request: HttpRequest, round_id: int):
    round_ = get_object_for(request.user, FollowUpRound, round_id)
    return (
        Report.objects.visible_to(request.user)
        .filter(round=round_)
        .select_related("organisation")
        .order_by("measure_id", "organisation__code")
    )


@router.post(
    "/rounds/{round_id}/reports/",
    response={201: ReportOut, 400: Error, 403: Error, 409: Error},
    summary="Rapportera en insats (ny rapport eller rättelse)",
)
def submit_report(request: HttpRequest, round_id: int, payload: ReportIn):
    round_ = get_object_for(request.user, FollowUpRound, round_id)
    organisation = Organisation.objects.filter(code=payload.organisation).first()
    if organisation is None:
        return Status(400, {"detail": f"Okänd organisation ”{payload.organisation}”.", "field": "organisation"})
    if not services.may_report_for(request.user, organisation):
        raise HttpError(403, "Du får inte rapportera för den organisationen.")
    if round_.is_closed:
        return Status(409, {"detail": "Uppföljningsomgången är stängd; rapporter kan inte längre lämnas eller ändras."})
    measure = Measure.objects.filter(pk=payload.measure, plan_id=round_.plan_id).first()
    if measure is None:
        return Status(400, {"detail": "Insatsen finns inte i omgångens handlingsplan.", "field": "measure"})
    try:
        report = services.submit_report(
            actor=request.user,
            round=round_,
            measure=measure,
            organisation=organisation,
            status=payload.status,
            progress=payload.progress,
            value=payload.value,
            unit=payload.unit,
            comment=payload.comment,
        )
    except ActionPlanError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    except PermissionDenied as exc:
        raise HttpError(403, "Du får inte rapportera för den organisationen.") from exc
    return Status(201, report)


@router.get("/rounds/{round_id}/followup/", response=FollowUpOut, summary="Uppföljningsrapporten som data")
def get_followup(request: HttpRequest, round_id: int):
    round_ = get_object_for(request.user, FollowUpRound, round_id)
    report = followup.build(round_, today())
    return {
        "round": round_.pk,
        "counts": report.counts,
        "reported": report.reported,
        "expected": report.expected,
        "measures": [
            {
                "measure": row.measure.pk,
                "title": row.measure.title,
                "area": block.area.title,
                "depth": row.depth,
                "status": row.status,
                "progress": None if row.progress is None else round(row.progress, 1),
                "value": row.value,
                "target": row.subgoal.target if row.subgoal else None,
                "missing": [o.code for o in row.missing],
            }
            for block in report.areas
            for row in block.all_rows
        ],
        "missing": [{"organisation": o.code, "measures": [m.pk for m in ms]} for o, ms in report.missing],
        "decisions": [d.pk for d in report.decisions],
    }
