"""The Excel round trip: export, edit, import; nothing lost, nothing duplicated, errors row by row."""

import io

import pytest
from openpyxl import load_workbook

from samverkan.actionplans import services, spreadsheets
from samverkan.actionplans.models import ImportJob, Measure, Report, SubGoal


def _edit(data: bytes, change) -> bytes:
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.active
    change(sheet)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _run(person, username, kind, plan, content, round_=None):
    job = ImportJob.objects.create(
        kind=kind, plan=plan, round=round_, file_name="x.xlsx", content=content, created_by=person(username)
    )
    return spreadsheets.run(job)


def _snapshot(plan):
    return sorted(
        Measure.objects.filter(plan=plan).values_list(
            "pk", "area_id", "parent_id", "rank", "title", "weight", "lead_id"
        )
    ), sorted(
        SubGoal.objects.filter(measure__plan=plan).values_list("measure_id", "indicator", "unit", "baseline", "target")
    )


def test_an_unchanged_plan_round_trip_changes_nothing_and_duplicates_nothing(small_plan, person):
    before = _snapshot(small_plan.plan)
    job = _run(person, "cecilia", "plan", small_plan.plan, spreadsheets.plan_xlsx(small_plan.plan))
    assert job.status == "done", job.errors
    assert (job.created, job.updated, job.unchanged) == (0, 0, 5)
    assert _snapshot(small_plan.plan) == before


def test_an_edited_plan_updates_by_id_adds_new_rows_and_reorders(small_plan, person):
    p = small_plan

    def change(sheet):
        header = [c.value for c in sheet[1]]
        col = {name: header.index(name) + 1 for name in header}
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, col["Insats-id"]).value == p.guidance.pk:
                sheet.cell(row, col["Insats"]).value = "Bostadsvägledning (utökad)"
                sheet.cell(row, col["Prioritet"]).value = 1
            elif sheet.cell(row, col["Insats-id"]).value == p.homes.pk:
                sheet.cell(row, col["Prioritet"]).value = 2
        new = sheet.max_row + 1
        sheet.cell(new, col["Område-id"]).value = p.children_area.pk
        sheet.cell(new, col["Insats"]).value = "Modersmålsundervisning"
        sheet.cell(new, col["Ansvariga"]).value = "0126, 0127"
        sheet.cell(new, col["Indikator"]).value = "Andel elever"
        sheet.cell(new, col["Enhet"]).value = "procent"
        sheet.cell(new, col["Utgångsvärde"]).value = 50
        sheet.cell(new, col["Målvärde"]).value = 70
        sheet.cell(new, col["Riktning"]).value = "Mer är bättre"

    job = _run(person, "cecilia", "plan", p.plan, _edit(spreadsheets.plan_xlsx(p.plan), change))
    assert job.status == "done", job.errors
    assert (job.created, job.updated) == (1, 1)
    housing = list(Measure.objects.filter(area=p.housing, parent=None).order_by("rank").values_list("title", flat=True))
    assert housing == ["Bostadsvägledning (utökad)", "Bostäder för nyanlända"]
    new = Measure.objects.get(title="Modersmålsundervisning")
    assert new.subgoal.unit == "percent" and sorted(new.responsible.values_list("code", flat=True)) == ["0126", "0127"]
    # Exported again and imported again: the same rows, nothing new.
    again = _run(person, "cecilia", "plan", p.plan, spreadsheets.plan_xlsx(p.plan))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert Measure.objects.filter(plan=p.plan).count() == 6


def test_unknown_or_missing_columns_are_refused_and_nothing_is_saved(small_plan, person):
    before = _snapshot(small_plan.plan)

    def change(sheet):
        sheet.cell(1, 2).value = "Omrade"  # a typo of Område-id
        sheet.cell(2, 6).value = "Ändrad"

    job = _run(person, "cecilia", "plan", small_plan.plan, _edit(spreadsheets.plan_xlsx(small_plan.plan), change))
    assert job.status == "failed"
    messages = [e["message"] for e in job.errors]
    assert "Okänd kolumn ”Omrade”. Använd kolumnerna från exporten." in messages
    assert "Kolumnen ”Område-id” saknas." in messages
    assert _snapshot(small_plan.plan) == before


def test_bad_rows_are_reported_row_by_row_and_nothing_is_saved(small_plan, person):
    before = _snapshot(small_plan.plan)

    def change(sheet):
        sheet.cell(2, 6).value = "Ändrad titel"
        sheet.cell(3, 1).value = 999999
        sheet.cell(4, 10).value = "i morgon"
        sheet.cell(5, 9).value = "0126, 9999"

    job = _run(person, "cecilia", "plan", small_plan.plan, _edit(spreadsheets.plan_xlsx(small_plan.plan), change))
    assert job.status == "failed"
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "Insats-id"), (4, "Start"), (5, "Ansvariga")]
    assert _snapshot(small_plan.plan) == before


def test_a_round_s_reports_round_trip(small_plan, person):
    p = small_plan
    services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.homes_a,
        organisation=p.huddinge,
        value=30,
        status="on_track",
        progress=20,
    )
    data = spreadsheets.reports_xlsx(p.round)
    job = _run(person, "cecilia", "reports", p.plan, data, p.round)
    assert job.status == "done" and (job.created, job.updated, job.unchanged) == (0, 0, 1)

    def change(sheet):
        header = [c.value for c in sheet[1]]
        col = {name: header.index(name) + 1 for name in header}
        for row in range(2, sheet.max_row + 1):
            if (
                sheet.cell(row, col["Insats-id"]).value == p.homes_a.pk
                and sheet.cell(row, col["Organisation"]).value == "0127"
            ):
                sheet.cell(row, col["Värde"]).value = "55 %"
                sheet.cell(row, col["Status"]).value = "Risk för avvikelse"
                sheet.cell(row, col["Framsteg"]).value = 35

    job = _run(person, "britt", "reports", p.plan, _edit(data, change), p.round)
    assert job.status == "done", job.errors
    assert job.created == 1 and Report.objects.filter(round=p.round).count() == 2
    report = Report.objects.get(round=p.round, measure=p.homes_a, organisation=p.botkyrka)
    assert (report.value, report.status, report.progress) == (55, "at_risk", 35)


def test_an_import_of_reports_for_another_municipality_or_in_the_wrong_unit_is_refused(small_plan, person):
    p = small_plan
    data = spreadsheets.reports_xlsx(p.round)

    def change(sheet):
        header = [c.value for c in sheet[1]]
        col = {name: header.index(name) + 1 for name in header}
        for row in range(2, sheet.max_row + 1):
            org = sheet.cell(row, col["Organisation"]).value
            if sheet.cell(row, col["Insats-id"]).value == p.homes_a.pk:
                sheet.cell(row, col["Värde"]).value = "45 dagar" if org == "0127" else "40"
                sheet.cell(row, col["Status"]).value = "Enligt plan"
                sheet.cell(row, col["Framsteg"]).value = 30

    job = _run(person, "britt", "reports", p.plan, _edit(data, change), p.round)
    assert job.status == "failed"
    by_column = {e["column"]: e["message"] for e in job.errors}
    assert by_column["Organisation"] == "Du får bara rapportera för din egen organisation."
    assert "mäts i procent" in by_column["Värde"]
    assert not Report.objects.exists()


def test_a_closed_round_takes_no_import(small_plan, person):
    import datetime as dt

    data = spreadsheets.reports_xlsx(small_plan.round)
    services.close_round(actor=person("cecilia"), round=small_plan.round, closed_on=dt.date(2013, 6, 1))
    job = _run(person, "cecilia", "reports", small_plan.plan, data, small_plan.round)
    assert job.status == "failed" and "stängd" in job.errors[0]["message"]


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really a zip"])
def test_a_file_that_is_not_a_workbook_is_refused(small_plan, person, content):
    job = _run(person, "cecilia", "plan", small_plan.plan, content)
    assert job.status == "failed" and "Excelfil" in job.errors[0]["message"]


def test_an_import_broken_by_an_unexpected_error_says_so_and_changes_nothing(small_plan, person):
    from unittest import mock

    before = _snapshot(small_plan.plan)
    content = spreadsheets.plan_xlsx(small_plan.plan)
    with mock.patch.object(spreadsheets, "import_plan", side_effect=RuntimeError("a bug")), pytest.raises(RuntimeError):
        _run(person, "cecilia", "plan", small_plan.plan, content)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.is_finished
    assert "oväntat fel och ingenting sparades" in job.errors[0]["message"]
    assert _snapshot(small_plan.plan) == before
