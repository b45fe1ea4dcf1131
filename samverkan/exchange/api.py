import csv
import datetime as dt
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.core.pagination import MAX_OFFSET, LimitOffsetPagination
from samverkan.exchange import catalogue, services
from samverkan.exchange.models import (
    HOME_WRITERS,
    Attendance,
    AttendanceAdjustment,
    Participant,
    Placement,
    Service,
    first_of_month,
    own_municipality,
    shows_person,
)
from samverkan.exchange.services import ExchangeError
from samverkan.lib.tz import today
from samverkan.organisations.models import Organisation

router = Router(tags=["Utbyte av insatser"])

# The public catalogue as open data: no login.
public_router = Router(tags=["Katalog (öppna data)"], auth=None)

OPEN_DATA_MAX_ROWS = 5000


class ErrorOut(Schema):
    detail: str
    field: str | None = None


def _get(request: HttpRequest, model, write: bool = False, **lookup):
    try:
        return get_object_for(request.user, model, write=write, **lookup)
    except PermissionDenied as exc:
        raise HttpError(403, "Du får inte ändra detta.") from exc


# --- the catalogue ---------------------------------------------------------------------------------------


class ServiceOut(Schema):
    code: str
    name: str
    description: str
    category: str
    price_model: str
    provider: str = Field(..., alias="provider.scb_code")
    provider_name: str = Field(..., alias="provider.name")
    languages: list[str] = Field(..., alias="language_list")
    min_age: int | None
    max_age: int | None
    residence_statuses: list[str]
    address: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    capacity: int
    free_places: int
    next_start: dt.date | None
    how_to_apply: str
    contact_email: str
    contact_phone: str
    distance_km: float | None = None

    @staticmethod
    def resolve_free_places(obj: Service) -> int:
        return catalogue.free_places(obj)

    @staticmethod
    def resolve_next_start(obj: Service) -> dt.date | None:
        return getattr(obj, "next_start", None)

    @staticmethod
    def resolve_distance_km(obj: Service) -> float | None:
        return catalogue.distance_km(obj)


class OwnServiceOut(ServiceOut):
    published: bool


class CatalogueFilters(Schema):
    q: str = ""
    category: str = ""
    language: str = ""
    municipality: str = Field("", description="Kommunkod för den anordnande kommunen, t.ex. 0127")
    near: str = Field("", description="Kommunkod att räkna avståndet från")
    distance: int | None = Field(None, description="Högsta avstånd i km från kommunen i `near`")


def _filters(params: CatalogueFilters) -> catalogue.Filters:
    municipalities = {
        o.scb_code: o
        for o in Organisation.objects.filter(scb_code__in=[params.municipality, params.near])
        if o.scb_code
    }
    if params.municipality and params.municipality not in municipalities:
        raise HttpError(400, f"Det finns ingen kommun med koden {params.municipality}.")
    if params.near and params.near not in municipalities:
        raise HttpError(400, f"Det finns ingen kommun med koden {params.near}.")
    return catalogue.Filters(
        q=params.q,
        category=params.category,
        language=params.language,
        municipality=municipalities.get(params.municipality),
        near=municipalities.get(params.near),
        distance=params.distance,
    )


@public_router.get("/services/", response=list[ServiceOut], summary="Länets katalog över insatser (öppna data)")
@paginate(LimitOffsetPagination)
def open_catalogue(request: HttpRequest, filters: Query[CatalogueFilters]):
    return catalogue.find(Service.objects.published(), _filters(filters), today())


CSV_COLUMNS = [
    "kod",
    "namn",
    "kategori",
    "prismodell",
    "anordnare_kommunkod",
    "anordnare",
    "språk",
    "lägsta_ålder",
    "högsta_ålder",
    "adress",
    "postnummer",
    "ort",
    "latitud",
    "longitud",
    "platser",
    "lediga_platser",
    "nästa_start",
    "kontakt_epost",
    "kontakt_telefon",
]


@public_router.get("/services.csv", summary="Länets katalog över insatser som CSV (öppna data)")
def open_catalogue_csv(
    request: HttpRequest, filters: Query[CatalogueFilters], offset: Annotated[int, Field(ge=0, le=MAX_OFFSET)] = 0
):
    rows = catalogue.find(Service.objects.published(), _filters(filters), today())[
        max(offset, 0) : max(offset, 0) + OPEN_DATA_MAX_ROWS
    ]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="katalog.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    for s in rows:
        writer.writerow(
            [
                s.code,
                s.name,
                s.category,
                s.price_model,
                s.provider.scb_code,
                s.provider.name,
                " ".join(s.language_list),
                s.min_age if s.min_age is not None else "",
                s.max_age if s.max_age is not None else "",
                s.address,
                s.postal_code,
                s.city,
                s.latitude if s.latitude is not None else "",
                s.longitude if s.longitude is not None else "",
                s.capacity,
                catalogue.free_places(s),
                s.next_start.isoformat() if s.next_start else "",  # type: ignore[attr-defined]
                s.contact_email,
                s.contact_phone,
            ]
        )
    return response


@router.get("/services/", response=list[OwnServiceOut], summary="Insatser (publicerade och den egna kommunens)")
@paginate(LimitOffsetPagination)
def list_services(request: HttpRequest, own: bool = False):
    services_ = Service.objects.of_own_municipality(request.user) if own else Service.objects.visible_to(request.user)
    return catalogue.annotate_places(services_.select_related("provider"), today()).order_by("name", "id")


@router.get("/services/{code}/", response=OwnServiceOut, summary="En insats")
def get_service(request: HttpRequest, code: str):
    return _get(request, catalogue.annotate_places(Service.objects.select_related("provider"), today()), code=code)


# --- participants -------------------------------------------------------------------------------------------


class ParticipantIn(Schema):
    identity_number: str
    first_name: str
    last_name: str
    reception_date: dt.date
    residence_status: str = "refugee"
    protected: bool = False


class ParticipantOut(Schema):
    code: str
    first_name: str
    last_name: str
    birth_date: dt.date | None
    home_municipality: str = Field(..., alias="home_municipality.scb_code")
    reception_date: dt.date
    residence_status: str
    protected: bool


@router.post(
    "/participants/",
    response={201: ParticipantOut, 400: ErrorOut, 403: ErrorOut},
    summary="Registrera en deltagare i den egna kommunen",
)
def create_participant(request: HttpRequest, payload: ParticipantIn):
    user = request.user
    home = own_municipality(user)
    if getattr(user, "role", None) not in HOME_WRITERS or home is None:
        return Status(403, {"detail": "Bara handläggare och samordnare i kommunen registrerar deltagare."})
    try:
        person = services.register_participant(actor=user, home_municipality=home, **payload.dict())
    except ExchangeError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201, person)


# --- placements ----------------------------------------------------------------------------------------------


class PlacementOut(Schema):
    code: str
    participant: str | None = Field(None, description="Deltagarkoden; namnet bara för den som får se personen")
    participant_name: str | None = None
    service: str = Field(..., alias="service.code")
    service_name: str = Field(..., alias="service.name")
    provider: str = Field(..., alias="provider.scb_code")
    home_municipality: str = Field(..., alias="home_municipality.scb_code")
    start: dt.date
    end: dt.date | None
    status: str
    price_ore: int | None

    @staticmethod
    def resolve_participant(obj: Placement, context) -> str | None:
        return obj.participant.code if getattr(obj, "person_shown", False) else None

    @staticmethod
    def resolve_participant_name(obj: Placement, context) -> str | None:
        return obj.participant.full_name if getattr(obj, "person_shown", False) else None


class PlacementIn(Schema):
    participant: str | None = Field(None, description="Deltagarkod (D-…)")
    identity_number: str | None = Field(None, description="Eller personnumret")
    service: str = Field(..., description="Insatsens kod")
    start: dt.date
    end: dt.date | None = None
    note: str = ""


class DeclineIn(Schema):
    reason: str


class EndIn(Schema):
    end: dt.date


PLACEMENT_FIELDS = ("participant", "service", "provider", "home_municipality")


class PlacementPagination(LimitOffsetPagination):
    """Marks on each row of the page whether the person may be shown, and logs the read once per page."""

    def paginate_queryset(self, queryset, pagination, request: HttpRequest, **params):
        page = super().paginate_queryset(queryset, pagination, request, **params)
        rows = list(page["items"])
        for placement in rows:
            placement.person_shown = shows_person(request.user, placement.participant, placement)
        services.record_list_read(
            actor=request.user,
            what="api_placement_list",
            codes=[p.participant.code for p in rows if p.person_shown],
            request=request,
        )
        page["items"] = rows
        return page


@router.get("/placements/", response=list[PlacementOut], summary="Placeringar")
@paginate(PlacementPagination)
def list_placements(request: HttpRequest, status: str = "", side: str = ""):
    placements = Placement.objects.visible_to(request.user).select_related(*PLACEMENT_FIELDS)
    if status:
        placements = placements.filter(status=status)
    if side == "home":
        placements = placements.filter(pk__in=Placement.objects.requested_by(request.user).values("pk"))
    elif side == "provider":
        placements = placements.filter(pk__in=Placement.objects.provided_by(request.user).values("pk"))
    return placements.order_by("-start", "-id")


def _placement_out(request: HttpRequest, placement: Placement) -> Placement:
    placement = Placement.objects.select_related(*PLACEMENT_FIELDS).get(pk=placement.pk)
    placement.person_shown = shows_person(request.user, placement.participant, placement)
    if placement.person_shown:
        services.read_participant(actor=request.user, participant=placement.participant, request=request)
    return placement


@router.get("/placements/{code}/", response=PlacementOut, summary="En placering")
def get_placement(request: HttpRequest, code: str):
    return _placement_out(request, _get(request, Placement, code=code))


@router.post(
    "/placements/",
    response={201: PlacementOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Begär en plats i en insats för en invånare",
)
def create_placement(request: HttpRequest, payload: PlacementIn):
    user = request.user
    if getattr(user, "role", None) not in HOME_WRITERS:
        return Status(403, {"detail": "Bara handläggare och samordnare i folkbokföringskommunen begär placeringar."})
    person = None
    if payload.participant:
        person = Participant.objects.writable_by(user).filter(code=payload.participant).first()
    elif payload.identity_number:
        found = services.find_participant(payload.identity_number)
        if found is not None and Participant.objects.writable_by(user).filter(pk=found.pk).exists():
            person = found
    if person is None:
        return Status(404, {"detail": "Ingen deltagare i din kommun med den koden eller det personnumret."})
    service = Service.objects.visible_to(user).filter(code=payload.service).first()
    if service is None:
        return Status(404, {"detail": f"Det finns ingen insats med koden {payload.service}.", "field": "service"})
    try:
        placement = services.request_placement(
            actor=user, participant=person, service=service, start=payload.start, end=payload.end, note=payload.note
        )
    except ExchangeError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201, _placement_out(request, placement))


def _provider_action(request: HttpRequest, code: str, action, **kwargs):
    placement = _get(request, Placement, code=code)
    if not Placement.objects.provided_by(request.user).filter(pk=placement.pk).exists():
        return Status(403, {"detail": "Bara anordnaren kan göra det."})
    try:
        action(actor=request.user, placement=placement, **kwargs)
    except ExchangeError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(200, _placement_out(request, placement))


@router.post(
    "/placements/{code}/accept/",
    response={200: PlacementOut, 400: ErrorOut, 403: ErrorOut},
    summary="Anta en begärd placering (anordnaren)",
)
def accept_placement(request: HttpRequest, code: str):
    return _provider_action(request, code, services.accept_placement)


@router.post(
    "/placements/{code}/decline/",
    response={200: PlacementOut, 400: ErrorOut, 403: ErrorOut},
    summary="Avböj en begärd placering (anordnaren)",
)
def decline_placement(request: HttpRequest, code: str, payload: DeclineIn):
    return _provider_action(request, code, services.decline_placement, reason=payload.reason)


@router.post(
    "/placements/{code}/end/",
    response={200: PlacementOut, 400: ErrorOut, 403: ErrorOut},
    summary="Avsluta en placering",
)
def end_placement(request: HttpRequest, code: str, payload: EndIn):
    placement = _get(request, Placement, code=code)
    if not Placement.objects.writable_by(request.user).filter(pk=placement.pk).exists():
        return Status(403, {"detail": "Bara folkbokföringskommunen eller anordnaren kan avsluta placeringen."})
    try:
        services.end_placement(actor=request.user, placement=placement, end=payload.end)
    except ExchangeError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(200, _placement_out(request, placement))


# --- attendance ---------------------------------------------------------------------------------------------


class AttendanceOut(Schema):
    placement: str = Field(..., alias="placement.code")
    month: str
    provider: str = Field(..., alias="provider.scb_code")
    payer: str = Field(..., alias="payer.scb_code")
    days_enrolled: int
    days_present: int
    hours: Decimal
    course_started: bool
    locked: bool

    @staticmethod
    def resolve_month(obj) -> str:
        return f"{obj.month:%Y-%m}"


class AdjustmentOut(Schema):
    placement: str = Field(..., alias="placement.code")
    month: str
    carried_to: str
    provider: str = Field(..., alias="provider.scb_code")
    payer: str = Field(..., alias="payer.scb_code")
    days_enrolled: int
    days_present: int
    hours: Decimal
    course_started: int
    reason: str

    @staticmethod
    def resolve_month(obj) -> str:
        return f"{obj.month:%Y-%m}"

    @staticmethod
    def resolve_carried_to(obj) -> str:
        return f"{obj.carried_to:%Y-%m}"


class AttendanceIn(Schema):
    placement: str
    month: str = Field(..., description="ÅÅÅÅ-MM", pattern=r"^\d{4}-\d{2}$")
    days_present: int = Field(0, ge=0, le=31)
    hours: Decimal = Field(Decimal("0"), ge=0, max_digits=6, decimal_places=2)
    reason: str = Field("", description="Krävs när månaden är låst: då blir rapporten en rättelse")


class ReportOut(Schema):
    kind: str = Field(..., description="attendance, eller adjustment när månaden var låst")
    attendance: AttendanceOut | None = None
    adjustment: AdjustmentOut | None = None


def _month(text: str) -> dt.date:
    try:
        return first_of_month(dt.datetime.strptime(text, "%Y-%m").date())
    except ValueError as exc:
        raise HttpError(400, "Ange månaden som ÅÅÅÅ-MM.") from exc


@router.get("/attendance/", response=list[AttendanceOut], summary="Närvaro per placering och månad")
@paginate(LimitOffsetPagination)
def list_attendance(request: HttpRequest, month: str = "", placement: str = ""):
    rows = Attendance.objects.visible_to(request.user).select_related("placement", "provider", "payer")
    if month:
        rows = rows.filter(month=_month(month))
    if placement:
        rows = rows.filter(placement__code=placement)
    return rows.order_by("-month", "placement_id")


@router.get("/adjustments/", response=list[AdjustmentOut], summary="Rättelser av låsta månader")
@paginate(LimitOffsetPagination)
def list_adjustments(request: HttpRequest, carried_to: str = ""):
    rows = AttendanceAdjustment.objects.visible_to(request.user).select_related("placement", "provider", "payer")
    if carried_to:
        rows = rows.filter(carried_to=_month(carried_to))
    return rows.order_by("-carried_to", "id")


@router.post(
    "/attendance/",
    response={201: ReportOut, 400: ErrorOut, 403: ErrorOut},
    summary="Rapportera eller rätta en månads närvaro (anordnaren)",
)
def report_attendance(request: HttpRequest, payload: AttendanceIn):
    if getattr(request.user, "role", None) not in (Role.PROVIDER_STAFF, Role.MUNICIPAL_COORDINATOR):
        return Status(403, {"detail": "Bara anordnaren rapporterar närvaro."})
    placement = _get(request, Placement, code=payload.placement)
    if not Placement.objects.provided_by(request.user).filter(pk=placement.pk).exists():
        return Status(403, {"detail": "Bara anordnaren rapporterar närvaro."})
    try:
        result = services.correct_attendance(
            actor=request.user,
            placement=placement,
            month=_month(payload.month),
            days_present=payload.days_present,
            hours=payload.hours,
            reason=payload.reason,
        )
    except ExchangeError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    if isinstance(result, AttendanceAdjustment):
        result = AttendanceAdjustment.objects.select_related("placement", "provider", "payer").get(pk=result.pk)
        return Status(201, {"kind": "adjustment", "adjustment": result})
    result = Attendance.objects.select_related("placement", "provider", "payer").get(pk=result.pk)
    return Status(201, {"kind": "attendance", "attendance": result})
