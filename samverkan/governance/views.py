from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role
from samverkan.accounts.tenancy import get_object_for
from samverkan.accounts.typing import AuthenticatedRequest
from samverkan.governance import ical, services
from samverkan.governance.forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    EndMembershipForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
)
from samverkan.governance.models import Body, Meeting, Membership
from samverkan.governance.services import GovernanceError
from samverkan.lib.tz import today

PAGE_SIZE = 30
COORDINATOR = Role.REGIONAL_COORDINATOR


def _form_error(form: Any, error: GovernanceError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@role_required()
def body_list(request: AuthenticatedRequest) -> HttpResponse:
    bodies = Body.objects.visible_to(request.user).select_related("reports_to").order_by("kind", "name")
    page = Paginator(bodies, PAGE_SIZE).get_page(request.GET.get("page"))
    upcoming = (
        Meeting.objects.visible_to(request.user)
        .filter(starts_at__date__gte=today())
        .select_related("body")
        .order_by("starts_at")[:10]
    )
    return render(request, "governance/body_list.html", {"page_obj": page, "upcoming": upcoming})


def _parse_day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else today()
    except ValueError:
        return today()


@role_required()
def body_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_object_for(request.user, Body.objects.select_related("reports_to", "network"), pk)
    day = _parse_day(request.GET.get("datum"))
    members = body.memberships.active_on(day).select_related("organisation").order_by("position", "person_name")
    history = body.memberships.select_related("organisation").order_by("-valid_from", "person_name")[:200]
    meetings = Paginator(body.meetings.order_by("-starts_at"), PAGE_SIZE).get_page(request.GET.get("page"))
    feed = request.build_absolute_uri(reverse("governance:body_calendar", args=[body.pk]))
    return render(
        request,
        "governance/body_detail.html",
        {
            "body": body,
            "day": day,
            "members": members,
            "history": history,
            "page_obj": meetings,
            "feed_url": feed,
            "subscribe_url": f"{feed}?nyckel={body.calendar_token}",
            "may_manage": Body.objects.writable_by(request.user).filter(pk=body.pk).exists(),
            "end_form": EndMembershipForm(initial={"valid_to": today()}),
        },
    )


@role_required(COORDINATOR, write=True)
def membership_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_object_for(request.user, Body, pk, write=True)
    form = MembershipForm(request.POST if request.method == "POST" else None, county=body.county)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_membership(actor=request.user, body=body, **form.cleaned_data)
        except GovernanceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Ledamoten är tillagd."))
            return redirect("governance:body_detail", pk=body.pk)
    return render(
        request, "governance/membership_form.html", {"form": form, "body": body}, status=400 if form.errors else 200
    )


@require_POST
@role_required(COORDINATOR, write=True)
def membership_end(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    membership = get_object_for(request.user, Membership.objects.select_related("body"), pk, write=True)
    form = EndMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.end_membership(actor=request.user, membership=membership, valid_to=form.cleaned_data["valid_to"])
        except GovernanceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uppdraget är avslutat."))
    else:
        messages.error(request, _("Ange ett giltigt datum då uppdraget slutar."))
    return redirect("governance:body_detail", pk=membership.body_id)


@role_required(COORDINATOR, write=True)
def meeting_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    body = get_object_for(request.user, Body, pk, write=True)
    return _meeting_form(request, body, None)


@role_required(COORDINATOR, write=True)
def meeting_update(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk, write=True)
    return _meeting_form(request, meeting.body, meeting)


def _meeting_form(request: AuthenticatedRequest, body: Body, meeting: Meeting | None) -> HttpResponse:
    initial = MeetingForm.initial_for(meeting) if meeting else {"kind": Meeting.Kind.MEETING}
    form = MeetingForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            meeting = services.save_meeting(
                actor=request.user,
                body=body,
                meeting=meeting,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                starts_at=starts_at,
                ends_at=ends_at,
                location=form.cleaned_data["location"],
                cancelled=form.cleaned_data["cancelled"],
            )
        except GovernanceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Mötet är sparat."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/meeting_form.html",
        {"form": form, "body": body, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@role_required()
def meeting_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk)
    return render(
        request,
        "governance/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": meeting.agenda_items.order_by("number"),
            "attendance": meeting.attendances.select_related("membership__organisation").order_by(
                "membership__person_name"
            ),
            "decisions": meeting.decisions.select_related("agenda_item").order_by("number"),
            "may_manage": Meeting.objects.writable_by(request.user).filter(pk=meeting.pk).exists(),
        },
    )


@role_required(COORDINATOR, write=True)
def agenda_item_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk, write=True)
    form = AgendaItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.add_agenda_item(actor=request.user, meeting=meeting, **form.cleaned_data)
        messages.success(request, _("Punkten är tillagd på dagordningen."))
        return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Ny punkt på dagordningen"), "button": _("Lägg till")},
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR, write=True)
def attendance(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk, write=True)
    members = list(
        meeting.body.memberships.active_on(meeting.date).select_related("organisation").order_by("person_name")
    )
    current = dict(meeting.attendances.values_list("membership_id", "status"))
    form = AttendanceForm(request.POST if request.method == "POST" else None, members=members, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_attendance(actor=request.user, meeting=meeting, statuses=form.statuses())
        except GovernanceError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Närvaron är sparad."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Närvaro"), "button": _("Spara närvaron")},
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR, write=True)
def minutes(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk, write=True)
    form = MinutesForm(
        request.POST if request.method == "POST" else None,
        initial={"minutes": meeting.minutes, "approved_on": meeting.minutes_approved_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_minutes(
                actor=request.user,
                meeting=meeting,
                minutes=form.cleaned_data["minutes"],
                approved_on=form.cleaned_data["approved_on"],
            )
        except GovernanceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Protokollet är sparat."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Protokoll"), "button": _("Spara protokollet")},
        status=400 if form.errors else 200,
    )


@role_required(COORDINATOR, write=True)
def decision_create(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    meeting = get_object_for(request.user, Meeting.objects.select_related("body"), pk, write=True)
    form = DecisionForm(request.POST if request.method == "POST" else None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_decision(
                actor=request.user,
                meeting=meeting,
                text=form.cleaned_data["text"],
                agenda_item=form.cleaned_data["agenda_item"],
            )
        except GovernanceError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Beslutet är registrerat."))
            return redirect("governance:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "governance/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("Nytt beslut"), "button": _("Registrera beslutet")},
        status=400 if form.errors else 200,
    )


def body_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's meetings as iCalendar. Logged in, or with the body's subscription key (?nyckel=) for
    calendar programs that cannot log in; the key gives the meetings of this body and nothing else."""
    key = request.GET.get("nyckel", "")
    if key:
        body = Body.objects.filter(pk=pk).first()
        if body is None or not secrets.compare_digest(body.calendar_token, key):
            raise Http404
    elif request.user.is_authenticated:
        body = get_object_for(request.user, Body, pk)
    else:
        return redirect_to_login(request.get_full_path())
    meetings = body.meetings.prefetch_related("agenda_items").order_by("starts_at")[:500]
    urls = {m.pk: request.build_absolute_uri(reverse("governance:meeting_detail", args=[m.pk])) for m in meetings}
    data = ical.calendar(body, meetings, url_for=urls, domain=request.get_host().split(":")[0])
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="kalender-{body.pk}.ics"'
    return response
