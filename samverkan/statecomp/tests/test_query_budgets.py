"""List pages and API lists of statecomp cost the same number of queries at 10 rows as at 1,000."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from samverkan.accounts.models import APIToken
from samverkan.core.query_budget import assert_queries_do_not_grow
from samverkan.organisations.models import Organisation
from samverkan.statecomp.models import Application, CompensationKind, Payment, Rate, Reception

pytestmark = pytest.mark.django_db
_serial = itertools.count()


@pytest.fixture
def api(client, person):
    def make(username: str):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {APIToken.issue(person(username), 'budget')[1]}"
        return client

    return make


def _months(count: int):
    start = next(_serial) * 1000
    return [dt.date(2015 + (start + i) // 12 % 10, (start + i) % 12 + 1, 1) for i in range(count)]


def grow_receptions(municipalities):
    def grow(count):
        Reception.objects.bulk_create(
            Reception(municipality=municipalities[i % len(municipalities)], month=month, age_from=i % 90,
                      age_to=i % 90, count=1 + i % 7)
            for i, month in enumerate(_months(count))
        )  # fmt: skip

    return grow


def grow_payments(municipality, rates):
    def grow(count):
        Payment.objects.bulk_create(
            Payment(municipality=municipality, kind=rates["schablon"], year=m.year, month=m, amount_ore=100 + i,
                    count=1, paid_on=m)
            for i, m in enumerate(_months(count))
        )  # fmt: skip

    return grow


def test_the_municipality_page(rates, huddinge, client_for):
    grow = grow_receptions([huddinge])
    pay = grow_payments(huddinge, rates)

    def both(count):
        grow(count)
        pay(count)

    url = reverse("statecomp:municipality_detail", args=["0126"])
    assert_queries_do_not_grow(client_for("hanna"), url, both, budget=22)
    assert_queries_do_not_grow(client_for("cecilia"), url, both, budget=20)


def test_the_county_page_and_its_excel(rates, client_for):
    municipalities = list(Organisation.objects.municipalities().in_county("01"))
    grow = grow_receptions(municipalities)
    assert_queries_do_not_grow(client_for("cecilia"), reverse("statecomp:overview"), grow, budget=16)
    assert_queries_do_not_grow(client_for("eve"), reverse("statecomp:overview_xlsx"), grow, budget=12)


def test_the_payment_and_application_lists(rates, huddinge, client_for, person):
    assert_queries_do_not_grow(
        client_for("hanna"), reverse("statecomp:payment_list", args=["0126"]), grow_payments(huddinge, rates),
        budget=14,
    )  # fmt: skip
    kind = CompensationKind.objects.create(code="q", name="Q", needs_application=True, legal_source="x")

    def grow(count):
        Application.objects.bulk_create(
            Application(municipality=huddinge, kind=kind, period_start=m, period_end=m, deadline=m)
            for m in _months(count)
        )

    assert_queries_do_not_grow(client_for("hanna"), reverse("statecomp:application_list"), grow, budget=14)


def test_the_rate_list(rates, client_for):
    kind = rates["schablon"]

    def grow(count):
        start = next(_serial) * 1000
        Rate.objects.bulk_create(
            Rate(kind=kind, year=1990, valid_from=dt.date(1990, 1, 1), age_from=start + i, age_to=start + i,
                 amount_ore=1, status="entered", source="x")
            for i in range(count)
        )  # fmt: skip

    assert_queries_do_not_grow(client_for("anna"), reverse("statecomp:rate_list"), grow, budget=12)


def test_the_api_lists(rates, huddinge, api):
    client = api("hanna")
    assert_queries_do_not_grow(client, "/api/statecomp/payments/", grow_payments(huddinge, rates), budget=6)
    assert_queries_do_not_grow(client, "/api/statecomp/county/", grow_receptions([huddinge]), budget=10)
    assert_queries_do_not_grow(client, "/api/statecomp/municipalities/0126/", grow_receptions([huddinge]), budget=10)
