import datetime as dt

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from samverkan.core.pagination import LimitOffsetPagination
from samverkan.organisations.models import Body, Network, Organisation

router = Router(tags=["Organisationer"])


class OrganisationOut(Schema):
    code: str
    kind: str
    name: str
    short_name: str
    scb_code: str | None
    organisation_number: str
    peppol_id: str
    county: str | None
    parent: str | None
    successor: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    latitude: float | None
    longitude: float | None

    @staticmethod
    def resolve_county(obj: Organisation) -> str | None:
        return obj.county.code if obj.county_id else None

    @staticmethod
    def resolve_parent(obj: Organisation) -> str | None:
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_successor(obj: Organisation) -> str | None:
        return obj.successor.code if obj.successor_id else None


class BodyOut(Schema):
    id: int
    organisation: str
    kind: str
    name: str
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_organisation(obj: Body) -> str:
        return obj.organisation.code


class NetworkOut(Schema):
    code: str
    name: str
    county: str
    members: list[str]

    @staticmethod
    def resolve_county(obj: Network) -> str:
        return obj.county.code

    @staticmethod
    def resolve_members(obj: Network) -> list[str]:
        return [m.organisation.code for m in obj.memberships.all()]


def _organisations():
    return Organisation.objects.select_related("county", "parent", "successor").order_by("kind", "code")


@router.get("/", response=list[OrganisationOut], summary="Organisationer")
@paginate(LimitOffsetPagination)
def list_organisations(
    request: HttpRequest, kind: str | None = None, county: str | None = None, active_on: dt.date | None = None
):
    qs = _organisations().visible_to(request.user)
    if kind:
        qs = qs.filter(kind=kind)
    if county:
        qs = qs.filter(county__code=county)
    if active_on:
        qs = qs.active_on(active_on)
    return qs


@router.get("/networks/", response=list[NetworkOut], summary="Nätverk av kommuner")
@paginate(LimitOffsetPagination)
def list_networks(request: HttpRequest):
    return Network.objects.select_related("county").prefetch_related("memberships__organisation").order_by("code")


@router.get("/{code}/", response=OrganisationOut, summary="En organisation")
def get_organisation(request: HttpRequest, code: str):
    return get_object_or_404(_organisations().visible_to(request.user), code=code)


@router.get("/{code}/bodies/", response=list[BodyOut], summary="En organisations organ")
@paginate(LimitOffsetPagination)
def list_bodies(request: HttpRequest, code: str):
    organisation = get_object_or_404(Organisation.objects.visible_to(request.user), code=code)
    return Body.objects.filter(organisation=organisation).select_related("organisation").order_by("kind", "name")
