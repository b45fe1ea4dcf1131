from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.audit.services import record_read
from samverkan.lib.tz import today
from samverkan.organisations.models import Network, Organisation
from samverkan.statecomp import exports, persons, presentation, services
from samverkan.statecomp.compare import RateTable, compare
from samverkan.statecomp.forms import ApplicationForm, AppliedForm, PaymentForm, RateForm, UploadForm
from samverkan.statecomp.models import (
    Application,
    CompensationKind,
    ImportBatch,
    Payment,
    Rate,
    Reception,
    sees_own_figures,
    sees_own_people,
)
from samverkan.statecomp.services import StatecompError

PAGE_SIZE = 50
WRITERS = (Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR, Role.CASE_OFFICER)


def _error(form: Any, error: StatecompError) -> None:
    field = error.field if error.field in form.fields else None
    for problem in error.problems:
        form.add_error(field, problem)


def _municipality(code: str) -> Organisation:
    # Municipalities are public reference data; what of them a user sees is decided below.
    return get_object_or_404(Organisation.objects.municipalities(), scb_code=code)


def _writable(request: AuthenticatedRequest, municipality: Organisation) -> None:
    """Entering receptions, payments and applications: the municipality's own officers or the association."""
    if not Reception.objects.may_write_for(request.user, municipality):
        raise PermissionDenied


def _year(request: AuthenticatedRequest, years: list[int]) -> int | None:
    try:
        wanted = int(request.GET.get("ar", ""))
    except ValueError:
        wanted = None
    if wanted in years:
        return wanted
    return years[-1] if years else None


# --- the county, a network ---------------------------------------------------------------------------


def _aggregate_page(
    request: AuthenticatedRequest, municipalities: list[Organisation], title: str, network: Network | None
) -> HttpResponse:
    results = compare([m.pk for m in municipalities])
    years = sorted({year for _, year in results})
    year = _year(request, years)
    per_year = [presentation.total([s for (_, y), s in results.items() if y == each], str(each)) for each in years]
    rows = []
    for m in municipalities:
        summary = results.get((m.pk, year)) if year else None
        if summary is None:
            continue
        own = sees_own_figures(request.user, m)
        rows.append((m, presentation.year_row(summary, own=own), own))
    own_municipality = request.user.organisation if request.user.organisation.kind == "municipality" else None
    return render(
        request,
        "statecomp/overview.html",
        {
            "title": title,
            "network": network,
            "years": years,
            "year": year,
            "per_year": per_year,
            "chart": presentation.chart(per_year),
            "rows": rows,
            "networks": Network.objects.filter(county=municipalities[0].county).order_by("name")
            if municipalities
            else [],
            "own_municipality": own_municipality,
            "may_enter_rates": Rate.objects.writable_by(request.user).exists(),
        },
    )


@role_required()
def overview(request: AuthenticatedRequest) -> HttpResponse:
    county = request.user.organisation.county
    municipalities = list(Organisation.objects.municipalities().filter(county=county).order_by("name"))
    return _aggregate_page(request, municipalities, _("Statlig ersättning i länet"), None)


@role_required()
def network_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    network = get_object_or_404(Network, code=code)
    members = list(network.members.filter(kind=Organisation.Kind.MUNICIPALITY).distinct().order_by("name"))
    return _aggregate_page(request, members, _("Statlig ersättning i %(network)s") % {"network": network.name}, network)


@role_required()
def overview_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    county = request.user.organisation.county
    municipalities = list(Organisation.objects.municipalities().filter(county=county).order_by("name"))
    results = compare([m.pk for m in municipalities])
    rows = [
        (m, each.year, presentation.year_row(each, own=sees_own_figures(request.user, m)))
        for m in municipalities
        for each in sorted((s for (mid, _y), s in results.items() if mid == m.pk), key=lambda s: s.year)
    ]
    return _xlsx(exports.county_xlsx(rows), "statlig-ersattning-lan.xlsx")


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- one municipality ------------------------------------------------------------------------------------


@role_required()
def municipality_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    own = sees_own_figures(request.user, municipality)
    results = compare([municipality.pk])
    years = sorted(year for _, year in results)
    year = _year(request, years)
    per_year = [presentation.year_row(results[(municipality.pk, y)], own=own) for y in years]
    summary = results.get((municipality.pk, year)) if year else None
    kinds = []
    if summary is not None:
        for kind_year in summary.rows:
            kinds.append(
                (
                    presentation.kind_row(kind_year, own=own),
                    presentation.month_rows(kind_year, own=own),
                )
            )
    people = None
    if summary is not None and sees_own_people(request.user, municipality):
        people = persons.behind_differences(request.user, municipality, summary)
        if people.rows:
            record_read(
                actor=request.user,
                obj=municipality,
                what="statecomp.persons",
                request=request,
                object_repr=_("Mottagna bakom skillnader %(year)s, %(name)s")
                % {"year": year, "name": municipality.name},
            )
    may_write = Reception.objects.may_write_for(request.user, municipality)
    return render(
        request,
        "statecomp/municipality_detail.html",
        {
            "municipality": municipality,
            "own": own,
            "years": years,
            "year": year,
            "per_year": per_year,
            "chart": presentation.chart(per_year),
            "kinds": kinds,
            "people": people,
            "before_birth": summary.before_birth if summary is not None and own else 0,
            "shows_people": sees_own_people(request.user, municipality),
            "may_write": may_write,
            "applications": services.open_applications(
                Application.objects.visible_to(request.user).filter(municipality=municipality)
            ).select_related("kind")[:20]
            if own
            else [],
            "batches": ImportBatch.objects.visible_to(request.user).filter(municipality=municipality)[:10]
            if own
            else [],
            "today": today(),
        },
    )


@role_required()
def municipality_xlsx(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    own = sees_own_figures(request.user, municipality)
    results = compare([municipality.pk])
    summaries = [results[k] for k in sorted(results)]
    data = exports.municipality_xlsx(municipality, summaries, own=own)
    return _xlsx(data, f"statlig-ersattning-{municipality.scb_code}.xlsx")


@role_required(*WRITERS, write=True)
def reception_import(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    _writable(request, municipality)
    return _upload(request, municipality, services.import_receptions, "receptions")


@role_required(*WRITERS, write=True)
def payment_import(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    _writable(request, municipality)
    return _upload(request, municipality, services.import_payments, "payments")


def _upload(request: AuthenticatedRequest, municipality: Organisation, operation: Any, what: str) -> HttpResponse:
    form = UploadForm(
        request.POST if request.method == "POST" else None, request.FILES if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = operation(actor=request.user, municipality=municipality, name=upload.name, data=upload.read())
        except StatecompError as error:
            _error(form, error)
        else:
            messages.success(
                request, _("Filen %(name)s är inläst: %(n)s rader.") % {"name": batch.file_name, "n": batch.rows}
            )
            return redirect("statecomp:municipality_detail", code=municipality.scb_code)
    return render(
        request,
        "statecomp/upload.html",
        {"form": form, "municipality": municipality, "what": what},
        status=400 if form.errors else 200,
    )


@role_required(*WRITERS, write=True)
def payment_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    _writable(request, municipality)
    form = PaymentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = data["age_group"] or (None, None)
        try:
            services.record_payment(
                actor=request.user,
                municipality=municipality,
                kind=data["kind"],
                year=data["year"],
                month=data["month"],
                age_from=group[0],
                age_to=group[1],
                count=data["count"],
                amount_ore=data["amount"],
                paid_on=data["paid_on"],
                reference=data["reference"],
                note=data["note"],
            )
        except StatecompError as error:
            _error(form, error)
        else:
            messages.success(request, _("Utbetalningen är registrerad."))
            return redirect("statecomp:municipality_detail", code=municipality.scb_code)
    return render(
        request,
        "statecomp/form.html",
        {"form": form, "municipality": municipality, "title": _("Registrera en utbetalning från staten")},
        status=400 if form.errors else 200,
    )


@role_required()
def payment_list(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    if not sees_own_figures(request.user, municipality):
        raise Http404
    payments = (
        Payment.objects.visible_to(request.user)
        .filter(municipality=municipality)
        .select_related("kind", "batch")
        .order_by("-paid_on", "-id")
    )
    page = Paginator(payments, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "statecomp/payment_list.html", {"municipality": municipality, "page_obj": page})


# --- applications ---------------------------------------------------------------------------------------------


@role_required()
def application_list(request: AuthenticatedRequest) -> HttpResponse:
    applications = (
        Application.objects.visible_to(request.user).select_related("kind", "municipality").order_by("deadline", "id")
    )
    show_all = request.GET.get("alla") == "1"
    if not show_all:
        applications = services.open_applications(applications)
    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    writable = set(
        Application.objects.writable_by(request.user).filter(pk__in=[a.pk for a in page]).values_list("pk", flat=True)
    )
    return render(
        request,
        "statecomp/application_list.html",
        {"page_obj": page, "today": today(), "show_all": show_all, "writable": writable, "form": AppliedForm()},
    )


@role_required(*WRITERS, write=True)
def application_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    municipality = _municipality(code)
    _writable(request, municipality)
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_application(
                actor=request.user,
                municipality=municipality,
                kind=data["kind"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                deadline=data["deadline"],
                amount_ore=data["amount"],
                note=data["note"],
            )
        except StatecompError as error:
            _error(form, error)
        else:
            messages.success(request, _("Ansökan finns nu i listan över det som ska sökas."))
            return redirect("statecomp:application_list")
    return render(
        request,
        "statecomp/form.html",
        {"form": form, "municipality": municipality, "title": _("Något att ansöka om")},
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(*WRITERS, write=True)
def application_applied(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_object_for(request.user, Application, pk, write=True)
    form = AppliedForm(request.POST)
    if form.is_valid():
        try:
            services.mark_applied(
                actor=request.user,
                application=application,
                applied_on=form.cleaned_data["applied_on"],
                reference=form.cleaned_data["reference"],
            )
        except StatecompError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Ansökan är registrerad som inskickad."))
    else:
        messages.error(request, _("Ange dagen då ansökan skickades."))
    return redirect("statecomp:application_list")


# --- rates ---------------------------------------------------------------------------------------------------


@role_required()
def rate_list(request: AuthenticatedRequest) -> HttpResponse:
    kinds = list(CompensationKind.objects.visible_to(request.user).order_by("order", "name"))
    rates = (
        Rate.objects.visible_to(request.user)
        .select_related("kind")
        .order_by("kind__order", "-year", "valid_from", "housing", "age_from")
    )
    table = RateTable(rates)
    return render(
        request,
        "statecomp/rate_list.html",
        {
            "kinds": kinds,
            "rates": rates,
            "known_years": sorted({year for _, year in table.by_kind_year}),
            "may_enter": Rate.objects.writable_by(request.user).exists()
            or CompensationKind.objects.writable_by(request.user).exists(),
        },
    )


@role_required(Role.REGIONAL_COORDINATOR, write=True)
def rate_create(request: AuthenticatedRequest) -> HttpResponse:
    form = RateForm(request.POST if request.method == "POST" else None)
    form.fields["kind"].queryset = CompensationKind.objects.writable_by(request.user)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.enter_rate(
                actor=request.user,
                kind=data["kind"],
                year=data["year"],
                valid_from=data["valid_from"],
                age_from=data["age_group"][0],
                age_to=data["age_group"][1],
                housing=data["housing"],
                amount_ore=data["amount"],
                source=data["source"],
                note=data["note"],
            )
        except StatecompError as error:
            _error(form, error)
        else:
            messages.success(request, _("Beloppet är sparat med sin källa."))
            return redirect("statecomp:rate_list")
    return render(
        request,
        "statecomp/form.html",
        {"form": form, "title": _("Ange ett belopp för ett år som saknas")},
        status=400 if form.errors else 200,
    )
