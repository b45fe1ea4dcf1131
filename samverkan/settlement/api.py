import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from samverkan.accounts.roles import Role, is_regional, may_write
from samverkan.accounts.tenancy import get_object_for
from samverkan.audit.services import record_read
from samverkan.core.pagination import LimitOffsetPagination
from samverkan.organisations.models import Organisation
from samverkan.settlement import exports, services
from samverkan.settlement.models import PriceList, SettlementLine, SettlementPair, SettlementRun
from samverkan.settlement.services import SettlementError

router = Router(tags=["Avräkning"])


class RunOut(Schema):
    id: int
    period: str
    period_start: dt.date
    period_end: dt.date
    status: str
    total_ore: int
    pair_count: int
    line_count: int
    digest: str
    approved_at: dt.datetime | None

    @staticmethod
    def resolve_period(obj: SettlementRun) -> str:
        return obj.label


class RunIn(Schema):
    period: str
    final: bool = False


class PairOut(Schema):
    id: int
    payer: str
    payee: str
    amount_ore: int
    line_count: int
    invoice_number: str
    credit: bool

    @staticmethod
    def resolve_payer(obj: SettlementPair) -> str:
        return obj.payer.code

    @staticmethod
    def resolve_payee(obj: SettlementPair) -> str:
        return obj.payee.code

    @staticmethod
    def resolve_credit(obj: SettlementPair) -> bool:
        return obj.is_credit


class StatementOut(Schema):
    run: int
    municipality: str
    owes_ore: int
    owed_ore: int
    net_ore: int
    pairs: list[PairOut]


class TransferOut(Schema):
    payer: str
    payee: str
    amount_ore: int


class LineOut(Schema):
    id: int
    placement: str
    participant: str
    service: str
    month: dt.date
    source: str
    price_model: str
    quantity: str
    base_quantity: int
    price_ore: int
    amount_ore: int

    @staticmethod
    def resolve_placement(obj: SettlementLine) -> str:
        return obj.placement.code

    @staticmethod
    def resolve_participant(obj: SettlementLine) -> str:
        return obj.participant.code

    @staticmethod
    def resolve_service(obj: SettlementLine) -> str:
        return obj.service.name

    @staticmethod
    def resolve_quantity(obj: SettlementLine) -> str:
        return str(obj.quantity)


class PriceListOut(Schema):
    id: int
    kind: str
    owner: str
    name: str
    valid_from: dt.date
    valid_to: dt.date | None

    @staticmethod
    def resolve_owner(obj: PriceList) -> str:
        return obj.owner.code


class ProblemsOut(Schema):
    detail: str
    problems: list[str]


@router.get("/runs/", response=list[RunOut], summary="Avräkningar")
@paginate(LimitOffsetPagination)
def list_runs(request: HttpRequest):
    return SettlementRun.objects.visible_to(request.user).order_by("-period_start", "-created_at")


@router.post("/runs/", response={201: RunOut, 403: ProblemsOut, 422: ProblemsOut}, summary="Gör en avräkning")
def create_run(request: HttpRequest, payload: RunIn):
    user = request.user
    if getattr(user, "role", None) != Role.REGIONAL_COORDINATOR or not may_write(user):
        return Status(403, {"detail": "Bara förbundets samordnare gör avräkningar.", "problems": []})
    try:
        run = services.run_settlement(actor=user, period=payload.period, final=payload.final)
    except SettlementError as exc:
        return Status(422, {"detail": "Avräkningen kan inte göras.", "problems": exc.problems})
    return Status(201, run)


@router.get("/runs/{run_id}/", response=RunOut, summary="En avräkning")
def get_run(request: HttpRequest, run_id: int):
    return get_object_for(request.user, SettlementRun, run_id)


@router.get("/runs/{run_id}/pairs/", response=list[PairOut], summary="En avräknings par")
@paginate(LimitOffsetPagination)
def list_pairs(request: HttpRequest, run_id: int):
    run = get_object_for(request.user, SettlementRun, run_id)
    return run.pairs.select_related("payer", "payee").order_by("payer__code", "payee__code")


@router.get("/runs/{run_id}/netting/", response=list[TransferOut], summary="Nettning av en avräkning")
def get_netting(request: HttpRequest, run_id: int, central: bool = False):
    run = get_object_for(request.user, SettlementRun, run_id)
    return [
        {"payer": t.payer, "payee": t.payee, "amount_ore": t.amount} for t in services.netting(run, central=central)
    ]


@router.get("/runs/{run_id}/statements/{code}/", response=StatementOut, summary="En kommuns besked")
def get_statement(request: HttpRequest, run_id: int, code: str):
    run = get_object_for(request.user, SettlementRun, run_id)
    municipality = get_object_for(request.user, Organisation, code=code)
    pairs = list(
        run.pairs.filter(Q(payer=municipality) | Q(payee=municipality))
        .select_related("payer", "payee")
        .order_by("payer__code", "payee__code")
    )
    owes = sum(p.amount_ore for p in pairs if p.payer_id == municipality.pk)
    owed = sum(p.amount_ore for p in pairs if p.payee_id == municipality.pk)
    return {
        "run": run.pk,
        "municipality": municipality.code,
        "owes_ore": owes,
        "owed_ore": owed,
        "net_ore": owed - owes,
        "pairs": pairs,
    }


def _party_pair(request: HttpRequest, pair_id: int) -> SettlementPair:
    if is_regional(request.user):
        raise HttpError(404, "Finns inte.")
    try:
        return get_object_for(
            request.user, SettlementPair.objects.of_party(request.user).select_related("payer", "payee", "run"), pair_id
        )
    except PermissionDenied as exc:  # pragma: no cover - of_party never refuses writing; reading is all
        raise HttpError(403, "Du får inte se detta.") from exc


@router.get("/pairs/{pair_id}/lines/", response=list[LineOut], summary="Ett pars rader (bara för parterna)")
@paginate(LimitOffsetPagination)
def list_lines(request: HttpRequest, pair_id: int):
    pair = _party_pair(request, pair_id)
    record_read(actor=request.user, obj=pair, what="settlement.lines", request=request)
    return (
        SettlementLine.objects.visible_to(request.user)
        .filter(run_id=pair.run_id, payer_id=pair.payer_id, payee_id=pair.payee_id)
        .select_related("placement", "participant", "service")
        .order_by("service__name", "placement__code", "month", "source", "source_id")
    )


@router.get("/pairs/{pair_id}/invoice/", summary="Ett pars faktura, PEPPOL BIS Billing 3.0 (bara för parterna)")
def get_invoice(request: HttpRequest, pair_id: int):
    pair = _party_pair(request, pair_id)
    return HttpResponse(exports.invoice_xml(pair), content_type="application/xml")


@router.get("/price-lists/", response=list[PriceListOut], summary="Prislistor")
@paginate(LimitOffsetPagination)
def list_price_lists(request: HttpRequest):
    return (
        PriceList.objects.visible_to(request.user)
        .select_related("owner")
        .order_by("kind", "owner__code", "-valid_from")
    )
