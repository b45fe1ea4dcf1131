import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.accounts.tenancy import get_object_for
from samverkan.core.pagination import LimitOffsetPagination
from samverkan.governance.models import Body, Decision, Meeting, Membership

router = Router(tags=["Styrning"])


class BodyOut(Schema):
    id: int
    kind: str
    name: str
    short_name: str
    reports_to: int | None

    @staticmethod
    def resolve_reports_to(obj: Body) -> int | None:
        return obj.reports_to_id


class MembershipOut(Schema):
    id: int
    person_name: str
    title: str
    organisation: str
    position: str
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Membership) -> str:
        return obj.organisation.code


class BodyDetailOut(BodyOut):
    members: list[MembershipOut]

    @staticmethod
    def resolve_members(obj: Body) -> list[Membership]:
        return list(obj.memberships.select_related("organisation").order_by("valid_from", "person_name"))


class DecisionOut(Schema):
    id: int
    number: int
    text: str
    decided_on: dt.date
    is_demo: bool


class MeetingOut(Schema):
    id: int
    body: int
    kind: str
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    cancelled: bool
    uid: str

    @staticmethod
    def resolve_body(obj: Meeting) -> int:
        return obj.body_id

    @staticmethod
    def resolve_uid(obj: Meeting) -> str:
        return str(obj.uid)


class AgendaItemOut(Schema):
    number: int
    title: str
    description: str


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    decisions: list[DecisionOut]
    minutes: str
    minutes_approved_on: dt.date | None

    @staticmethod
    def resolve_agenda(obj: Meeting) -> list:
        return list(obj.agenda_items.order_by("number"))

    @staticmethod
    def resolve_decisions(obj: Meeting) -> list[Decision]:
        return list(obj.decisions.order_by("number"))


@router.get("/bodies/", response=list[BodyOut], summary="Samverkans organ")
@paginate(LimitOffsetPagination)
def list_bodies(request: HttpRequest):
    return Body.objects.visible_to(request.user).order_by("kind", "name")


@router.get("/bodies/{body_id}/", response=BodyDetailOut, summary="Ett organ med ledamöter över tid")
def get_body(request: HttpRequest, body_id: int):
    return get_object_for(request.user, Body, body_id)


@router.get("/meetings/", response=list[MeetingOut], summary="Möten, de senaste först")
@paginate(LimitOffsetPagination)
def list_meetings(request: HttpRequest, body: int | None = None):
    meetings = Meeting.objects.visible_to(request.user).order_by("-starts_at", "-id")
    return meetings.filter(body_id=body) if body else meetings


@router.get("/meetings/{meeting_id}/", response=MeetingDetailOut, summary="Ett möte med dagordning och beslut")
def get_meeting(request: HttpRequest, meeting_id: int):
    return get_object_for(request.user, Meeting, meeting_id)
