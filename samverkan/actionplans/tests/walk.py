"""Every URL and API operation of action plans, as every demo person."""

from __future__ import annotations

from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, World, everyone, only
from samverkan.governance.tests.walk import demo_context

COORDINATOR = {"cecilia"}
READ = everyone(200, **{ANONYMOUS: 302})
API_READ = everyone(200, **{ANONYMOUS: 401})
# Huddinge's measures are reported by Huddinge's coordinator and by the association.
HUDDINGE_REPORTERS = {"cecilia", "hanna"}
REPORTERS = {"cecilia", "hanna", "britt", "nils", "elsa", "tove", "vera", "olof", "karin"}


def populate(world: World) -> None:
    from samverkan.accounts.models import User
    from samverkan.actionplans.models import ImportJob

    ctx = demo_context(world)
    world.actionplans_plan = ctx.objects["plan"]
    world.actionplans_round = ctx.objects["followup_open"]
    world.actionplans_closed_round = ctx.objects["followup_closed"]
    world.actionplans_measure = ctx.objects["measures"]["health"]
    world.actionplans_parent = ctx.objects["measures"]["unaccompanied"]
    world.actionplans_area = world.actionplans_measure.area
    world.actionplans_job = ImportJob.objects.create(
        kind="plan",
        plan=world.actionplans_plan,
        file_name="plan.xlsx",
        content=b"",
        status="failed",
        errors=[{"row": 1, "column": "Omrade", "message": "Okänd kolumn"}],
        created_by=User.objects.get(username="cecilia"),
    )


def _report_args(w):
    return [w.actionplans_round.pk, w.actionplans_measure.pk, "0126"]


REPORT_POST = {"value": "75", "status": "on_track", "progress": "55", "comment": "Enligt plan."}

VISITS = [
    Visit("actionplans:plan_list", READ),
    Visit("actionplans:plan_create", only(COORDINATOR)),
    Visit(
        "actionplans:plan_create",
        only(COORDINATOR, 302),
        method="post",
        data={"title": "Handlingsplan 2015", "period_start": "2015-01-01", "period_end": "2015-12-31"},
    ),
    Visit("actionplans:plan_detail", READ, args=lambda w: [w.actionplans_plan.pk]),
    Visit("actionplans:plan_detail", everyone(404, **{ANONYMOUS: 302}), args=[999999], label="unknown"),
    Visit("actionplans:area_create", only(COORDINATOR), args=lambda w: [w.actionplans_plan.pk]),
    Visit(
        "actionplans:area_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.actionplans_plan.pk],
        method="post",
        data={"title": "Språk"},
    ),
    Visit("actionplans:round_create", only(COORDINATOR), args=lambda w: [w.actionplans_plan.pk]),
    Visit(
        "actionplans:round_create",
        only(COORDINATOR, 400),
        args=lambda w: [w.actionplans_plan.pk],
        method="post",
        data={"title": "Tredje", "opened_on": "2014-03-01", "deadline": "2014-03-31"},
        label="while a round is open",
    ),
    Visit("actionplans:plan_xlsx", READ, args=lambda w: [w.actionplans_plan.pk]),
    Visit("actionplans:plan_import", only(COORDINATOR), args=lambda w: [w.actionplans_plan.pk]),
    Visit(
        "actionplans:plan_import",
        only(COORDINATOR, 400),
        args=lambda w: [w.actionplans_plan.pk],
        method="post",
        data={},
        label="no file",
    ),
    Visit("actionplans:measure_create", only(COORDINATOR), args=lambda w: [w.actionplans_area.pk]),
    Visit(
        "actionplans:measure_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.actionplans_area.pk],
        method="post",
        data={"title": "Tandvård för nyanlända", "weight": "1"},
    ),
    Visit(
        "actionplans:area_reorder",
        only(COORDINATOR, 302, anonymous=302),
        args=lambda w: [w.actionplans_parent.area_id],
        method="post",
        data=lambda w: {
            "order": ",".join(str(c.pk) for c in w.actionplans_parent.children.order_by("-rank")),
            "order_version": "0",
            "parent": w.actionplans_parent.pk,
        },
        label="from a stale page",
    ),
    Visit("actionplans:measure_detail", READ, args=lambda w: [w.actionplans_measure.pk]),
    Visit("actionplans:measure_update", only(COORDINATOR), args=lambda w: [w.actionplans_measure.pk]),
    Visit(
        "actionplans:measure_update",
        only(COORDINATOR, 400),
        args=lambda w: [w.actionplans_measure.pk],
        method="post",
        data={"title": "Hälsa", "weight": "1", "starts_on": "2014-01-01", "ends_on": "2013-01-01"},
        label="ends before it starts",
    ),
    Visit("actionplans:subgoal_edit", only(COORDINATOR), args=lambda w: [w.actionplans_measure.pk]),
    Visit(
        "actionplans:measure_move",
        only(COORDINATOR, 302, anonymous=302),
        args=lambda w: [w.actionplans_measure.pk],
        method="post",
        data=lambda w: {"direction": "up", "order_version": w.actionplans_area.order_version},
    ),
    Visit("actionplans:round_detail", READ, args=lambda w: [w.actionplans_round.pk]),
    Visit(
        "actionplans:round_close",
        only(COORDINATOR, 302, anonymous=302),
        args=lambda w: [w.actionplans_round.pk],
        method="post",
        data={"closed_on": "2013-12-06"},
    ),
    Visit(
        "actionplans:round_remind",
        only(COORDINATOR, 302, anonymous=302),
        args=lambda w: [w.actionplans_round.pk],
        method="post",
    ),
    Visit("actionplans:report_edit", only(HUDDINGE_REPORTERS), args=_report_args),
    Visit(
        "actionplans:report_edit",
        only(HUDDINGE_REPORTERS, 302),
        args=_report_args,
        method="post",
        data=REPORT_POST,
    ),
    Visit(
        "actionplans:report_edit",
        only(HUDDINGE_REPORTERS, 400),
        args=_report_args,
        method="post",
        data={**REPORT_POST, "value": "75 dagar"},
        label="a value in the wrong unit",
    ),
    Visit(
        "actionplans:report_edit",
        only(HUDDINGE_REPORTERS, 409),
        args=lambda w: [w.actionplans_closed_round.pk, w.actionplans_measure.pk, "0126"],
        method="post",
        data=REPORT_POST,
        label="a closed round",
    ),
    Visit("actionplans:followup_report", READ, args=lambda w: [w.actionplans_round.pk]),
    Visit("actionplans:followup_report_pdf", READ, args=lambda w: [w.actionplans_round.pk]),
    Visit("actionplans:round_xlsx", READ, args=lambda w: [w.actionplans_round.pk]),
    Visit("actionplans:round_import", only(REPORTERS), args=lambda w: [w.actionplans_round.pk]),
    Visit(
        "actionplans:round_import",
        only(REPORTERS, 400),
        args=lambda w: [w.actionplans_round.pk],
        method="post",
        data={},
        label="no file",
    ),
    Visit(
        "actionplans:import_detail",
        everyone(404, **{ANONYMOUS: 302}, cecilia=200),
        args=lambda w: [w.actionplans_job.pk],
    ),
]

REPORT_JSON = {"measure": 0, "organisation": "0126", "status": "on_track", "progress": 55, "value": "75"}

API_VISITS = [
    ApiVisit("get", "/api/actionplans/plans/", API_READ),
    ApiVisit("get", "/api/actionplans/plans/{plan_id}/", API_READ, params=lambda w: {"plan_id": w.actionplans_plan.pk}),
    ApiVisit(
        "get",
        "/api/actionplans/plans/{plan_id}/measures/",
        API_READ,
        params=lambda w: {"plan_id": w.actionplans_plan.pk},
    ),
    ApiVisit(
        "get",
        "/api/actionplans/measures/{measure_id}/",
        API_READ,
        params=lambda w: {"measure_id": w.actionplans_measure.pk},
    ),
    ApiVisit("get", "/api/actionplans/rounds/", API_READ),
    ApiVisit(
        "get", "/api/actionplans/rounds/{round_id}/", API_READ, params=lambda w: {"round_id": w.actionplans_round.pk}
    ),
    ApiVisit(
        "get",
        "/api/actionplans/rounds/{round_id}/reports/",
        API_READ,
        params=lambda w: {"round_id": w.actionplans_round.pk},
    ),
    ApiVisit(
        "get",
        "/api/actionplans/rounds/{round_id}/followup/",
        API_READ,
        params=lambda w: {"round_id": w.actionplans_round.pk},
    ),
    ApiVisit(
        "post",
        "/api/actionplans/rounds/{round_id}/reports/",
        everyone(403, **{ANONYMOUS: 401}, cecilia=201, hanna=201),
        params=lambda w: {"round_id": w.actionplans_round.pk},
        json=lambda w: {**REPORT_JSON, "measure": w.actionplans_measure.pk},
    ),
    ApiVisit(
        "post",
        "/api/actionplans/rounds/{round_id}/reports/",
        everyone(403, **{ANONYMOUS: 401}, cecilia=400, hanna=400),
        params=lambda w: {"round_id": w.actionplans_round.pk},
        json=lambda w: {**REPORT_JSON, "measure": w.actionplans_measure.pk, "value": "450"},
        label="an implausible value",
    ),
]
