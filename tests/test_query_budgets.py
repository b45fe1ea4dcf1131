"""Every list page and API list costs the same number of SQL queries at 10 rows as at 1,000.

Each test grows the rows the list shows with `grow(n)` and lets
`assert_queries_do_not_grow` fetch the page at both sizes (samverkan/core/query_budget.py).
Budgets are the counts measured when the test was written (SQLite) plus two, room for
PostgreSQL's few extra; the equality between the two sizes is the real pin. A new list page or API
list gets its test here (or in its app's tests).
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse

from samverkan.accounts.models import APIToken
from samverkan.agreements.models import Agreement, AgreementVersion, ConsultationResponse, ConsultationRound
from samverkan.audit.models import AuditEvent
from samverkan.core.query_budget import QueryBudgetExceeded, assert_queries_do_not_grow
from samverkan.organisations.models import Body, County, Network, NetworkMembership, Organisation

_serial = itertools.count()


def organisations(count: int, **fields) -> list[Organisation]:
    start = next(_serial) * 10_000
    county = County.objects.get(code="01")
    return Organisation.objects.bulk_create(
        Organisation(
            code=f"qb-{start + i}", kind="state_agency", name=f"Myndighet {start + i}", county=county, **fields
        )
        for i in range(count)
    )


@pytest.fixture
def api_client(client, person):
    def make(username: str):
        token = APIToken.issue(person(username), "budget")[1]
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return make


# --- The helper itself ------------------------------------------------------


@pytest.mark.urls("tests.query_budget_urls")
def test_the_helper_fails_on_a_page_with_an_n_plus_one(client, db):
    with pytest.raises(QueryBudgetExceeded, match="queries with 10 rows"):
        assert_queries_do_not_grow(client, "/n-plus-one/", organisations)


@pytest.mark.urls("tests.query_budget_urls")
def test_the_helper_passes_the_same_page_without_it_and_checks_the_budget(client, db):
    assert assert_queries_do_not_grow(client, "/without/", organisations) == 1
    with pytest.raises(QueryBudgetExceeded, match="budget 0"):
        assert_queries_do_not_grow(client, "/without/", organisations, budget=0)


# --- Organisations ----------------------------------------------------------


def test_the_organisation_api_list(api_client):
    assert_queries_do_not_grow(api_client("anna"), "/api/organisations/", organisations, budget=5)


def test_the_network_api_list(api_client):
    county = County.objects.get(code="01")
    members = list(Organisation.objects.municipalities()[:3])

    def grow(count):
        start = next(_serial) * 10_000
        networks = Network.objects.bulk_create(
            Network(code=f"qb-net-{start + i}", name=f"Nätverk {start + i}", county=county) for i in range(count)
        )
        NetworkMembership.objects.bulk_create(
            NetworkMembership(network=n, organisation=m) for n in networks for m in members
        )

    assert_queries_do_not_grow(api_client("anna"), "/api/organisations/networks/", grow, budget=7)


def test_an_organisations_bodies_api_list_and_pages(api_client, client_for):
    huddinge = Organisation.objects.get(scb_code="0126")

    def grow(count):
        start = next(_serial) * 10_000
        Body.objects.bulk_create(
            Body(organisation=huddinge, kind="committee", name=f"Nämnd {start + i}") for i in range(count)
        )

    assert_queries_do_not_grow(api_client("anna"), "/api/organisations/0126/bodies/", grow, budget=6)
    assert_queries_do_not_grow(
        client_for("anna"), reverse("organisations:municipality_detail", args=["0126"]), grow, budget=9
    )
    ksl = Organisation.objects.get(code="ksl")

    def grow_ksl(count):
        start = next(_serial) * 10_000
        Body.objects.bulk_create(
            Body(organisation=ksl, kind="board", name=f"Styrelse {start + i}") for i in range(count)
        )

    assert_queries_do_not_grow(
        client_for("anna"), reverse("organisations:organisation_detail", args=["ksl"]), grow_ksl, budget=9
    )


def test_a_municipalitys_districts(client_for):
    huddinge = Organisation.objects.get(scb_code="0126")
    grow = lambda count: organisations(count, parent=huddinge)  # noqa: E731
    assert_queries_do_not_grow(
        client_for("anna"), reverse("organisations:municipality_detail", args=["0126"]), grow, budget=9
    )


def test_the_county_overview(client_for):
    assert_queries_do_not_grow(
        client_for("anna"), reverse("organisations:county_detail", args=["01"]), organisations, budget=10
    )


# --- Audit ------------------------------------------------------------------


def audit_events(count: int) -> None:
    huddinge = Organisation.objects.get(scb_code="0126")
    AuditEvent.objects.bulk_create(
        AuditEvent(action="test.bulk", organisation=huddinge, object_repr=f"rad {i}", actor_label="Test")
        for i in range(count)
    )


def test_the_audit_event_list_page(client_for):
    assert_queries_do_not_grow(client_for("cecilia"), reverse("audit:event_list"), audit_events, budget=8)


def test_the_audit_event_api_list(api_client):
    assert_queries_do_not_grow(api_client("cecilia"), "/api/audit/events/", audit_events, budget=5)


# --- Agreements -------------------------------------------------------------


def agreements(count: int) -> None:
    county = County.objects.get(code="01")
    start = next(_serial) * 10_000
    created = Agreement.objects.bulk_create(Agreement(county=county, title=f"Avtal {start + i}") for i in range(count))
    versions = AgreementVersion.objects.bulk_create(
        AgreementVersion(agreement=a, number=1, title="Förslag", dated=dt.date(2013, 5, 6), status="sent")
        for a in created
    )
    ConsultationRound.objects.bulk_create(
        ConsultationRound(
            version=v, title=f"Remiss {v.agreement.title}", sent_on=dt.date(2013, 6, 5), deadline=dt.date(2013, 11, 15)
        )
        for v in versions
    )


def test_the_agreement_list_page_and_api(client_for, api_client):
    assert_queries_do_not_grow(client_for("cecilia"), reverse("agreements:agreement_list"), agreements, budget=8)
    assert_queries_do_not_grow(api_client("cecilia"), "/api/agreements/", agreements, budget=5)


def test_the_round_api_list(api_client):
    assert_queries_do_not_grow(api_client("cecilia"), "/api/agreements/rounds/", agreements, budget=5)


@pytest.fixture
def round_(db):
    agreements(1)
    return ConsultationRound.objects.latest("pk")


def responses_to(round_: ConsultationRound):
    def grow(count: int) -> None:
        ConsultationResponse.objects.bulk_create(
            ConsultationResponse(
                round=round_, organisation=o, status="answered", stance="support", answered_on=dt.date(2013, 11, 1)
            )
            for o in organisations(count)
        )

    return grow


def test_a_rounds_response_api_list(api_client, round_):
    assert_queries_do_not_grow(
        api_client("cecilia"), f"/api/agreements/rounds/{round_.pk}/responses/", responses_to(round_), budget=7
    )


def test_a_rounds_page_and_its_compilation(client_for, round_):
    assert_queries_do_not_grow(
        client_for("cecilia"), reverse("agreements:round_detail", args=[round_.pk]), responses_to(round_), budget=14
    )
    assert_queries_do_not_grow(
        client_for("cecilia"),
        reverse("agreements:round_compilation", args=[round_.pk]),
        responses_to(round_),
        budget=12,
    )


# --- State compensation (its pages and other API lists: samverkan/statecomp/tests/test_query_budgets.py) ---


@pytest.fixture
def kind(db):
    from samverkan.statecomp.models import CompensationKind

    return CompensationKind.objects.create(code="qb-kind", name="Schablon (budget)", legal_source="Test")


def test_the_application_api_list(api_client, kind):
    from samverkan.statecomp.models import Application

    huddinge = Organisation.objects.get(scb_code="0126")

    def grow(count: int) -> None:
        Application.objects.bulk_create(
            Application(
                municipality=huddinge,
                kind=kind,
                period_start=dt.date(2014, 1, 1),
                period_end=dt.date(2014, 12, 31),
                deadline=dt.date(2015, 1, 1) + dt.timedelta(days=i % 300),
            )
            for i in range(count)
        )

    assert_queries_do_not_grow(api_client("hanna"), "/api/statecomp/applications/", grow, budget=6)


def test_the_rate_api_list(api_client, kind):
    from samverkan.statecomp.models import Rate

    def grow(count: int) -> None:
        start = next(_serial) * 10_000
        Rate.objects.bulk_create(
            Rate(
                kind=kind,
                year=2000 + (start + i) % 30,
                valid_from=dt.date(2000, 1, 1) + dt.timedelta(days=start + i),
                amount_ore=1000,
                status="stated",
                source="Test",
            )
            for i in range(count)
        )

    assert_queries_do_not_grow(api_client("cecilia"), "/api/statecomp/rates/", grow, budget=5)


# --- Settlement (its run, pair and line pages: samverkan/settlement/tests/test_pages.py) ---------------


def test_the_settlement_run_list_page_and_api(client_for, api_client):
    from samverkan.settlement.models import SettlementRun

    made = itertools.count()

    def grow(count: int) -> None:
        runs = []
        for _ in range(count):
            n = next(made)
            first = dt.date(1800 + n // 12, 1 + n % 12, 1)
            runs.append(
                SettlementRun(
                    period_start=first, period_end=first.replace(day=28), label=f"{first:%Y-%m}", status="draft"
                )
            )
        SettlementRun.objects.bulk_create(runs)

    assert_queries_do_not_grow(client_for("cecilia"), reverse("settlement:run_list"), grow, budget=9)
    assert_queries_do_not_grow(api_client("cecilia"), "/api/settlement/runs/", grow, budget=5)


def test_the_price_list_list_page_and_api(client_for, api_client):
    from samverkan.settlement.models import PriceList

    ksl = Organisation.objects.get(code="ksl")

    def grow(count: int) -> None:
        start = next(_serial) * 10_000
        PriceList.objects.bulk_create(
            PriceList(
                kind="regional",
                owner=ksl,
                name=f"Prislista {start + i}",
                valid_from=dt.date(1950, 1, 1) + dt.timedelta(days=start + i),
            )
            for i in range(count)
        )

    assert_queries_do_not_grow(client_for("hanna"), reverse("settlement:price_list_list"), grow, budget=7)
    assert_queries_do_not_grow(api_client("hanna"), "/api/settlement/price-lists/", grow, budget=5)


# --- Governance (its body page, calendar and meetings: samverkan/governance/tests/test_pages.py) ----------


def test_the_governance_body_list_page_and_api(client_for, api_client):
    from samverkan.governance.models import Body as GovernanceBody

    county = County.objects.get(code="01")

    def grow(count: int) -> None:
        start = next(_serial) * 10_000
        GovernanceBody.objects.bulk_create(
            GovernanceBody(county=county, kind="preparatory_group", name=f"Grupp {start + i}") for i in range(count)
        )

    assert_queries_do_not_grow(client_for("stefan"), reverse("governance:body_list"), grow, budget=8)
    assert_queries_do_not_grow(api_client("stefan"), "/api/governance/bodies/", grow, budget=5)
