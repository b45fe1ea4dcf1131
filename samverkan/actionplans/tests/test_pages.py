import datetime as dt
import io

import pypdfium2
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.actionplans import services, spreadsheets
from samverkan.actionplans.models import Area, ImportJob, Measure, Report
from samverkan.audit.models import AuditEvent


def test_a_steering_member_sees_what_is_on_track_what_is_not_and_who_has_not_reported(demo, client_for):
    round_ = demo.objects["followup_open"]
    page = client_for("stefan").get(reverse("actionplans:followup_report", args=[round_.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Enligt plan" in html and "Avviker" in html and "Risk för avvikelse" in html
    assert "Har inte rapporterat" in html and "Södertälje" in html and "Järfälla" in html
    assert "demosiffror" in html
    assert html.count("<svg") == html.count('class="ap-figure"') > 5  # a chart with a table beside each
    assert "Bostadsvägledningen förlängs" in html  # a decision since the last round


def test_the_pdf_opens(demo, client_for):
    round_ = demo.objects["followup_open"]
    response = client_for("stefan").get(reverse("actionplans:followup_report_pdf", args=[round_.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(response.content)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert len(document) >= 2 and "Har inte rapporterat" in text and "Bostadsvägledning" in text
    document.close()


def test_reordering_by_keyboard_buttons_and_a_stale_page_gets_a_swedish_message(small_plan, client_for):
    p = small_plan
    client = client_for("cecilia")
    seen = Area.objects.get(pk=p.housing.pk).order_version
    url = reverse("actionplans:measure_move", args=[p.guidance.pk])
    assert client.post(url, {"direction": "up", "order_version": seen}).status_code == 302
    page = client.post(
        reverse("actionplans:measure_move", args=[p.homes.pk]), {"direction": "up", "order_version": seen}, follow=True
    )
    assert "Någon annan har ändrat prioritetsordningen" in page.content.decode()
    assert list(Measure.objects.filter(area=p.housing, parent=None).order_by("rank").values_list("pk", flat=True)) == [
        p.guidance.pk,
        p.homes.pk,
    ]


def test_the_plan_page_offers_up_and_down_buttons_and_the_drag_script_to_the_coordinator_only(small_plan, client_for):
    url = reverse("actionplans:plan_detail", args=[small_plan.plan.pk])
    coordinator = client_for("cecilia").get(url).content.decode()
    assert 'name="direction" value="up"' in coordinator and "actionplans/reorder.js" in coordinator
    member = client_for("stefan").get(url).content.decode()
    assert 'name="direction"' not in member and "reorder.js" not in member


def test_another_municipality_cannot_report_for_huddinge(small_plan, client_for):
    p = small_plan
    url = reverse("actionplans:report_edit", args=[p.round.pk, p.guidance.pk, "0126"])
    post = {"status": "on_track", "progress": 10}
    assert client_for("britt").post(url, post).status_code == 403
    assert client_for("maja").post(url, post).status_code == 403  # Huddinge's auditor reads, never writes
    assert client_for(None).post(url, post).status_code == 302
    assert not Report.objects.exists()
    # Botkyrka is not responsible for guidance at all: even Britt's own organisation is refused.
    url = reverse("actionplans:report_edit", args=[p.round.pk, p.guidance.pk, "0127"])
    assert client_for("britt").post(url, post).status_code == 403


def test_a_report_through_the_form_is_saved_and_a_wrong_unit_is_explained(small_plan, client_for):
    p = small_plan
    url = reverse("actionplans:report_edit", args=[p.round.pk, p.homes_a.pk, "0126"])
    refused = client_for("hanna").post(url, {"value": "40 st", "status": "on_track", "progress": 30})
    assert refused.status_code == 400 and "mäts i procent" in refused.content.decode()
    assert client_for("hanna").post(url, {"value": "40", "status": "on_track", "progress": 30}).status_code == 302
    assert Report.objects.get().value == 40


def test_an_import_runs_in_the_background_and_shows_its_errors_row_by_row(
    small_plan, client_for, django_capture_on_commit_callbacks
):
    p = small_plan
    data = spreadsheets.plan_xlsx(p.plan)
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data))
    workbook.active.cell(3, 5).value = "andra"
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("plan.xlsx", out.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("cecilia").post(reverse("actionplans:plan_import", args=[p.plan.pk]), {"file": upload})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("actionplans:import_detail", args=[job.pk])
    assert job.status == "failed" and job.errors == [
        {"row": 3, "column": "Prioritet", "message": "”andra” är inte ett heltal."}
    ]
    page = client_for("cecilia").get(response["Location"]).content.decode()
    assert "Inget sparades" in page and "”andra” är inte ett heltal." in page
    assert AuditEvent.objects.filter(action="actionplans.import.queue").exists()


def test_a_file_that_is_not_xlsx_is_refused_at_the_upload(small_plan, client_for):
    upload = SimpleUploadedFile("plan.csv", b"Insats-id;Insats\n1;x\n")
    response = client_for("cecilia").post(
        reverse("actionplans:plan_import", args=[small_plan.plan.pk]), {"file": upload}
    )
    assert response.status_code == 400 and "inte en Excelfil" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_the_api_refuses_a_report_in_a_closed_round(small_plan, client_for, person):
    p = small_plan
    services.close_round(actor=person("cecilia"), round=p.round, closed_on=dt.date(2013, 6, 1))
    response = client_for("hanna").post(
        f"/api/actionplans/rounds/{p.round.pk}/reports/",
        {"measure": p.guidance.pk, "organisation": "0126", "status": "on_track", "progress": 10},
        content_type="application/json",
    )
    assert response.status_code == 409 and "stängd" in response.json()["detail"]


def test_the_pdf_is_rendered_again_when_a_report_changes(small_plan, person, client_for, monkeypatch):
    from samverkan.actionplans import exports

    rendered = []
    monkeypatch.setattr(exports, "followup_pdf", lambda report: rendered.append(report) or b"%PDF-fake")
    url = reverse("actionplans:followup_report_pdf", args=[small_plan.round.pk])
    client_for("stefan").get(url)
    client_for("stefan").get(url)
    assert len(rendered) == 1
    services.submit_report(
        actor=person("hanna"),
        round=small_plan.round,
        measure=small_plan.guidance,
        organisation=small_plan.huddinge,
        status="on_track",
        progress=10,
    )
    client_for("stefan").get(url)
    assert len(rendered) == 2


def test_a_change_through_the_form_records_the_decision_behind_it(small_plan, client_for):
    p = small_plan
    response = client_for("cecilia").post(
        reverse("actionplans:measure_update", args=[p.guidance.pk]),
        {
            "title": "Bostadsvägledning i hela länet",
            "weight": 1,
            "responsible": [p.huddinge.pk],
            "decision": p.decision.pk,
        },
    )
    assert response.status_code == 302
    link = p.guidance.decision_links.get()
    assert link.decision == p.decision and link.changes == {"title": "Bostadsvägledning i hela länet"}
    page = client_for("stefan").get(reverse("actionplans:measure_detail", args=[p.guidance.pk])).content.decode()
    assert "Beslut som format insatsen" in page and "Handlingsplanen antas." in page


def test_the_start_page_tells_a_coordinator_what_her_municipality_still_owes(demo, client_for):
    page = client_for("hanna").get(reverse("reports:home")).content.decode()
    assert "Uppföljning av handlingsplanen" in page and "Huddinge har 1 insats kvar att rapportera" in page
    member = client_for("stefan").get(reverse("reports:home")).content.decode()
    assert "Uppföljning november 2013" in member and "kvar att rapportera" not in member
