from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.actionplans import exports, followup, services, spreadsheets
from samverkan.actionplans.forms import (
    AreaForm,
    CloseRoundForm,
    ImportForm,
    MeasureForm,
    MoveForm,
    PlanForm,
    ReorderForm,
    ReportForm,
    RoundForm,
    SubGoalForm,
)
from samverkan.actionplans.models import ActionPlan, Area, FollowUpRound, ImportJob, Measure, Report, SubGoal
from samverkan.actionplans.services import ActionPlanError
from samverkan.lib.tz import today
from samverkan.organisations.models import County, Organisation

PAGE_SIZE = 30
COORDINATOR = Role.REGIONAL_COORDINATOR
REPORTERS = (Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR)


def _form_error(form: Any, error: ActionPlanError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _may_manage(user: Any, plan: ActionPlan) -> bool:
    return ActionPlan.objects.writable_by(user).filter(pk=plan.pk).exists()


# --- plans ------------------------------------------------------------------------------------------------


@role_required()
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    plans = ActionPlan.objects.visible_to(request.user).select_related("county").order_by("-period_start", "title")
    page = Paginator(plans, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "actionplans/plan_list.html",
        {"page_obj": page, "may_create": request.user.role == COORDINATOR and request.user.role != Role.AUDITOR},
    )


@role_required(COORDINATOR, write=True)
def plan_create(request: AuthenticatedRequest) -> HttpResponse:
    form = PlanForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        county = request.user.organisation.county or County.objects.get(code=settings.COUNTY_CODE)
        try:
            plan = services.create_plan(actor=request.user, county=county, **form.cleaned_data)
        except ActionPlanError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Handlingsplanen är skapad. Lägg till insatsområden och insatser."))
            return redirect("actionplans:plan_detail", pk=plan.pk)
    return render(request, "actionplans/plan_form.html", {"form": form}, status=400 if form.errors else 200)


@role_required()
def plan_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = get_object_for(request.user, ActionPlan.objects.select_related("adopted_by__meeting__body"), pk)
    areas = list(plan.areas.order_by("rank"))
    measures = list(
        Measure.objects.filter(plan=plan)
        .select_related("lead", "subgoal")
        .prefetch_related("responsible")
        .order_by("area__rank", "rank", "id")
    )
    children: dict[int, list[Measure]] = {}
    for m in measures:
        if m.parent_id:
            children.setdefault(m.parent_id, []).append(m)
    blocks = []
    for area in areas:
        top = [m for m in measures if m.area_id == area.pk and m.parent_id is None]
        blocks.append({"area": area, "rows": [(m, children.get(m.pk, [])) for m in top]})
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            "plan": plan,
            "blocks": blocks,
            "rounds": plan.rounds.order_by("-opened_on"),
            "may_manage": _may_manage(request.user, plan),
        },
    )


@role_required(COORDINATOR, write=True)
def area_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = get_object_for(request.user, ActionPlan, pk, write=True)
    form = AreaForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_area(actor=request.user, plan=plan, **form.cleaned_data)
        messages.success(request, _("Insatsområdet är tillagt."))
        return redirect("actionplans:plan_detail", pk=plan.pk)
    return render(
        request,
        "actionplans/simple_form.html",
        {"form": form, "plan": plan, "heading": _("Nytt insatsområde"), "button": _("Lägg till")},
        status=400 if form.errors else 200,
    )


# --- measures ---------------------------------------------------------------------------------------------


@role_required()
def measure_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    measure = get_object_for(
        request.user, Measure.objects.select_related("plan", "area", "parent", "lead", "subgoal"), pk
    )
    reports = (
        Report.objects.visible_to(request.user)
        .filter(measure=measure)
        .select_related("round", "organisation")
        .order_by("-round__opened_on", "organisation__name")[:200]
    )
    return render(
        request,
        "actionplans/measure_detail.html",
        {
            "measure": measure,
            "subgoal": getattr(measure, "subgoal", None),
            "children": measure.children.order_by("rank"),
            "responsible": measure.responsible.order_by("name"),
            "decisions": measure.decision_links.select_related("decision__meeting__body").order_by(
                "decision__decided_on", "id"
            ),
            "reports": reports,
            "may_manage": _may_manage(request.user, measure.plan),
        },
    )


@role_required(COORDINATOR, write=True)
def measure_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area = get_object_for(request.user, Area.objects.select_related("plan"), pk, write=True)
    parent = None
    if request.GET.get("parent") or request.POST.get("parent"):
        parent = get_object_or_404(Measure, pk=request.GET.get("parent") or request.POST.get("parent"), area=area)
    return _measure_form(request, area, None, parent)


@role_required(COORDINATOR, write=True)
def measure_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    measure = get_object_for(request.user, Measure.objects.select_related("area__plan", "parent"), pk, write=True)
    return _measure_form(request, measure.area, measure, measure.parent)


def _measure_form(
    request: AuthenticatedRequest, area: Area, measure: Measure | None, parent: Measure | None
) -> HttpResponse:
    form = MeasureForm(
        request.POST if request.method == "POST" else None,
        county=area.plan.county,
        user=request.user,
        initial=MeasureForm.initial_for(measure) if measure else {"weight": 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            measure = services.save_measure(
                actor=request.user, area=area, parent=parent, measure=measure, **form.cleaned_data
            )
        except ActionPlanError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Insatsen är sparad."))
            return redirect("actionplans:measure_detail", pk=measure.pk)
    return render(
        request,
        "actionplans/measure_form.html",
        {"form": form, "area": area, "measure": measure, "parent": parent},
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR, write=True)
def subgoal_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    measure = get_object_for(request.user, Measure.objects.select_related("plan"), pk, write=True)
    existing = SubGoal.objects.filter(measure=measure).first()
    form = SubGoalForm(request.POST if request.method == "POST" else None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.set_subgoal(actor=request.user, measure=measure, **data)
        except ActionPlanError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Delmålet är sparat."))
            return redirect("actionplans:measure_detail", pk=measure.pk)
    return render(
        request,
        "actionplans/simple_form.html",
        {
            "form": form,
            "plan": measure.plan,
            "heading": _("Mätbart delmål: %(m)s") % {"m": measure.title},
            "button": _("Spara delmålet"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@role_required(COORDINATOR, write=True)
def measure_move(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Up/down by one place: plain buttons, so it works by keyboard and without JavaScript."""
    measure = get_object_for(request.user, Measure, pk, write=True)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Flytten kunde inte tolkas; ladda om sidan och försök igen."))
    else:
        try:
            services.move_measure(
                actor=request.user,
                measure=measure,
                direction=form.cleaned_data["direction"],
                expected_order_version=form.cleaned_data["order_version"],
            )
        except ActionPlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("”%(title)s” är flyttad.") % {"title": measure.title})
    return redirect(f"{_plan_url(measure.plan_id)}#insats-{measure.pk}")


@require_POST
@role_required(COORDINATOR, write=True)
def area_reorder(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """A whole new order for a group of siblings, sent by drag and drop (static/actionplans/reorder.js)."""
    area = get_object_for(request.user, Area, pk, write=True)
    form = ReorderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ordningen kunde inte tolkas; ladda om sidan och försök igen."))
    else:
        parent = None
        if form.cleaned_data["parent"]:
            parent = get_object_or_404(Measure, pk=form.cleaned_data["parent"], area=area)
        try:
            services.reorder_measures(
                actor=request.user,
                area=area,
                parent=parent,
                ordered_ids=form.cleaned_data["order"],
                expected_order_version=form.cleaned_data["order_version"],
            )
        except ActionPlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Prioritetsordningen är sparad."))
    return redirect(f"{_plan_url(area.plan_id)}#omrade-{area.pk}")


def _plan_url(plan_id: int) -> str:
    from django.urls import reverse

    return reverse("actionplans:plan_detail", args=[plan_id])


# --- rounds and reports ----------------------------------------------------------------------------------


@role_required(COORDINATOR, write=True)
def round_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = get_object_for(request.user, ActionPlan, pk, write=True)
    form = RoundForm(request.POST if request.method == "POST" else None, initial={"opened_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            round_ = services.open_round(actor=request.user, plan=plan, **form.cleaned_data)
        except ActionPlanError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Uppföljningsomgången är öppnad. De ansvariga organisationerna kan nu rapportera.")
            )
            return redirect("actionplans:round_detail", pk=round_.pk)
    return render(
        request,
        "actionplans/simple_form.html",
        {"form": form, "plan": plan, "heading": _("Öppna en uppföljningsomgång"), "button": _("Öppna omgången")},
        status=400 if form.errors else 200,
    )


@role_required()
def round_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound.objects.select_related("plan"), pk)
    links = (
        services.reportable(round_.plan_id)
        .select_related("measure__area", "organisation")
        .order_by("measure__area__rank", "measure__parent_id", "measure__rank", "organisation__name")
    )
    reports = {
        (r.measure_id, r.organisation_id): r for r in Report.objects.visible_to(request.user).filter(round=round_)
    }
    rows = []
    for link in links:
        rows.append(
            {
                "measure": link.measure,
                "organisation": link.organisation,
                "report": reports.get((link.measure_id, link.organisation_id)),
                "may_report": not round_.is_closed and services.may_report_for(request.user, link.organisation),
            }
        )
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    missing = services.missing_reports(round_)
    return render(
        request,
        "actionplans/round_detail.html",
        {
            "round": round_,
            "page_obj": page,
            "missing": missing,
            "reported": len(reports),
            "expected": len(rows),
            "may_manage": _may_manage(request.user, round_.plan),
            "may_import": not round_.is_closed and request.user.role in REPORTERS,
            "close_form": CloseRoundForm(initial={"closed_on": today()}),
            "today": today(),
        },
    )


@require_POST
@role_required(COORDINATOR, write=True)
def round_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound, pk, write=True)
    form = CloseRoundForm(request.POST)
    if form.is_valid():
        try:
            services.close_round(actor=request.user, round=round_, closed_on=form.cleaned_data["closed_on"])
        except ActionPlanError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Omgången är stängd. Dess rapporter kan inte längre ändras."))
    else:
        messages.error(request, _("Ange ett giltigt datum då omgången stängs."))
    return redirect("actionplans:round_detail", pk=round_.pk)


@require_POST
@role_required(COORDINATOR, write=True)
def round_remind(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound, pk, write=True)
    try:
        sent = services.send_reminders(actor=request.user, round=round_)
    except ActionPlanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(n)s påminnelser skickades.") % {"n": sent})
    return redirect("actionplans:round_detail", pk=round_.pk)


@role_required(*REPORTERS, write=True)
def report_edit(request: AuthenticatedRequest, pk: int, measure: int, organisation: str) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound.objects.select_related("plan"), pk)
    measure_obj = get_object_for(
        request.user, Measure.objects.select_related("subgoal"), measure, plan_id=round_.plan_id
    )
    org = get_object_or_404(Organisation, code=organisation)
    if not services.may_report_for(request.user, org):
        raise PermissionDenied
    if not measure_obj.responsible.filter(pk=org.pk).exists():
        raise PermissionDenied
    subgoal = getattr(measure_obj, "subgoal", None)
    existing = Report.objects.filter(round=round_, measure=measure_obj, organisation=org).first()
    initial = (
        {"value": existing.value, "status": existing.status, "progress": existing.progress, "comment": existing.comment}
        if existing
        else {}
    )
    form = ReportForm(request.POST if request.method == "POST" else None, subgoal=subgoal, initial=initial)
    status = 200
    if round_.is_closed:
        form.add_error(None, _("Uppföljningsomgången är stängd; rapporter kan inte längre lämnas eller ändras."))
        status = 409
    elif request.method == "POST" and form.is_valid():
        try:
            services.submit_report(
                actor=request.user,
                round=round_,
                measure=measure_obj,
                organisation=org,
                value=form.cleaned_data.get("value"),
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                comment=form.cleaned_data["comment"],
            )
        except ActionPlanError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Rapporten är sparad."))
            return redirect("actionplans:round_detail", pk=round_.pk)
    if form.errors and status == 200:
        status = 400
    return render(
        request,
        "actionplans/report_form.html",
        {
            "form": form,
            "round": round_,
            "measure": measure_obj,
            "organisation": org,
            "subgoal": subgoal,
            "existing": existing,
        },
        status=status,
    )


# --- the follow-up report -------------------------------------------------------------------------------


@role_required()
def followup_report(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound.objects.select_related("plan"), pk)
    report = followup.build(round_, today())
    return render(
        request,
        "actionplans/followup_report.html",
        {"r": report, "round": round_, "other_rounds": round_.plan.rounds.order_by("opened_on")},
    )


@role_required()
def followup_report_pdf(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound.objects.select_related("plan"), pk)
    # The steering group downloads the same report before a meeting: rendered once per change.
    key = "actionplans:followup:pdf:" + hashlib.sha256(followup.fingerprint(round_, today()).encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = exports.followup_pdf(followup.build(round_, today()))
        cache.set(key, pdf, 60 * 60)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{round_.pk}.pdf"'
    return response


# --- Excel -----------------------------------------------------------------------------------------------


@role_required()
def plan_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = get_object_for(request.user, ActionPlan, pk)
    response = HttpResponse(spreadsheets.plan_xlsx(plan), content_type=spreadsheets.XLSX)
    response["Content-Disposition"] = f'attachment; filename="handlingsplan-{plan.pk}.xlsx"'
    return response


@role_required()
def round_xlsx(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound, pk)
    response = HttpResponse(spreadsheets.reports_xlsx(round_), content_type=spreadsheets.XLSX)
    response["Content-Disposition"] = f'attachment; filename="rapporter-{round_.pk}.xlsx"'
    return response


@role_required(COORDINATOR, write=True)
def plan_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    plan = get_object_for(request.user, ActionPlan, pk, write=True)
    return _import(request, ImportJob.Kind.PLAN, plan, None)


@role_required(*REPORTERS, write=True)
def round_import(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = get_object_for(request.user, FollowUpRound.objects.select_related("plan"), pk)
    return _import(request, ImportJob.Kind.REPORTS, round_.plan, round_)


def _import(request: AuthenticatedRequest, kind: str, plan: ActionPlan, round_: FollowUpRound | None) -> HttpResponse:
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = spreadsheets.start_import(
            actor=request.user, kind=kind, plan=plan, round=round_, upload=form.cleaned_data["file"]
        )
        return redirect("actionplans:import_detail", pk=job.pk)
    return render(
        request,
        "actionplans/import_form.html",
        {"form": form, "plan": plan, "round": round_, "kind": kind},
        status=400 if form.errors else 200,
    )


@role_required()
def import_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_for(request.user, ImportJob.objects.select_related("plan", "round").defer("content"), pk)
    return render(request, "actionplans/import_detail.html", {"job": job})
