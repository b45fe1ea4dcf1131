from __future__ import annotations

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.lib import svgmap
from samverkan.organisations.models import Body, County, NetworkMembership, Organisation


def county_redirect(request: HttpRequest) -> HttpResponse:
    return redirect("organisations:county_detail", code=settings.COUNTY_CODE)


def county_map(municipalities, area_classes=None, title="") -> dict:
    """Context for includes/svgmap.html: the municipalities drawn and linked."""
    drawn = svgmap.render((m.scb_code, m.name, m.geometry) for m in municipalities)
    return {
        "svgmap": drawn,
        "area_urls": {
            m.scb_code: reverse("organisations:municipality_detail", args=[m.scb_code]) for m in municipalities
        },
        "area_classes": area_classes or {},
        "map_title": title,
    }


def county_detail(request: HttpRequest, code: str) -> HttpResponse:
    """The county overview: its municipalities, networks and other actors, with the map."""
    county = get_object_or_404(County, code=code)
    today = timezone.localdate()
    organisations = Organisation.objects.visible_to(request.user)
    municipalities = list(
        organisations.municipalities()
        .in_county(county)
        .order_by("name")
        .annotate(district_count=Count("children", filter=Q(children__kind="district")))
        .prefetch_related(Prefetch("network_memberships", queryset=NetworkMembership.objects.select_related("network")))
    )
    others = (
        organisations.exclude(kind__in=["municipality", "district"])
        .filter(Q(county=county) | Q(county__isnull=True))
        .order_by("kind", "name")
    )
    context = {
        "county": county,
        "municipalities": municipalities,
        "others": [o for o in others if o.is_active_on(today)],
        "networks": county.networks.annotate(member_count=Count("memberships")).order_by("name"),
        **county_map(municipalities, title=_("Karta över %(county)s.") % {"county": county.name}),
    }
    return render(request, "organisations/county_detail.html", context)


def municipality_detail(request: HttpRequest, scb_code: str) -> HttpResponse:
    municipality = get_object_or_404(
        Organisation.objects.visible_to(request.user).municipalities().select_related("county"), scb_code=scb_code
    )
    today = timezone.localdate()
    districts = (
        municipality.children.filter(kind=Organisation.Kind.DISTRICT).select_related("successor").order_by("name")
    )
    context = {
        "municipality": municipality,
        "bodies": Body.objects.filter(organisation=municipality).order_by("kind", "name"),
        "current_districts": [d for d in districts if d.is_active_on(today)],
        "former_districts": [d for d in districts if not d.is_active_on(today)],
        "memberships": municipality.network_memberships.select_related("network").order_by("network__name"),
        **county_map([municipality], title=_("%(name)s kommun.") % {"name": municipality.name}),
    }
    return render(request, "organisations/municipality_detail.html", context)


def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    """Districts, the association and the state actors."""
    organisation = get_object_or_404(
        Organisation.objects.visible_to(request.user).select_related("parent", "successor", "county"), code=code
    )
    if organisation.is_municipality:
        return redirect("organisations:municipality_detail", scb_code=organisation.scb_code)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "bodies": Body.objects.filter(organisation=organisation).order_by("kind", "name"),
            "names": organisation.names.all(),
            "predecessors": organisation.predecessors.order_by("name"),
        },
    )
