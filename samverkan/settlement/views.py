from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role, is_regional
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.audit.services import record_read
from samverkan.lib import suppression
from samverkan.lib.tz import today
from samverkan.organisations.models import Organisation
from samverkan.settlement import diagram, exports, pricing, services
from samverkan.settlement.forms import AccountMappingForm, AdoptForm, CreditNoteForm, RunForm, UpliftForm
from samverkan.settlement.models import (
    AccountMapping,
    CreditNote,
    PriceList,
    RunJob,
    SettlementLine,
    SettlementPair,
    SettlementRun,
    party_ids,
)
from samverkan.settlement.pricing import PriceListError
from samverkan.settlement.services import SettlementError

PAGE_SIZE = 50
PAIRS_PER_PAGE = 100


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- runs ------------------------------------------------------------------------------------------------


@role_required()
def run_list(request: AuthenticatedRequest) -> HttpResponse:
    runs = SettlementRun.objects.visible_to(request.user).order_by("-period_start", "-created_at")
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    may_run = SettlementRun.objects.writable_by(request.user).exists() or (
        request.user.role == Role.REGIONAL_COORDINATOR and not SettlementRun.objects.exists()
    )
    jobs = RunJob.objects.visible_to(request.user).order_by("-created_at")[:5] if may_run else []
    return render(
        request,
        "settlement/run_list.html",
        {"page_obj": page, "form": RunForm() if may_run else None, "jobs": jobs},
    )


@require_POST
@role_required(Role.REGIONAL_COORDINATOR, write=True)
def run_start(request: AuthenticatedRequest) -> HttpResponse:
    form = RunForm(request.POST)
    if not form.is_valid():
        runs = SettlementRun.objects.visible_to(request.user)
        page = Paginator(runs, PAGE_SIZE).get_page(1)
        return render(request, "settlement/run_list.html", {"page_obj": page, "form": form, "jobs": []}, status=400)
    job = services.start_job(actor=request.user, period=form.cleaned_data["period"], final=form.cleaned_data["final"])
    return redirect("settlement:job_detail", pk=job.pk)


@role_required()
def job_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_for(request.user, RunJob, pk)
    return render(request, "settlement/job_detail.html", {"job": job})


def _labels(ids: set[int]) -> dict[int, Organisation]:
    return {o.pk: o for o in Organisation.objects.filter(pk__in=ids)}


@role_required()
def run_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    run = get_object_for(request.user, SettlementRun, pk)
    # A national run has thousands of pairs: they are paged; the balances, the netting and the
    # diagram are of the whole run.
    pairs = Paginator(run.pairs.select_related("payer", "payee").order_by("payer__name", "payee__name"), PAIRS_PER_PAGE)
    page = pairs.get_page(request.GET.get("page"))
    balances = services.balances(run)
    direct = services.netting(run, known=balances)
    central = services.netting(run, central=True, known=balances)
    by_code = {o.code: o for o in Organisation.objects.filter(code__in=balances)}
    hub = Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION).order_by("code").first()
    names = {code: org.name for code, org in by_code.items()}
    if hub:
        names[hub.code] = hub.name
    picture = diagram.draw(balances, direct, names)
    statements = sorted(((by_code[code], amount) for code, amount in balances.items()), key=lambda item: item[0].name)
    return render(
        request,
        "settlement/run_detail.html",
        {
            "run": run,
            "page_obj": page,
            "diagram": picture,
            "direct": direct,
            "central": central,
            "names": names,
            "statements": statements,
            "may_approve": not run.is_final
            and SettlementRun.objects.writable_by(request.user).filter(pk=run.pk).exists()
            and not SettlementRun.objects.filter(period_start=run.period_start, status="final").exists(),
            "mine": party_ids(request.user),
            "suppress_below": suppression.threshold(),
        },
    )


@require_POST
@role_required(Role.REGIONAL_COORDINATOR, write=True)
def run_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Approve the inspected preliminary run as the period's final one (after checking the data is unchanged)."""
    run = get_object_for(request.user, SettlementRun, pk, write=True)
    try:
        services.approve_run(actor=request.user, run=run)
    except SettlementError as exc:
        for problem in exc.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("Avräkningen för %(label)s är godkänd som slutlig.") % {"label": run.label})
    return redirect("settlement:run_detail", pk=run.pk)


@role_required()
def statement(request: AuthenticatedRequest, pk: int, code: str) -> HttpResponse:
    """One municipality's statement in a run: what it owes and is owed, pair by pair."""
    run = get_object_for(request.user, SettlementRun, pk)
    municipality = get_object_for(request.user, Organisation, code=code)
    pairs = (
        run.pairs.filter(Q(payer=municipality) | Q(payee=municipality))
        .select_related("payer", "payee")
        .order_by("payer__name", "payee__name")
    )
    owes = sum(p.amount_ore for p in pairs if p.payer_id == municipality.pk)
    owed = sum(p.amount_ore for p in pairs if p.payee_id == municipality.pk)
    is_party = municipality.pk in party_ids(request.user)
    return render(
        request,
        "settlement/statement.html",
        {
            "run": run,
            "municipality": municipality,
            "pairs": pairs,
            "owes": owes,
            "owed": owed,
            "net": owed - owes,
            "is_party": is_party,
            "mine": party_ids(request.user),
            "suppress_below": suppression.threshold(),
        },
    )


@role_required()
def pair_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A pair with its lines: the lines only for the two parties (others see the amount)."""
    pair = get_object_for(request.user, SettlementPair.objects.select_related("run", "payer", "payee"), pk)
    is_party = SettlementPair.objects.of_party(request.user).filter(pk=pair.pk).exists() and not is_regional(
        request.user
    )
    lines = SettlementLine.objects.none()
    page = None
    if is_party:
        lines = (
            SettlementLine.objects.visible_to(request.user)
            .filter(run_id=pair.run_id, payer_id=pair.payer_id, payee_id=pair.payee_id)
            .select_related("service", "placement", "participant")
            .order_by("service__name", "placement__code", "month", "source", "source_id")
        )
        page = Paginator(lines, PAGE_SIZE).get_page(request.GET.get("page"))
        record_read(actor=request.user, obj=pair, what="settlement.lines", request=request)
    hidden = pair.line_count - (page.paginator.count if page else 0) if is_party else 0
    note = CreditNote.objects.filter(pair=pair).first()
    return render(
        request,
        "settlement/pair_detail.html",
        {
            "pair": pair,
            "run": pair.run,
            "is_party": is_party,
            "page_obj": page,
            "hidden": hidden,
            "credit_note": note,
            "may_credit": pair.run.is_final
            and note is None
            and SettlementRun.objects.writable_by(request.user).filter(pk=pair.run_id).exists(),
            "credit_form": CreditNoteForm(),
            "suppress_below": suppression.threshold(),
        },
    )


def _party_pair(request: AuthenticatedRequest, pk: int) -> SettlementPair:
    return get_object_for(
        request.user, SettlementPair.objects.of_party(request.user).select_related("run", "payer", "payee"), pk
    )


@role_required()
def pair_invoice(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = _party_pair(request, pk)
    return _download(exports.invoice_xml(pair), "application/xml", f"{pair.invoice_number}.xml")


@role_required()
def pair_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = _party_pair(request, pk)
    record_read(actor=request.user, obj=pair, what="settlement.specification", request=request)
    return _download(exports.specification_pdf(pair), "application/pdf", f"{pair.invoice_number}.pdf")


@role_required()
def credit_note_xml(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    note = get_object_for(
        request.user, CreditNote.objects.select_related("pair__run", "pair__payer", "pair__payee"), pk
    )
    return _download(exports.credit_note_xml(note), "application/xml", f"{note.number}.xml")


@require_POST
@role_required(Role.REGIONAL_COORDINATOR, write=True)
def credit_note_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    pair = get_object_for(request.user, SettlementPair.objects.select_related("run"), pk)
    form = CreditNoteForm(request.POST)
    if form.is_valid():
        try:
            note = services.issue_credit_note(
                actor=request.user, pair=pair, reason=form.cleaned_data["reason"], issued_on=today()
            )
        except SettlementError as exc:
            messages.error(request, " ".join(exc.problems))
        else:
            messages.success(request, _("Kreditfaktura %(number)s är utfärdad.") % {"number": note.number})
    else:
        messages.error(request, _("Ange skälet till kreditfakturan."))
    return redirect("settlement:pair_detail", pk=pair.pk)


@role_required()
def run_sie(request: AuthenticatedRequest, pk: int, code: str) -> HttpResponse:
    """The municipality's SIE file of the run: only for the municipality's own people."""
    run = get_object_for(request.user, SettlementRun, pk)
    municipality = get_object_for(request.user, Organisation, code=code)
    if municipality.pk not in party_ids(request.user) or is_regional(request.user):
        raise PermissionDenied
    data = exports.sie_file(run, municipality)
    return _download(data, "text/plain; charset=IBM437", f"SIE-{run.label}-{municipality.code}.se")


# --- price lists -----------------------------------------------------------------------------------------


@role_required()
def price_list_list(request: AuthenticatedRequest) -> HttpResponse:
    lists = (
        PriceList.objects.visible_to(request.user)
        .select_related("owner")
        .order_by("kind", "owner__name", "-valid_from")
    )
    page = Paginator(lists, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "settlement/price_list_list.html", {"page_obj": page})


@role_required()
def price_list_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    price_list = get_object_for(request.user, PriceList.objects.select_related("owner"), pk)
    items = price_list.items.select_related("service").order_by("category", "price_model", "service__name")
    adoptions = price_list.adoptions.select_related("municipality").order_by("municipality__name")
    user = request.user
    may_adopt = (
        price_list.kind == PriceList.Kind.REGIONAL
        and user.role == Role.MUNICIPAL_COORDINATOR
        and user.organisation.municipality is not None
        and not adoptions.filter(municipality=user.organisation.municipality).exists()
    )
    return render(
        request,
        "settlement/price_list_detail.html",
        {
            "price_list": price_list,
            "items": items,
            "adoptions": adoptions,
            "may_uplift": PriceList.objects.writable_by(user).filter(pk=price_list.pk).exists(),
            "may_adopt": may_adopt,
            "uplift_form": UpliftForm(),
            "adopt_form": AdoptForm(),
        },
    )


@role_required(Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR, write=True)
def price_list_uplift(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    price_list = get_object_for(request.user, PriceList, pk, write=True)
    form = UpliftForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            new = pricing.uplift(
                actor=request.user,
                price_list=price_list,
                percent=form.cleaned_data["percent"],
                valid_from=form.cleaned_data["valid_from"],
                name=form.cleaned_data["name"],
            )
        except PriceListError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Prislistan är uppräknad."))
            return redirect("settlement:price_list_detail", pk=new.pk)
    return render(
        request,
        "settlement/uplift_form.html",
        {"form": form, "price_list": price_list},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def price_list_adopt(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    price_list = get_object_for(request.user, PriceList, pk)
    municipality = request.user.organisation.municipality
    form = AdoptForm(request.POST)
    if municipality is None or not form.is_valid():
        raise PermissionDenied
    try:
        pricing.adopt(
            actor=request.user,
            municipality=municipality,
            price_list=price_list,
            valid_from=form.cleaned_data["valid_from"],
            decision=form.cleaned_data["decision"],
        )
    except PriceListError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(name)s har antagit prislistan.") % {"name": municipality.name})
    return redirect("settlement:price_list_detail", pk=price_list.pk)


@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def account_mapping(request: AuthenticatedRequest) -> HttpResponse:
    municipality = request.user.organisation.municipality
    if municipality is None:
        raise PermissionDenied
    mapping = AccountMapping.objects.writable_by(request.user).filter(municipality=municipality).first()
    instance = mapping or AccountMapping(municipality=municipality)
    form = AccountMappingForm(request.POST if request.method == "POST" else None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.save_account_mapping(actor=request.user, mapping=form.save(commit=False))
        messages.success(request, _("Konteringen är sparad."))
        return redirect("settlement:account_mapping")
    return render(
        request,
        "settlement/account_mapping.html",
        {"form": form, "municipality": municipality},
        status=400 if form.errors else 200,
    )
