"""Two pages for tests/test_query_budgets.py: the same list, once with an N+1 and once without."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from samverkan.organisations.models import Organisation


def with_n_plus_one(request: HttpRequest) -> HttpResponse:
    rows = Organisation.objects.filter(code__startswith="qb-").order_by("code")[:50]
    return HttpResponse("\n".join(f"{o.name} ({o.county.name if o.county_id else ''})" for o in rows))


def without(request: HttpRequest) -> HttpResponse:
    rows = Organisation.objects.filter(code__startswith="qb-").select_related("county").order_by("code")[:50]
    return HttpResponse("\n".join(f"{o.name} ({o.county.name if o.county else ''})" for o in rows))


urlpatterns = [path("n-plus-one/", with_n_plus_one), path("without/", without)]
