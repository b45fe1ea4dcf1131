"""The pages: Huddinge sees what it owes Botkyrka line by line; Nacka sees neither's lines."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from samverkan.audit.models import AuditEvent
from samverkan.settlement import services
from samverkan.settlement.models import SettlementRun

from .builders import SEPTEMBER, lock


@pytest.fixture
def run(county):
    return services.run_settlement(actor=None, period="2026-09", final=True)


def _huddinge_pays_botkyrka(run):
    return run.pairs.get(payer__code="0126", payee__code="0127")


def test_huddinge_sees_what_it_owes_botkyrka_line_by_line(client_for, run, county):
    pair = _huddinge_pays_botkyrka(run)
    response = client_for("hanna").get(reverse("settlement:pair_detail", args=[pair.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    for key in ("h0", "h5"):
        assert county.placements[key].code in body
    assert "Person h0 Testsson" in body
    assert "3 116,67" in body.replace("\u00a0", " ")  # h1: 11 of 30 days at 8 500 kr
    assert AuditEvent.objects.filter(action="read.settlement.lines", object_id=str(pair.pk)).exists()


def test_botkyrka_the_provider_sees_the_same_lines(client_for, run, county):
    pair = _huddinge_pays_botkyrka(run)
    body = client_for("bengt").get(reverse("settlement:pair_detail", args=[pair.pk])).content.decode()
    assert county.placements["h3"].code in body


def test_nacka_sees_the_amount_but_neither_the_lines_nor_the_documents(client_for, run, county):
    pair = _huddinge_pays_botkyrka(run)
    eve = client_for("eve")
    body = eve.get(reverse("settlement:pair_detail", args=[pair.pk])).content.decode()
    assert "visas bara för de två kommunerna" in body
    for placement in county.placements.values():
        assert placement.code not in body
    assert "Person h0" not in body
    assert eve.get(reverse("settlement:pair_invoice", args=[pair.pk])).status_code == 404
    assert eve.get(reverse("settlement:pair_pdf", args=[pair.pk])).status_code == 404
    assert eve.get(f"/api/settlement/pairs/{pair.pk}/lines/").status_code == 404


def test_the_association_sees_pairs_but_no_personal_data(client_for, run, county):
    pair = _huddinge_pays_botkyrka(run)
    cecilia = client_for("cecilia")
    body = cecilia.get(reverse("settlement:pair_detail", args=[pair.pk])).content.decode()
    assert county.placements["h0"].code not in body
    assert cecilia.get(reverse("settlement:pair_invoice", args=[pair.pk])).status_code == 404


def test_a_protected_person_is_not_shown_to_the_provider(client_for, county):
    county.place("p", "0126", "sfi", protected=True, first_name="Skyddad")
    county.attend("p", SEPTEMBER, days_enrolled=30)
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    pair = _huddinge_pays_botkyrka(run)
    body = client_for("bengt").get(reverse("settlement:pair_detail", args=[pair.pk])).content.decode()
    import re

    # As in the exchange: the provider sees the placement, with the participant's code for a name.
    assert county.placements["p"].code in body and county.participants["p"].code in body
    assert not re.search(r">[^<]*Skyddad", body), re.findall(r".{80}Skyddad.{40}", body)


def test_the_run_page_shows_the_diagram_with_a_table_beside_it(client_for, run):
    body = client_for("nils").get(reverse("settlement:run_detail", args=[run.pk])).content.decode()
    assert "<svg" in body and "sv-arrow" in body
    assert "Nettning direkt mellan kommunerna" in body
    assert 'style="' not in body.split("<main", 1)[-1]


def test_a_coordinator_runs_and_approves_a_month_from_the_pages(client_for, county, django_capture_on_commit_callbacks):
    cecilia = client_for("cecilia")
    with django_capture_on_commit_callbacks(execute=True):
        response = cecilia.post(reverse("settlement:run_start"), {"period": "2026-09"})
    job_url = response["Location"]
    job = cecilia.get(job_url)
    assert "Avräkningen är klar" in job.content.decode()
    preliminary = job.context["job"].run
    assert preliminary.status == "preliminary"
    response = cecilia.post(reverse("settlement:run_approve", args=[preliminary.pk]))
    assert response["Location"] == reverse("settlement:run_detail", args=[preliminary.pk])
    preliminary.refresh_from_db()
    assert preliminary.status == "final" and preliminary.approved_by.username == "cecilia"
    assert not any(pair.invoice_number.endswith("-P") for pair in preliminary.pairs.all())


def test_a_refused_run_shows_what_to_fix(client_for, county, django_capture_on_commit_callbacks):
    cecilia = client_for("cecilia")
    with django_capture_on_commit_callbacks(execute=True):
        response = cecilia.post(reverse("settlement:run_start"), {"period": "2026-11", "final": "on"})
    body = cecilia.get(response["Location"]).content.decode()
    assert "Avräkningen kan inte göras" in body and "2026-11 är inte låst" in body


def test_the_sie_file_is_offered_only_to_the_municipalitys_own_people(client_for, run):
    url = reverse("settlement:run_sie", args=[run.pk, "0126"])
    response = client_for("hanna").get(url)
    assert response.status_code == 200 and response.content.startswith(b"#FLAGGA 0\r\n")
    assert client_for("britt").get(url).status_code == 403


def _many_pairs(county, n: int) -> None:
    for i in range(n):
        county.place(f"extra{i}", "0126", "sfi")
        county.attend(f"extra{i}", SEPTEMBER, days_enrolled=5)


@pytest.mark.parametrize("extra", [0, 30])
def test_list_pages_and_api_lists_keep_their_query_count(client_for, county, django_assert_max_num_queries, extra):
    _many_pairs(county, extra)
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    pair = _huddinge_pays_botkyrka(run)
    hanna = client_for("hanna")
    hanna.get(reverse("settlement:run_list"))  # warm the session and the menu
    with django_assert_max_num_queries(12):
        assert hanna.get(reverse("settlement:run_list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert hanna.get(reverse("settlement:run_detail", args=[run.pk])).status_code == 200
    with django_assert_max_num_queries(18):
        assert hanna.get(reverse("settlement:pair_detail", args=[pair.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert hanna.get(reverse("settlement:price_list_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert hanna.get(f"/api/settlement/runs/{run.pk}/pairs/").status_code == 200
    with django_assert_max_num_queries(12):
        assert hanna.get(f"/api/settlement/pairs/{pair.pk}/lines/").status_code == 200


def test_october_can_follow_once_locked(client_for, county):
    county.attend("h0", SEPTEMBER.replace(month=10), days_enrolled=31)
    lock(SEPTEMBER.replace(month=10))
    run = services.run_settlement(actor=None, period="2026-10")
    assert run.pair_count == 1


def test_a_run_broken_by_an_unexpected_error_says_so_instead_of_computing_for_ever(client_for, county):
    # E.g. the database connection cut: the task fails, and the job's page must stop waiting.
    job = services.start_job(actor=None, period="2026-09", final=False)
    with (
        mock.patch.object(services, "run_settlement", side_effect=OperationalError("server closed the connection")),
        pytest.raises(OperationalError),
    ):
        services.perform_job(job.pk)
    job.refresh_from_db()
    assert job.state == "refused" and "oväntat fel och ingenting sparades" in job.problems[0]
    body = client_for("cecilia").get(reverse("settlement:job_detail", args=[job.pk])).content.decode()
    assert "Starta den igen" in body and 'http-equiv="refresh"' not in body
    assert not SettlementRun.objects.exists()


def test_the_run_page_pages_its_pairs_but_nets_and_balances_the_whole_run(client_for, run):
    from samverkan.settlement import views

    cecilia = client_for("cecilia")
    with mock.patch.object(views, "PAIRS_PER_PAGE", 2):
        first = cecilia.get(reverse("settlement:run_detail", args=[run.pk]))
        second = cecilia.get(reverse("settlement:run_detail", args=[run.pk]), {"page": 2})
    shown = [len(r.context["page_obj"].object_list) for r in (first, second)]
    assert shown == [2, 1] and run.pair_count == 3
    assert 'rel="next"' in first.content.decode() and 'rel="prev"' in second.content.decode()
    # The balances of every municipality, on every page: they sum to zero over the run.
    for response in (first, second):
        assert sum(amount for _, amount in response.context["statements"]) == 0
        assert len(response.context["statements"]) == 3
