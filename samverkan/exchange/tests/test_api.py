"""The API for the municipalities' own case systems."""

import datetime as dt

import pytest
import time_machine

from samverkan.accounts.models import APIToken
from samverkan.audit.models import AuditEvent
from samverkan.exchange.models import AttendanceAdjustment, Placement
from samverkan.exchange.services import lock_month
from samverkan.lib.identity import make


@pytest.fixture
def api(client, person):
    def make_client(username: str):
        from django.test import Client

        c = Client()
        c.defaults["HTTP_AUTHORIZATION"] = f"Bearer {APIToken.issue(person(username), 'test')[1]}"
        return c

    return make_client


@pytest.fixture(autouse=True)
def _spring_2025():
    with time_machine.travel(dt.datetime(2025, 5, 20, 12, 0), tick=False):
        yield


def test_a_case_system_registers_places_and_the_provider_reports(api, botkyrka_course):
    number = make(dt.date(1989, 6, 1), 611).formatted
    created = api("anna").post(
        "/api/exchange/participants/",
        {"identity_number": number, "first_name": "Mona", "last_name": "Said", "reception_date": "2024-03-01"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    placed = api("anna").post(
        "/api/exchange/placements/",
        {"identity_number": number, "service": botkyrka_course.code, "start": "2025-02-01"},
        content_type="application/json",
    )
    assert placed.status_code == 201, placed.json()
    code = placed.json()["code"]
    assert placed.json()["participant_name"] == "Mona Said"
    assert api("bengt").post(f"/api/exchange/placements/{code}/accept/").status_code == 200
    report = api("bengt").post(
        "/api/exchange/attendance/",
        {"placement": code, "month": "2025-02", "days_present": 12, "hours": "36.5"},
        content_type="application/json",
    )
    assert report.status_code == 201 and report.json()["kind"] == "attendance"
    assert report.json()["attendance"]["payer"] == "0126" and report.json()["attendance"]["days_enrolled"] == 28
    lock_month(dt.date(2025, 2, 1), by=None)
    refused = api("bengt").post(
        "/api/exchange/attendance/",
        {"placement": code, "month": "2025-02", "days_present": 13, "hours": "36.5"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["field"] == "reason"
    corrected = api("bengt").post(
        "/api/exchange/attendance/",
        {"placement": code, "month": "2025-02", "days_present": 13, "hours": "36.5", "reason": "Sen lista"},
        content_type="application/json",
    )
    assert corrected.status_code == 201 and corrected.json()["kind"] == "adjustment"
    assert corrected.json()["adjustment"]["carried_to"] == "2025-03"
    assert AttendanceAdjustment.objects.get().days_present == 1
    listed = api("anna").get("/api/exchange/adjustments/", {"carried_to": "2025-03"}).json()
    assert [a["placement"] for a in listed["items"]] == [code]


def test_a_full_service_and_an_overlap_are_400_in_swedish(api, amina, new_service):
    service = new_service(capacity=1)
    first = api("anna").post(
        "/api/exchange/placements/",
        {"participant": amina.code, "service": service.code, "start": "2025-01-01"},
        content_type="application/json",
    )
    assert first.status_code == 201
    again = api("anna").post(
        "/api/exchange/placements/",
        {"participant": amina.code, "service": service.code, "start": "2025-02-01"},
        content_type="application/json",
    )
    assert again.status_code == 400 and "redan en placering" in again.json()["detail"]


def test_the_provider_gets_no_name_for_a_protected_person(api, new_participant, botkyrka_course):
    from samverkan.exchange.services import accept_placement, request_placement

    hidden = new_participant(protected=True, first_name="Dold")
    placement = accept_placement(
        actor=None,
        placement=request_placement(actor=None, participant=hidden, service=botkyrka_course, start=dt.date(2025, 1, 1)),
    )
    items = api("bengt").get("/api/exchange/placements/").json()["items"]
    row = next(i for i in items if i["code"] == placement.code)
    assert row["participant"] is None and row["participant_name"] is None
    items = api("anna").get("/api/exchange/placements/").json()["items"]
    assert next(i for i in items if i["code"] == placement.code)["participant_name"] == "Dold Hassan"
    assert AuditEvent.objects.filter(action="read.api_placement_list", actor__username="anna").exists()


def test_eve_gets_nothing_of_huddinges(api, placement):
    assert api("eve").get("/api/exchange/placements/").json()["items"] == []
    assert api("eve").get(f"/api/exchange/placements/{placement.code}/").status_code == 404
    assert api("eve").get("/api/exchange/attendance/").json()["items"] == []
    assert not Placement.objects.visible_to(None).exists()
