"""Every URL and API operation of governance, as every demo person."""

from __future__ import annotations

import datetime as dt

from samverkan.core.testing import ANONYMOUS, ApiVisit, Visit, World, everyone, only

COORDINATOR = {"cecilia"}
READ = everyone(200, **{ANONYMOUS: 302})
API_READ = everyone(200, **{ANONYMOUS: 401})


def demo_context(world: World):
    """The governance and action-plan demo, loaded once for both apps' walks (attributes prefixed)."""
    if not hasattr(world, "governance_demo"):
        from samverkan.accounts.models import User
        from samverkan.actionplans import demo as actionplans_demo
        from samverkan.core.demo import DemoContext
        from samverkan.governance import demo as governance_demo

        ctx = DemoContext(today=dt.date(2013, 11, 20))
        ctx.users = {u.username: u for u in User.objects.select_related("organisation")}
        governance_demo.load(ctx)
        actionplans_demo.load(ctx)
        world.governance_demo = ctx
    return world.governance_demo


def populate(world: World) -> None:
    ctx = demo_context(world)
    world.governance_body = ctx.objects["steering_group"]
    world.governance_meeting = ctx.objects["steering_meetings"][0]
    world.governance_membership = world.governance_body.memberships.filter(valid_to__isnull=True).first()


MEETING_POST = {"title": "Extra möte", "kind": "meeting", "day": "2014-01-16", "starts": "13:00", "ends": "15:00"}

VISITS = [
    Visit("governance:body_list", READ),
    Visit("governance:body_detail", READ, args=lambda w: [w.governance_body.pk]),
    Visit(
        "governance:body_detail", READ, args=lambda w: [w.governance_body.pk], query="datum=2012-06-01", label="a day"
    ),
    Visit("governance:body_detail", everyone(404, **{ANONYMOUS: 302}), args=[999999], label="unknown"),
    Visit("governance:body_calendar", READ, args=lambda w: [w.governance_body.pk]),
    Visit(
        "governance:body_calendar",
        everyone(200),
        args=lambda w: [w.governance_body.pk],
        query="",
        data=lambda w: {"nyckel": w.governance_body.calendar_token},
        label="with the subscription key",
    ),
    Visit(
        "governance:body_calendar",
        everyone(404),
        args=lambda w: [w.governance_body.pk],
        data={"nyckel": "fel-nyckel"},
        label="with a wrong key",
    ),
    Visit("governance:membership_create", only(COORDINATOR), args=lambda w: [w.governance_body.pk]),
    Visit(
        "governance:membership_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.governance_body.pk],
        method="post",
        data=lambda w: {
            "person_name": "Ny ledamot",
            "organisation": w.governance_membership.organisation_id,
            "position": "member",
            "valid_from": "2014-01-01",
        },
    ),
    Visit(
        "governance:membership_create",
        only(COORDINATOR, 400),
        args=lambda w: [w.governance_body.pk],
        method="post",
        data=lambda w: {
            "person_name": "Andra ordföranden",
            "organisation": w.governance_membership.organisation_id,
            "position": "chair",
            "valid_from": "2014-01-01",
        },
        label="a second chair",
    ),
    Visit(
        "governance:membership_end",
        only(COORDINATOR, 302, anonymous=302),
        args=lambda w: [w.governance_membership.pk],
        method="post",
        data={"valid_to": "2014-06-30"},
    ),
    Visit("governance:meeting_create", only(COORDINATOR), args=lambda w: [w.governance_body.pk]),
    Visit(
        "governance:meeting_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.governance_body.pk],
        method="post",
        data=MEETING_POST,
    ),
    Visit("governance:meeting_detail", READ, args=lambda w: [w.governance_meeting.pk]),
    Visit("governance:meeting_update", only(COORDINATOR), args=lambda w: [w.governance_meeting.pk]),
    Visit(
        "governance:meeting_update",
        only(COORDINATOR, 400),
        args=lambda w: [w.governance_meeting.pk],
        method="post",
        data={**MEETING_POST, "ends": "12:00"},
        label="ends before it starts",
    ),
    Visit("governance:agenda_item_create", only(COORDINATOR), args=lambda w: [w.governance_meeting.pk]),
    Visit(
        "governance:agenda_item_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.governance_meeting.pk],
        method="post",
        data={"title": "Övriga frågor"},
    ),
    Visit("governance:attendance", only(COORDINATOR), args=lambda w: [w.governance_meeting.pk]),
    Visit("governance:minutes", only(COORDINATOR), args=lambda w: [w.governance_meeting.pk]),
    Visit(
        "governance:minutes",
        only(COORDINATOR, 302),
        args=lambda w: [w.governance_meeting.pk],
        method="post",
        data={"minutes": "Protokoll", "approved_on": "2013-02-20"},
    ),
    Visit("governance:decision_create", only(COORDINATOR), args=lambda w: [w.governance_meeting.pk]),
    Visit(
        "governance:decision_create",
        only(COORDINATOR, 302),
        args=lambda w: [w.governance_meeting.pk],
        method="post",
        data={"text": "Styrgruppen beslutar att …"},
    ),
]

API_VISITS = [
    ApiVisit("get", "/api/governance/bodies/", API_READ),
    ApiVisit("get", "/api/governance/bodies/{body_id}/", API_READ, params=lambda w: {"body_id": w.governance_body.pk}),
    ApiVisit("get", "/api/governance/meetings/", API_READ),
    ApiVisit(
        "get",
        "/api/governance/meetings/{meeting_id}/",
        API_READ,
        params=lambda w: {"meeting_id": w.governance_meeting.pk},
    ),
]
