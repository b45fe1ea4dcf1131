from __future__ import annotations

import datetime as dt

import pytest

from samverkan.accounts.models import APIToken
from samverkan.audit.models import AuditEvent
from samverkan.statecomp.models import Reception
from samverkan.statecomp.services import record_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, person):
    def make(username: str):
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {APIToken.issue(person(username), 'test')[1]}"
        return client

    return make


@pytest.fixture
def huddinge_small(rates, huddinge, person):
    Reception.objects.create(municipality=huddinge, month=dt.date(2024, 2, 1), age_from=0, age_to=65, count=3)
    record_payment(actor=person("hanna"), municipality=huddinge, kind=rates["schablon"], year=2024,
                   month=dt.date(2024, 2, 1), count=2, amount_ore=33_000_000, paid_on=dt.date(2024, 4, 20))  # fmt: skip
    return huddinge


def test_the_municipality_sees_its_own_figures_and_others_see_them_suppressed(huddinge_small, api):
    own = api("hanna").get("/api/statecomp/municipalities/0126/").json()
    year = own["years"][0]
    assert (own["own"], year["year"], year["total"]["persons"], year["total"]["difference_ore"]) == (
        True, 2024, 3, -16_500_000,
    )  # fmt: skip
    other = api("eve").get("/api/statecomp/municipalities/0126/").json()
    total = other["years"][0]["total"]
    assert other["own"] is False
    assert total == {
        "label": "2024", "suppressed": True, "persons": None, "expected_ore": None, "received_ore": None,
        "difference_ore": None, "flagged": False, "notes": [],
    }  # fmt: skip
    county = api("cecilia").get("/api/statecomp/county/?year=2024").json()
    assert [r["figures"]["suppressed"] for r in county["items"] if r["municipality"] == "0126"] == [True]


def test_a_rate_without_a_source_is_refused_in_swedish(rates, api):
    answer = api("cecilia").post(
        "/api/statecomp/rates/",
        {"kind": "schablon", "year": 2025, "age_from": 0, "age_to": 65, "amount_ore": 16_500_000, "source": ""},
        content_type="application/json",
    )
    assert answer.status_code == 400
    assert answer.json()["field"] == "source"
    assert answer.json()["detail"].startswith("Ange källan till beloppet")


def test_the_persons_endpoint_is_for_the_municipality_only_and_audited(huddinge_small, api, person):
    assert api("cecilia").get("/api/statecomp/municipalities/0126/persons/?year=2024").status_code == 403
    assert api("petra").get("/api/statecomp/municipalities/0126/persons/?year=2024").status_code == 403
    answer = api("anna").get("/api/statecomp/municipalities/0126/persons/?year=2024")
    assert answer.status_code == 200
    # Counted receptions name nobody: there is nothing to read, and nothing is logged.
    assert answer.json() == []
    assert not AuditEvent.objects.filter(action="read.statecomp.persons").exists()
