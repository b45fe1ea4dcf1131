from __future__ import annotations

from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from samverkan.accounts.decorators import role_required
from samverkan.accounts.roles import Role, is_regional
from samverkan.audit.forms import EventSearchForm
from samverkan.audit.models import AuditEvent
from samverkan.core.pagination import BoundedPaginator
from samverkan.organisations.models import Organisation

PAGE_SIZE = 50


def filter_events(events, data):
    if data.get("q"):
        q = data["q"]
        events = events.filter(Q(action__icontains=q) | Q(object_repr__icontains=q) | Q(actor_label__icontains=q))
    if data.get("organisation"):
        events = events.filter(organisation=data["organisation"])
    if data.get("personal_data"):
        events = events.filter(personal_data=True)
    if data.get("date_from"):
        events = events.filter(at__date__gte=data["date_from"])
    if data.get("date_to"):
        events = events.filter(at__date__lte=data["date_to"])
    return events


@role_required(Role.REGIONAL_COORDINATOR, Role.MUNICIPAL_COORDINATOR, Role.AUDITOR)
def event_list(request: HttpRequest) -> HttpResponse:
    organisations = Organisation.objects.order_by("name") if is_regional(request.user) else None
    form = EventSearchForm(request.GET or None, organisations=organisations)
    events = AuditEvent.objects.visible_to(request.user).select_related("organisation")
    if form.is_valid():
        events = filter_events(events, form.cleaned_data)
    # The log grows by every read of personal data: millions of rows are not counted per view.
    page = BoundedPaginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "audit/event_list.html", {"form": form, "page_obj": page}, status=400 if form.errors else 200
    )
