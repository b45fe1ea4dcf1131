from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from samverkan.accounts.models import APIToken


@pytest.fixture(autouse=True)
def _in_2014():
    with time_machine.travel(dt.datetime(2014, 1, 15, 10, 0), tick=False):
        yield


@pytest.fixture
def api(client, person):
    def call(username, method, path, **kwargs):
        token = APIToken.issue(person(username), "test")[1]
        return getattr(client, method)(path, headers={"Authorization": f"Bearer {token}"}, **kwargs)

    return call


def test_the_compilation_lists_every_organisation_and_paragraph(demo, api):
    data = api("eve", "get", f"/api/agreements/rounds/{demo.pk}/compilation/").json()
    assert len(data["organisations"]) == 40
    huddinge = next(o for o in data["organisations"] if o["organisation"] == "0126")
    assert (huddinge["status"], huddinge["stance"], huddinge["late"]) == ("in_progress", "critical", True)
    assert [c["organisation"] for c in data["paragraphs"][1]["comments"]] == ["0126"]


def test_responses_are_paginated_with_a_fixed_number_of_queries(demo, api, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        page = api("nils", "get", f"/api/agreements/rounds/{demo.pk}/responses/?limit=200").json()
    assert page["count"] == 40
    assert len(api("nils", "get", f"/api/agreements/rounds/{demo.pk}/responses/?limit=5").json()["items"]) == 5


def test_a_coordinator_registers_a_decision_through_the_api(demo, api):
    result = api(
        "hanna",
        "post",
        f"/api/agreements/rounds/{demo.pk}/responses/0126/steps/",
        data={
            "kind": "decision",
            "body": "Kommunfullmäktige",
            "meeting_date": "2013-12-09",
            "stance": "support_with_comments",
            "final": True,
            "comments": [{"paragraph": 3, "excerpt": "Boende i andra kommuner."}],
        },
        content_type="application/json",
    )
    assert result.status_code == 201, result.content
    body = result.json()
    assert body["status"] == "answered" and body["steps"][-1]["body"] == "Kommunfullmäktige"


def test_an_organisation_not_in_the_round_is_refused_in_swedish(demo, api):
    result = api(
        "cecilia",
        "post",
        f"/api/agreements/rounds/{demo.pk}/responses/ksl/steps/",
        data={"kind": "decision", "body": "Styrelsen"},
        content_type="application/json",
    )
    assert result.status_code == 400
    assert "finns inte med i remissomgången" in result.json()["detail"]


def test_a_date_after_the_round_closed_is_refused(demo, api):
    from samverkan.agreements import services

    services.close_round(actor=None, round=demo, closed_on=dt.date(2013, 12, 20))
    result = api(
        "vera",
        "post",
        f"/api/agreements/rounds/{demo.pk}/responses/0120/steps/",
        data={
            "kind": "decision",
            "body": "Kommunstyrelsen",
            "meeting_date": "2014-01-08",
            "stance": "support",
            "final": True,
        },
        content_type="application/json",
    )
    assert result.status_code == 400
    assert result.json()["field"] == "meeting_date"


def test_another_municipality_may_not_answer_for_huddinge(demo, api):
    result = api(
        "britt",
        "post",
        f"/api/agreements/rounds/{demo.pk}/responses/0126/steps/",
        data={"kind": "decision", "body": "Kommunfullmäktige"},
        content_type="application/json",
    )
    assert result.status_code == 403
