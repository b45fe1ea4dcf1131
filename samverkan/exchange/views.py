"""Pages of the exchange: the public catalogue, services, participants, placements, attendance, imports."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role, is_regional, may_write
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.exchange import catalogue, imports, languages, retention, services, statistics
from samverkan.exchange.forms import (
    AttendanceForm,
    CatalogueForm,
    DeclineForm,
    EndForm,
    FindForm,
    ImportForm,
    InterruptionForm,
    MoveForm,
    ParticipantForm,
    PlacementForm,
    PriceForm,
    ServiceForm,
    StartForm,
)
from samverkan.exchange.models import (
    HOME_WRITERS,
    PROVIDER_WRITERS,
    Attendance,
    AttendanceAdjustment,
    ImportJob,
    Participant,
    Placement,
    Service,
    first_of_month,
    own_municipality,
    shows_identity,
    shows_person,
)
from samverkan.exchange.services import ExchangeError
from samverkan.lib.tz import today
from samverkan.organisations.models import Organisation

PAGE_SIZE = 30
HOME_AND_PROVIDER = (Role.CASE_OFFICER, Role.MUNICIPAL_COORDINATOR, Role.PROVIDER_STAFF, Role.AUDITOR)


def _form_error(form: Any, error: ExchangeError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _render_form(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    form = context["form"]
    return render(request, template, context, status=400 if form.is_bound and form.errors else 200)


# --- the public catalogue --------------------------------------------------------------------------


def catalogue_list(request: HttpRequest) -> HttpResponse:
    """The county's services for everyone, without login: search, filters, free places, how to apply."""
    form = CatalogueForm(request.GET or None)
    filters = catalogue.Filters.from_form(form.cleaned_data if form.is_valid() else {})
    services = catalogue.find(Service.objects.published(), filters, today())
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    for service in page.object_list:
        service.free = catalogue.free_places(service)
        service.km = catalogue.distance_km(service)
        service.language_names = [languages.name(code) for code in service.language_list]
    return render(
        request,
        "exchange/catalogue.html",
        {"form": form, "page_obj": page, "filters": filters, "query": request.GET.urlencode()},
        status=400 if form.is_bound and form.errors else 200,
    )


def catalogue_detail(request: HttpRequest, code: str) -> HttpResponse:
    services = catalogue.annotate_places(Service.objects.select_related("provider"), today())
    service = get_object_for(request.user, services, code=code)
    return render(
        request,
        "exchange/catalogue_detail.html",
        {
            "service": service,
            "free": catalogue.free_places(service),
            "language_names": [languages.name(code) for code in service.language_list],
            "starts": service.starts.filter(starts_on__gte=today()).order_by("starts_on")[:10],
            "price": service.prices.filter(valid_from__lte=today()).exclude(valid_to__lt=today()).last(),
            "may_place": request.user.is_authenticated and getattr(request.user, "role", None) in HOME_WRITERS,
            "may_edit": Service.objects.writable_by(request.user).filter(pk=service.pk).exists(),
        },
    )


# --- the municipality's own services -------------------------------------------------------------------


@role_required()
def service_list(request: AuthenticatedRequest) -> HttpResponse:
    services = catalogue.annotate_places(
        Service.objects.of_own_municipality(request.user).select_related("provider"), today()
    ).order_by("name", "id")
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    for service in page.object_list:
        service.free = catalogue.free_places(service)
    return render(
        request,
        "exchange/service_list.html",
        {
            "page_obj": page,
            "may_create": request.user.role == Role.MUNICIPAL_COORDINATOR
            and own_municipality(request.user) is not None,
        },
    )


def _own_municipality(user: Any) -> Organisation:
    municipality = own_municipality(user)
    if municipality is None:
        raise PermissionDenied
    return municipality


@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def service_create(request: AuthenticatedRequest) -> HttpResponse:
    provider = _own_municipality(request.user)
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        service = services.save_service(actor=request.user, form=form, provider=provider)
        messages.success(request, _("Insatsen är sparad."))
        return redirect("exchange:service_update", code=service.code)
    return _render_form(request, "exchange/service_form.html", {"form": form, "provider": provider})


@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def service_update(request: AuthenticatedRequest, code: str) -> HttpResponse:
    service = get_object_for(request.user, Service, code=code, write=True)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        services.save_service(actor=request.user, form=form, provider=service.provider)
        messages.success(request, _("Insatsen är sparad."))
        return redirect("exchange:service_update", code=service.code)
    return _render_form(
        request,
        "exchange/service_form.html",
        {
            "form": form,
            "service": service,
            "provider": service.provider,
            "prices": service.prices.order_by("-valid_from"),
            "starts": service.starts.order_by("-starts_on")[:20],
            "price_form": PriceForm(),
            "start_form": StartForm(),
        },
    )


@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def service_price(request: AuthenticatedRequest, code: str) -> HttpResponse:
    service = get_object_for(request.user, Service, code=code, write=True)
    return _form_page(
        request,
        PriceForm(request.POST or None),
        lambda data: services.set_price(
            actor=request.user, service=service, valid_from=data["valid_from"], amount_ore=data["amount"]
        ),
        caption=service.name,
        title=_("Nytt pris"),
        success=_("Priset är sparat."),
        then=lambda _result: redirect("exchange:service_update", code=service.code),
    )


@role_required(Role.MUNICIPAL_COORDINATOR, write=True)
def service_start(request: AuthenticatedRequest, code: str) -> HttpResponse:
    service = get_object_for(request.user, Service, code=code, write=True)
    return _form_page(
        request,
        StartForm(request.POST or None),
        lambda data: services.add_start(actor=request.user, service=service, **data),
        caption=service.name,
        title=_("Ny start"),
        success=_("Starten är sparad."),
        then=lambda _result: redirect("exchange:service_update", code=service.code),
    )


def _form_page(
    request: HttpRequest,
    form: Any,
    operation: Callable[[dict[str, Any]], Any],
    *,
    caption: str,
    title: str,
    success: str | Callable[[Any], str],
    then: Callable[[Any], HttpResponse],
) -> HttpResponse:
    """A form whose cleaned data go to one service operation.

    A refusal (ExchangeError) goes back onto the form, in Swedish; success gives a message
    and the redirect `then(result)`.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = operation(form.cleaned_data)
        except ExchangeError as error:
            _form_error(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return then(result)
    return _render_form(request, "exchange/simple_form.html", {"form": form, "caption": caption, "title": title})


# --- participants ------------------------------------------------------------------------------------


@role_required(*HOME_AND_PROVIDER)
def participant_list(request: AuthenticatedRequest) -> HttpResponse:
    people = Participant.objects.visible_to(request.user).select_related("home_municipality")
    text = request.GET.get("q", "").strip()
    if text:
        people = people.filter(Q(first_name__icontains=text) | Q(last_name__icontains=text) | Q(code__iexact=text))
    page = Paginator(people.order_by("last_name", "first_name", "id"), PAGE_SIZE).get_page(request.GET.get("page"))
    for person in page.object_list:
        person.identity_shown = shows_identity(request.user, person)
    services.record_list_read(
        actor=request.user, what="participant_list", codes=[p.code for p in page.object_list], request=request
    )
    return render(
        request,
        "exchange/participant_list.html",
        {
            "page_obj": page,
            "q": text,
            "find_form": FindForm(),
            "may_register": _may_register(request.user),
        },
    )


@role_required(*HOME_WRITERS, write=True)
def participant_create(request: AuthenticatedRequest) -> HttpResponse:
    home = _own_municipality(request.user)
    form = ParticipantForm(request.POST or None)
    if not request.user.may_see_protected:
        # Only authorised officers register people with protected personal data: others do not get the choice.
        del form.fields["protected"]
    return _form_page(
        request,
        form,
        lambda data: services.register_participant(actor=request.user, home_municipality=home, **data),
        caption=home.name,
        title=_("Registrera deltagare"),
        success=_("Deltagaren är registrerad."),
        then=lambda person: redirect("exchange:participant_detail", code=person.code),
    )


@role_required(*HOME_AND_PROVIDER)
@require_POST
def participant_find(request: AuthenticatedRequest) -> HttpResponse:
    """Find a person by identity number, among those the user may see only (POST: the number stays out of URLs)."""
    form = FindForm(request.POST)
    if form.is_valid():
        found = services.find_participant(form.cleaned_data["identity_number"])
        if found is not None and Participant.objects.visible_to(request.user).filter(pk=found.pk).exists():
            return redirect("exchange:participant_detail", code=found.code)
        form.add_error("identity_number", _("Ingen deltagare som du har behörighet till har det personnumret."))
    people = Participant.objects.none()
    page = Paginator(people, PAGE_SIZE).get_page(1)
    return render(
        request,
        "exchange/participant_list.html",
        {"page_obj": page, "find_form": form, "may_register": _may_register(request.user)},
        status=404,
    )


def _participant_context(request: AuthenticatedRequest, person: Participant, **extra: Any) -> dict[str, Any]:
    placements = (
        Placement.objects.visible_to(request.user)
        .filter(participant=person)
        .select_related("service", "provider", "home_municipality")
        .order_by("-start")[:50]
    )
    return {
        "person": person,
        "placements": placements,
        "residences": person.residences.select_related("municipality").order_by("valid_from"),
        "may_reveal": Participant.objects.identifiable_by(request.user).filter(pk=person.pk).exists(),
        "may_change": Participant.objects.writable_by(request.user).filter(pk=person.pk).exists(),
        **extra,
    }


@role_required(*HOME_AND_PROVIDER)
def participant_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_object_for(request.user, Participant.objects.select_related("home_municipality"), code=code)
    services.read_participant(actor=request.user, participant=person, request=request)
    return render(request, "exchange/participant_detail.html", _participant_context(request, person))


@role_required(Role.CASE_OFFICER, Role.MUNICIPAL_COORDINATOR, Role.AUDITOR)
@require_POST
def participant_reveal(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Show the full identity number once, on request; the showing is audited."""
    person = get_object_for(request.user, Participant.objects.select_related("home_municipality"), code=code)
    if not Participant.objects.identifiable_by(request.user).filter(pk=person.pk).exists():
        raise PermissionDenied
    number = services.reveal_identity(actor=request.user, participant=person, request=request)
    response = render(request, "exchange/participant_detail.html", _participant_context(request, person, number=number))
    response["Cache-Control"] = "no-store"
    return response


@role_required(*HOME_WRITERS, write=True)
def participant_move(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_object_for(request.user, Participant, code=code, write=True)

    def then(_result: Any) -> HttpResponse:
        # After a move away the person is no longer this municipality's to see.
        if Participant.objects.visible_to(request.user).filter(pk=person.pk).exists():
            return redirect("exchange:participant_detail", code=person.code)
        return redirect("exchange:participant_list")

    return _form_page(
        request,
        MoveForm(request.POST or None),
        lambda data: services.move_participant(actor=request.user, participant=person, **data),
        caption=person.full_name,
        title=_("Registrera flytt"),
        success=_("Flytten är registrerad."),
        then=then,
    )


@role_required(*HOME_WRITERS, write=True)
def participant_export(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Everything held about the person, as JSON, for a GDPR access request (registerutdrag)."""
    person = get_object_for(
        request.user, Participant.objects.select_related("home_municipality"), code=code, write=True
    )
    data = retention.export_personal_data(actor=request.user, participant=person, request=request)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="registerutdrag-{person.code}.json"'
    response["Cache-Control"] = "no-store"
    return response


# --- placements ------------------------------------------------------------------------------------------


def _placement_rows(user: Any, placements: list[Placement]) -> list[Placement]:
    for placement in placements:
        placement.person_shown = shows_person(user, placement.participant, placement)
    return placements


def _may_register(user: Any) -> bool:
    """Whether the user may register residents: a municipality's own officer (not a district, not an auditor)."""
    return user.role in HOME_WRITERS and own_municipality(user) is not None


def _may_import(user: Any) -> bool:
    """Whether the user may start a bulk import: the same people import_create lets in."""
    return may_write(user) and user.role in (*HOME_WRITERS, *PROVIDER_WRITERS) and own_municipality(user) is not None


@role_required(*HOME_AND_PROVIDER)
def placement_list(request: AuthenticatedRequest) -> HttpResponse:
    placements = Placement.objects.visible_to(request.user).select_related(
        "participant", "service", "provider", "home_municipality"
    )
    side = request.GET.get("sida", "")
    if side == "hem":
        placements = placements.filter(pk__in=Placement.objects.requested_by(request.user).values("pk"))
    elif side == "anordnare":
        placements = placements.filter(pk__in=Placement.objects.provided_by(request.user).values("pk"))
    status = request.GET.get("status", "")
    if status in Placement.Status.values:
        placements = placements.filter(status=status)
    page = Paginator(placements.order_by("-start", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _placement_rows(request.user, list(page.object_list))
    services.record_list_read(
        actor=request.user,
        what="placement_list",
        codes=[p.participant.code for p in rows if p.person_shown],
        request=request,
    )
    return render(
        request,
        "exchange/placement_list.html",
        {
            "page_obj": page,
            "rows": rows,
            "side": side,
            "status": status,
            "statuses": Placement.Status.choices,
            "may_import": _may_import(request.user),
        },
    )


@role_required(*HOME_WRITERS, write=True)
def placement_create(request: AuthenticatedRequest, code: str) -> HttpResponse:
    person = get_object_for(request.user, Participant, code=code, write=True)
    choices = (
        Service.objects.visible_to(request.user)
        .filter(Q(published=True) | Q(provider=person.home_municipality))
        .select_related("provider")
        .order_by("name", "provider__name")
    )
    return _form_page(
        request,
        PlacementForm(request.POST or None, services=choices, initial={"service": request.GET.get("insats")}),
        lambda data: services.request_placement(actor=request.user, participant=person, **data),
        caption=person.full_name,
        title=_("Begär placering"),
        success=_("Placeringen är begärd. Anordnaren antar eller avböjer den."),
        then=lambda placement: redirect("exchange:placement_detail", code=placement.code),
    )


@role_required(*HOME_AND_PROVIDER)
def placement_detail(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = get_object_for(
        request.user,
        Placement.objects.select_related("participant", "service", "provider", "home_municipality").prefetch_related(
            "interruptions"
        ),
        code=code,
    )
    shown = shows_person(request.user, placement.participant, placement)
    if shown:
        services.read_participant(actor=request.user, participant=placement.participant, request=request)
    provided = Placement.objects.provided_by(request.user).filter(pk=placement.pk).exists()
    requested = Placement.objects.requested_by(request.user).filter(pk=placement.pk).exists()
    return render(
        request,
        "exchange/placement_detail.html",
        {
            "placement": placement,
            "person_shown": shown,
            "attendance": placement.attendance.select_related("payer").order_by("-month")[:36],
            "adjustments": placement.adjustments.order_by("-created_at")[:36],
            "may_decide": provided and placement.status == Placement.Status.REQUESTED,
            "may_report": provided and placement.status == Placement.Status.ACCEPTED,
            "may_end": (provided or requested) and placement.status == Placement.Status.ACCEPTED,
            "may_withdraw": requested and placement.status == Placement.Status.REQUESTED,
            "participant_visible": shown
            and Participant.objects.visible_to(request.user).filter(pk=placement.participant_id).exists(),
            "identity_shown": shows_identity(request.user, placement.participant),
        },
    )


def _placement_on_side(request: AuthenticatedRequest, code: str, side: Callable[[Any], Any]) -> Placement:
    """The placement, for acting on it from one side (`Placement.objects.provided_by` or
    `requested_by`): 404 when the user may not see it at all, 403 when it is not the user's side."""
    placement = get_object_for(request.user, Placement, code=code)
    if not side(request.user).filter(pk=placement.pk).exists():
        raise PermissionDenied
    return placement


def _placement_action(request: AuthenticatedRequest, placement: Placement, action: Any, message: str) -> HttpResponse:
    try:
        action(actor=request.user, placement=placement)
    except ExchangeError as error:
        messages.error(request, error.message)
        return redirect("exchange:placement_detail", code=placement.code)
    messages.success(request, message)
    return redirect("exchange:placement_detail", code=placement.code)


@role_required(*PROVIDER_WRITERS, write=True)
@require_POST
def placement_accept(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = _placement_on_side(request, code, Placement.objects.provided_by)
    return _placement_action(request, placement, services.accept_placement, _("Placeringen är antagen."))


@role_required(*PROVIDER_WRITERS, write=True)
def placement_decline(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = _placement_on_side(request, code, Placement.objects.provided_by)
    return _form_page(
        request,
        DeclineForm(request.POST or None),
        lambda data: services.decline_placement(actor=request.user, placement=placement, reason=data["reason"]),
        caption=placement.code,
        title=_("Avböj placering"),
        success=_("Placeringen är avböjd."),
        then=lambda _result: redirect("exchange:placement_list"),
    )


@role_required(*HOME_WRITERS, write=True)
@require_POST
def placement_withdraw(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = _placement_on_side(request, code, Placement.objects.requested_by)
    return _placement_action(request, placement, services.withdraw_placement, _("Begäran är återkallad."))


@role_required(*HOME_WRITERS, *PROVIDER_WRITERS, write=True)
def placement_end(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = get_object_for(request.user, Placement, code=code, write=True)
    return _form_page(
        request,
        EndForm(request.POST or None),
        lambda data: services.end_placement(actor=request.user, placement=placement, end=data["end"]),
        caption=placement.code,
        title=_("Avsluta placering"),
        success=_("Placeringen är avslutad."),
        then=lambda _result: redirect("exchange:placement_detail", code=placement.code),
    )


@role_required(*PROVIDER_WRITERS, write=True)
def placement_interrupt(request: AuthenticatedRequest, code: str) -> HttpResponse:
    placement = _placement_on_side(request, code, Placement.objects.provided_by)
    return _form_page(
        request,
        InterruptionForm(request.POST or None),
        lambda data: services.add_interruption(actor=request.user, placement=placement, **data),
        caption=placement.code,
        title=_("Registrera avbrott"),
        success=_("Avbrottet är registrerat."),
        then=lambda _result: redirect("exchange:placement_detail", code=placement.code),
    )


# --- attendance ------------------------------------------------------------------------------------------


@role_required(*PROVIDER_WRITERS, write=True)
def attendance_report(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Report a month, or correct one; a locked month gets an adjustment in the next open month."""
    placement = _placement_on_side(request, code, Placement.objects.provided_by)
    initial_month = request.GET.get("manad") or f"{first_of_month(today()):%Y-%m}"

    def success(result: Attendance | AttendanceAdjustment) -> str:
        if isinstance(result, AttendanceAdjustment):
            return _("Månaden är låst. Rättelsen är sparad och förs till %(m)s.") % {"m": f"{result.carried_to:%Y-%m}"}
        return _("Närvaron är rapporterad.")

    return _form_page(
        request,
        AttendanceForm(request.POST or None, initial={"month": initial_month}),
        lambda data: services.correct_attendance(
            actor=request.user,
            placement=placement,
            month=data["month"],
            days_present=data["days_present"],
            hours=data["hours"],
            reason=data["reason"],
        ),
        caption=placement.code,
        title=_("Rapportera närvaro"),
        success=success,
        then=lambda _result: redirect("exchange:placement_detail", code=placement.code),
    )


def _parse_month(text: str | None) -> dt.date:
    try:
        return dt.datetime.strptime(text or "", "%Y-%m").date()
    except ValueError:
        return first_of_month(today())


@role_required(*HOME_AND_PROVIDER)
def attendance_month(request: AuthenticatedRequest) -> HttpResponse:
    """A month of the provider's placements with what has been reported: the work list for reporting."""
    month = _parse_month(request.GET.get("manad"))
    last = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    placements = (
        Placement.objects.visible_to(request.user)
        .filter(status=Placement.Status.ACCEPTED, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=month))
        .select_related("participant", "service", "provider", "home_municipality")
        .prefetch_related(Prefetch("attendance", queryset=Attendance.objects.filter(month=month), to_attr="this_month"))
        .order_by("service__name", "participant__last_name", "id")
    )
    page = Paginator(placements, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = _placement_rows(request.user, list(page.object_list))
    reportable = set(
        Placement.objects.provided_by(request.user).filter(pk__in=[p.pk for p in rows]).values_list("pk", flat=True)
    )
    for placement in rows:
        placement.may_report = placement.pk in reportable
    services.record_list_read(
        actor=request.user,
        what="attendance_month",
        codes=[p.participant.code for p in rows if p.person_shown],
        request=request,
    )
    previous = (month - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return render(
        request,
        "exchange/attendance_month.html",
        {
            "month": month,
            "rows": rows,
            "page_obj": page,
            "locked": services.is_locked(month),
            "previous": previous,
            "following": following if following <= first_of_month(today()) else None,
        },
    )


# --- bulk import -------------------------------------------------------------------------------------------


@role_required(*HOME_WRITERS, *PROVIDER_WRITERS, write=True)
def import_create(request: AuthenticatedRequest) -> HttpResponse:
    organisation = _own_municipality(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.start(
            actor=request.user,
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        )
        return redirect("exchange:import_detail", pk=job.pk)
    jobs = ImportJob.objects.visible_to(request.user).order_by("-created_at")[:10]
    return _render_form(request, "exchange/import_form.html", {"form": form, "jobs": jobs})


@role_required(*HOME_WRITERS, *PROVIDER_WRITERS)
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_for(request.user, ImportJob, pk)
    return render(request, "exchange/import_detail.html", {"job": job, "errors": job.errors[:500]})


def import_template(request: HttpRequest, kind: str) -> HttpResponse:
    """An empty file with the columns an import expects (public: it holds no data)."""
    columns = imports.COLUMNS.get(kind)
    if columns is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="mall-{kind}.csv"'
    response.write("\ufeff")
    csv.writer(response, delimiter=";").writerow(columns)
    return response


# --- county figures ------------------------------------------------------------------------------------------


@role_required()
def statistics_page(request: AuthenticatedRequest) -> HttpResponse:
    """County aggregates: placements between municipalities and per category, small counts suppressed."""
    return render(
        request,
        "exchange/statistics.html",
        {
            "flows": statistics.flows(),
            "categories": statistics.by_category(),
            "threshold": settings.SMALL_COUNT_THRESHOLD,
            "regional": is_regional(request.user),
            "services_count": Service.objects.published().count(),
            "municipalities": Organisation.objects.municipalities()
            .in_county(settings.COUNTY_CODE)
            .annotate(n=Count("services", filter=Q(services__published=True)))
            .order_by("name"),
        },
    )
