import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.audit.models import AuditEvent
from samverkan.core.pagination import LimitOffsetPagination

router = Router(tags=["Logg"])


class EventOut(Schema):
    id: int
    at: dt.datetime
    actor: str
    organisation: str | None
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: Any | None
    after: Any | None
    personal_data: bool

    @staticmethod
    def resolve_actor(obj: AuditEvent) -> str:
        return obj.actor_label

    @staticmethod
    def resolve_organisation(obj: AuditEvent) -> str | None:
        return obj.organisation.code if obj.organisation_id else None


@router.get("/events/", response=list[EventOut], summary="Logghändelser")
@paginate(LimitOffsetPagination)
def list_events(request: HttpRequest, action: str | None = None, personal_data: bool | None = None):
    events = AuditEvent.objects.visible_to(request.user).select_related("organisation")
    if action:
        events = events.filter(action=action)
    if personal_data is not None:
        events = events.filter(personal_data=personal_data)
    return events
