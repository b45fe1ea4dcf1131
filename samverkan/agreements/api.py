import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.agreements import compilation as comp
from samverkan.agreements import services
from samverkan.agreements.models import (
    Agreement,
    AgreementVersion,
    ConsultationResponse,
    ConsultationRound,
    DecisionStep,
    ParagraphComment,
)
from samverkan.agreements.services import AgreementError, CommentInput
from samverkan.core.pagination import LimitOffsetPagination
from samverkan.documents.models import Document
from samverkan.lib.tz import today
from samverkan.organisations.models import Body, Organisation

router = Router(tags=["Överenskommelser"])


def _get(request: HttpRequest, model, pk: int, write: bool = False):
    try:
        return get_object_for(request.user, model, pk, write=write)
    except PermissionDenied as exc:
        raise HttpError(403, "Du får inte ändra detta.") from exc


class AgreementOut(Schema):
    id: int
    county: str
    title: str
    short_title: str

    @staticmethod
    def resolve_county(obj: Agreement) -> str:
        return obj.county.code


class VersionOut(Schema):
    id: int
    number: int
    title: str
    dated: dt.date
    registration_number: str
    recommended_on: dt.date | None
    status: str


class AgreementDetailOut(AgreementOut):
    versions: list[VersionOut]

    @staticmethod
    def resolve_versions(obj: Agreement) -> list[AgreementVersion]:
        return list(obj.versions.order_by("number"))


class ParagraphOut(Schema):
    number: int
    heading: str
    text: str
    is_demo_text: bool


class VersionDetailOut(VersionOut):
    agreement: int
    paragraphs: list[ParagraphOut]

    @staticmethod
    def resolve_agreement(obj: AgreementVersion) -> int:
        return obj.agreement_id

    @staticmethod
    def resolve_paragraphs(obj: AgreementVersion) -> list:
        return list(obj.paragraphs.order_by("number"))


class RoundOut(Schema):
    id: int
    version: int
    title: str
    sent_on: dt.date
    deadline: dt.date
    closed_on: dt.date | None

    @staticmethod
    def resolve_version(obj: ConsultationRound) -> int:
        return obj.version_id


class StepOut(Schema):
    order: int
    kind: str
    body: str
    meeting_date: dt.date | None
    decision_text: str
    registration_number: str
    case_officer: str
    document: int | None
    is_demo: bool

    @staticmethod
    def resolve_body(obj: DecisionStep) -> str:
        return obj.body_name

    @staticmethod
    def resolve_document(obj: DecisionStep) -> int | None:
        return obj.document_id


class CommentOut(Schema):
    paragraph: int
    organisation: str
    excerpt: str
    is_demo: bool

    @staticmethod
    def resolve_paragraph(obj: ParagraphComment) -> int:
        return obj.paragraph.number

    @staticmethod
    def resolve_organisation(obj: ParagraphComment) -> str:
        return obj.response.organisation.code


class ResponseOut(Schema):
    id: int
    round: int
    organisation: str
    organisation_name: str
    status: str
    stance: str
    deadline: dt.date
    extended_deadline: dt.date | None
    answered_on: dt.date | None
    is_demo: bool
    steps: list[StepOut]

    @staticmethod
    def resolve_round(obj: ConsultationResponse) -> int:
        return obj.round_id

    @staticmethod
    def resolve_organisation(obj: ConsultationResponse) -> str:
        return obj.organisation.code

    @staticmethod
    def resolve_organisation_name(obj: ConsultationResponse) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_steps(obj: ConsultationResponse) -> list:
        return list(obj.steps.all())


class ResponseDetailOut(ResponseOut):
    comments: list[CommentOut]

    @staticmethod
    def resolve_comments(obj: ConsultationResponse) -> list:
        return list(obj.comments.select_related("paragraph", "response__organisation"))


class CommentIn(Schema):
    paragraph: int
    excerpt: str


class StepIn(Schema):
    kind: str
    body: str
    meeting_date: dt.date | None = None
    decision_text: str = ""
    registration_number: str = ""
    case_officer: str = ""
    stance: str = ""
    final: bool = False
    document: int | None = None
    comments: list[CommentIn] = []


class ExtensionIn(Schema):
    deadline: dt.date
    reason: str


class CompilationOrganisationOut(Schema):
    organisation: str
    name: str
    status: str
    stance: str
    deadline: dt.date
    late: bool
    path: list[StepOut]


class CompilationParagraphOut(Schema):
    number: int
    heading: str
    comments: list[CommentOut]


class CompilationOut(Schema):
    round: RoundOut
    compiled_on: dt.date
    status_counts: dict[str, int]
    stance_counts: dict[str, int]
    paragraphs: list[CompilationParagraphOut]
    organisations: list[CompilationOrganisationOut]


class ErrorOut(Schema):
    detail: str
    field: str | None = None


@router.get("/", response=list[AgreementOut], summary="Överenskommelser")
@paginate(LimitOffsetPagination)
def list_agreements(request: HttpRequest):
    return Agreement.objects.visible_to(request.user).select_related("county").order_by("id")


@router.get("/rounds/", response=list[RoundOut], summary="Remissomgångar")
@paginate(LimitOffsetPagination)
def list_rounds(request: HttpRequest, open: bool | None = None):
    rounds = ConsultationRound.objects.visible_to(request.user).order_by("-sent_on", "-id")
    if open is not None:
        rounds = rounds.filter(closed_on__isnull=open)
    return rounds


@router.get("/rounds/{round_id}/", response=RoundOut, summary="En remissomgång")
def get_round(request: HttpRequest, round_id: int):
    return _get(request, ConsultationRound, round_id)


@router.get("/rounds/{round_id}/responses/", response=list[ResponseOut], summary="Svaren i en remissomgång")
@paginate(LimitOffsetPagination)
def list_responses(request: HttpRequest, round_id: int, status: str | None = None):
    round_ = _get(request, ConsultationRound, round_id)
    responses = (
        ConsultationResponse.objects.visible_to(request.user)
        .filter(round=round_)
        .select_related("organisation", "round")
        .prefetch_related("steps")
        .order_by("organisation__name", "id")
    )
    if status:
        responses = responses.filter(status=status)
    return responses


@router.get("/rounds/{round_id}/compilation/", response=CompilationOut, summary="Remissammanställning")
def get_compilation(request: HttpRequest, round_id: int):
    round_ = _get(request, ConsultationRound, round_id)
    c = comp.build(round_, today())
    return {
        "round": round_,
        "compiled_on": c.today,
        "status_counts": c.status_counts,
        "stance_counts": {k or "none": v for k, v in c.stance_counts.items()},
        "paragraphs": [
            {"number": p.paragraph.number, "heading": p.paragraph.heading, "comments": p.comments} for p in c.paragraphs
        ],
        "organisations": [
            {
                "organisation": row.organisation.code,
                "name": row.organisation.name,
                "status": row.response.status,
                "stance": row.response.stance,
                "deadline": row.deadline,
                "late": row.response.is_late(c.today),
                "path": row.steps,
            }
            for row in c.organisations
        ],
    }


@router.post(
    "/rounds/{round_id}/responses/{organisation_code}/steps/",
    response={201: ResponseDetailOut, 400: ErrorOut, 403: ErrorOut},
    summary="Registrera ett beslutssteg för en organisation i remissomgången",
)
def create_step(request: HttpRequest, round_id: int, organisation_code: str, payload: StepIn):
    user = request.user
    if getattr(user, "role", None) not in (Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR):
        return Status(403, {"detail": "Bara samordnare registrerar remissvar."})
    round_ = _get(request, ConsultationRound, round_id)
    organisation = get_object_or_404(Organisation, code=organisation_code)
    try:
        response = services.response_in_round(round_, organisation)
        response = _get(request, ConsultationResponse, response.pk, write=True)
        document = _get(request, Document, payload.document) if payload.document else None
        body = Body.objects.filter(
            organisation_id__in=[organisation.pk, organisation.parent_id], name=payload.body
        ).first()
        services.record_step(
            actor=user,
            response=response,
            kind=payload.kind,
            body=body,
            body_name=payload.body,
            meeting_date=payload.meeting_date,
            decision_text=payload.decision_text,
            registration_number=payload.registration_number,
            case_officer=payload.case_officer,
            stance=payload.stance,
            final=payload.final,
            document=document,
            comments=[CommentInput(c.paragraph, c.excerpt) for c in payload.comments],
        )
    except AgreementError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(201, ConsultationResponse.objects.select_related("organisation").get(pk=response.pk))


@router.get("/responses/{response_id}/", response=ResponseDetailOut, summary="Ett remissvar")
def get_response(request: HttpRequest, response_id: int):
    return _get(request, ConsultationResponse.objects.select_related("organisation"), response_id)


@router.post(
    "/responses/{response_id}/extension/",
    response={200: ResponseOut, 400: ErrorOut, 403: ErrorOut},
    summary="Ge anstånd",
)
def extend_response(request: HttpRequest, response_id: int, payload: ExtensionIn):
    response = _get(request, ConsultationResponse.objects.select_related("organisation"), response_id)
    if not ConsultationRound.objects.writable_by(request.user).filter(pk=response.round_id).exists():
        return Status(403, {"detail": "Bara förbundets samordnare ger anstånd."})
    try:
        services.grant_extension(
            actor=request.user, response=response, deadline=payload.deadline, reason=payload.reason, granted_on=today()
        )
    except AgreementError as error:
        return Status(400, {"detail": error.message, "field": error.field})
    return Status(200, ConsultationResponse.objects.select_related("organisation").get(pk=response.pk))


@router.get("/versions/{version_id}/", response=VersionDetailOut, summary="En version med paragrafer")
def get_version(request: HttpRequest, version_id: int):
    return _get(request, AgreementVersion, version_id)


@router.get("/{agreement_id}/", response=AgreementDetailOut, summary="En överenskommelse med versioner")
def get_agreement(request: HttpRequest, agreement_id: int):
    return _get(request, Agreement.objects.select_related("county"), agreement_id)
