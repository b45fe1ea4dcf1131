import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.tenancy import get_object_for
from samverkan.audit.services import record_read
from samverkan.core.pagination import LimitOffsetPagination
from samverkan.organisations.models import Organisation
from samverkan.statecomp import persons, presentation, services
from samverkan.statecomp.compare import compare
from samverkan.statecomp.models import (
    Application,
    CompensationKind,
    Payment,
    Rate,
    Reception,
    sees_own_figures,
    sees_own_people,
)
from samverkan.statecomp.services import StatecompError

router = Router(tags=["Statlig ersättning"])


class ErrorOut(Schema):
    detail: str
    field: str | None = None


class KindOut(Schema):
    code: str
    name: str
    needs_application: bool
    per_person: bool
    starts_on: dt.date | None
    deadline_months: int | None
    legal_source: str
    is_demo: bool


class RateOut(Schema):
    id: int
    kind: str
    year: int
    valid_from: dt.date
    age_from: int
    age_to: int | None
    housing: str
    amount_ore: int
    status: str
    source: str
    note: str

    @staticmethod
    def resolve_kind(obj: Rate) -> str:
        return obj.kind.code


class RateIn(Schema):
    kind: str
    year: int
    valid_from: dt.date | None = None
    age_from: int
    age_to: int | None = None
    housing: str = ""
    amount_ore: int
    source: str
    note: str = ""


class FiguresOut(Schema):
    label: str
    suppressed: bool
    persons: int | None
    expected_ore: int | None
    received_ore: int | None
    difference_ore: int | None
    flagged: bool
    notes: list[str] = []


class KindYearOut(Schema):
    kind: str
    total: FiguresOut
    months: list[FiguresOut]


class YearOut(Schema):
    year: int
    total: FiguresOut
    kinds: list[KindYearOut]


class MunicipalityOut(Schema):
    municipality: str
    name: str
    own: bool
    years: list[YearOut]


class CountyRowOut(Schema):
    municipality: str
    name: str
    year: int
    figures: FiguresOut


class PersonOut(Schema):
    month: dt.date
    received_on: dt.date
    age: int | None
    code: str
    name: str
    identity: str
    kinds: list[str]


class PaymentOut(Schema):
    id: int
    municipality: str
    kind: str
    year: int
    month: dt.date | None
    age_from: int | None
    age_to: int | None
    housing: str
    count: int | None
    amount_ore: int
    paid_on: dt.date
    reference: str

    @staticmethod
    def resolve_municipality(obj: Payment) -> str:
        return obj.municipality.scb_code or obj.municipality.code

    @staticmethod
    def resolve_kind(obj: Payment) -> str:
        return obj.kind.code


class PaymentIn(Schema):
    kind: str
    year: int
    month: dt.date | None = None
    age_from: int | None = None
    age_to: int | None = None
    housing: str = ""
    count: int | None = None
    amount_ore: int
    paid_on: dt.date
    reference: str = ""
    note: str = ""


class ApplicationOut(Schema):
    id: int
    municipality: str
    kind: str
    period_start: dt.date
    period_end: dt.date
    deadline: dt.date
    amount_ore: int | None
    status: str
    applied_on: dt.date | None
    reference: str

    @staticmethod
    def resolve_municipality(obj: Application) -> str:
        return obj.municipality.scb_code or obj.municipality.code

    @staticmethod
    def resolve_kind(obj: Application) -> str:
        return obj.kind.code


class AppliedIn(Schema):
    applied_on: dt.date
    reference: str = ""


def _municipality(code: str) -> Organisation:
    return get_object_or_404(Organisation.objects.municipalities(), scb_code=code)


def _kind(code: str) -> CompensationKind:
    kind = CompensationKind.objects.filter(code=code).first()
    if kind is None:
        raise HttpError(400, f"Okänt ersättningsslag: {code}.")
    return kind


def _figures(row: presentation.Figures) -> dict:
    return {
        "label": row.label,
        "suppressed": row.suppressed,
        "persons": row.persons,
        "expected_ore": row.expected_ore,
        "received_ore": row.received_ore,
        "difference_ore": row.difference_ore,
        "flagged": row.flagged,
        "notes": row.notes,
    }


@router.get("/kinds/", response=list[KindOut], summary="Ersättningsslag")
@paginate(LimitOffsetPagination)
def list_kinds(request: HttpRequest):
    return CompensationKind.objects.visible_to(request.user).order_by("order", "name")


@router.get("/rates/", response=list[RateOut], summary="Belopp med källa och grund")
@paginate(LimitOffsetPagination)
def list_rates(request: HttpRequest, year: int | None = None, kind: str | None = None):
    rates = Rate.objects.visible_to(request.user).select_related("kind").order_by("kind__order", "year", "age_from")
    if year is not None:
        rates = rates.filter(year=year)
    if kind:
        rates = rates.filter(kind__code=kind)
    return rates


@router.post("/rates/", response={201: RateOut, 400: ErrorOut, 403: ErrorOut}, summary="Ange ett belopp med källa")
def create_rate(request: HttpRequest, payload: RateIn):
    kind = _kind(payload.kind)
    if not CompensationKind.objects.writable_by(request.user).filter(pk=kind.pk).exists():
        return Status(403, {"detail": "Bara förbundets samordnare anger belopp."})
    try:
        rate = services.enter_rate(
            actor=request.user,
            kind=kind,
            year=payload.year,
            valid_from=payload.valid_from,
            age_from=payload.age_from,
            age_to=payload.age_to,
            housing=payload.housing,
            amount_ore=payload.amount_ore,
            source=payload.source,
            note=payload.note,
        )
    except StatecompError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201, rate)


@router.get("/county/", response=list[CountyRowOut], summary="Länet: per kommun och år, antal under 5 döljs")
@paginate(LimitOffsetPagination)
def county(request: HttpRequest, year: int | None = None):
    municipalities = list(
        Organisation.objects.municipalities().filter(county=request.user.organisation.county).order_by("scb_code")
    )
    results = compare([m.pk for m in municipalities], [year] if year else None)
    rows = []
    for m in municipalities:
        own = sees_own_figures(request.user, m)
        for (mid, y), summary in sorted(results.items(), key=lambda item: item[0][1]):
            if mid == m.pk:
                rows.append(
                    {
                        "municipality": m.scb_code,
                        "name": m.name,
                        "year": y,
                        "figures": _figures(presentation.year_row(summary, own=own)),
                    }
                )
    return rows


@router.get("/municipalities/{code}/", response=MunicipalityOut, summary="En kommun: borde ha kommit och kom")
def municipality(request: HttpRequest, code: str):
    m = _municipality(code)
    own = sees_own_figures(request.user, m)
    results = compare([m.pk])
    years = []
    for (_, y), summary in sorted(results.items()):
        years.append(
            {
                "year": y,
                "total": _figures(presentation.year_row(summary, own=own)),
                "kinds": [
                    {
                        "kind": k.kind.code,
                        "total": _figures(presentation.kind_row(k, own=own)),
                        "months": [_figures(r) for r in presentation.month_rows(k, own=own)],
                    }
                    for k in summary.rows
                ],
            }
        )
    return {"municipality": m.scb_code, "name": m.name, "own": own, "years": years}


@router.get(
    "/municipalities/{code}/persons/",
    response={200: list[PersonOut], 403: ErrorOut},
    summary="Mottagna bakom skillnaderna ett år (bara kommunens egna; läsningen loggas)",
)
def municipality_persons(request: HttpRequest, code: str, year: int):
    m = _municipality(code)
    if not sees_own_people(request.user, m):
        return Status(403, {"detail": "Personuppgifter visas bara för kommunens egna handläggare och samordnare."})
    summary = compare([m.pk], [year]).get((m.pk, year))
    people = persons.behind_differences(request.user, m, summary).rows if summary else []
    if people:
        record_read(actor=request.user, obj=m, what="statecomp.persons", request=request)
    return Status(200, [p.__dict__ for p in people])


@router.get("/payments/", response=list[PaymentOut], summary="Utbetalningar från staten")
@paginate(LimitOffsetPagination)
def list_payments(request: HttpRequest, municipality: str | None = None, year: int | None = None):
    payments = (
        Payment.objects.visible_to(request.user).select_related("municipality", "kind").order_by("-paid_on", "-id")
    )
    if municipality:
        payments = payments.filter(municipality__scb_code=municipality)
    if year is not None:
        payments = payments.filter(year=year)
    return payments


@router.post(
    "/municipalities/{code}/payments/",
    response={201: PaymentOut, 400: ErrorOut, 403: ErrorOut},
    summary="Registrera en utbetalning",
)
def create_payment(request: HttpRequest, code: str, payload: PaymentIn):
    m = _municipality(code)
    if not Reception.objects.may_write_for(request.user, m):
        return Status(403, {"detail": "Du får inte registrera utbetalningar för den kommunen."})
    try:
        payment = services.record_payment(
            actor=request.user,
            municipality=m,
            kind=_kind(payload.kind),
            year=payload.year,
            month=payload.month,
            age_from=payload.age_from,
            age_to=payload.age_to,
            housing=payload.housing,
            count=payload.count,
            amount_ore=payload.amount_ore,
            paid_on=payload.paid_on,
            reference=payload.reference,
            note=payload.note,
        )
    except StatecompError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201, payment)


@router.get("/applications/", response=list[ApplicationOut], summary="Ansökningar; open=true: det som återstår")
@paginate(LimitOffsetPagination)
def list_applications(request: HttpRequest, open: bool = True):
    applications = (
        Application.objects.visible_to(request.user).select_related("municipality", "kind").order_by("deadline", "id")
    )
    return services.open_applications(applications) if open else applications


@router.post(
    "/applications/{application_id}/applied/",
    response={200: ApplicationOut, 400: ErrorOut, 403: ErrorOut},
    summary="Registrera att ansökan är inskickad",
)
def application_applied(request: HttpRequest, application_id: int, payload: AppliedIn):
    try:
        application = get_object_for(request.user, Application, application_id, write=True)
    except PermissionDenied:
        return Status(403, {"detail": "Du får inte ändra ansökan."})
    try:
        application = services.mark_applied(
            actor=request.user, application=application, applied_on=payload.applied_on, reference=payload.reference
        )
    except StatecompError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(200, Application.objects.select_related("municipality", "kind").get(pk=application.pk))
