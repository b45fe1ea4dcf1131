"""Bulk import: all or nothing, errors row by row in Swedish, UTF-8 and Windows-1252, Excel, in the background."""

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.audit.models import AuditEvent
from samverkan.exchange import imports
from samverkan.exchange.models import Attendance, ImportJob, Participant, Placement
from samverkan.exchange.services import lock_month
from samverkan.lib.identity import make

HEADER = "personnummer;förnamn;efternamn;mottagen;uppehållsstatus;insats;startdatum;slutdatum"


@pytest.fixture(autouse=True)
def _spring_2025():
    with time_machine.travel(dt.datetime(2025, 5, 20, 12, 0), tick=False):
        yield


def _job(person, kind: str, content: bytes, name: str = "fil.csv") -> ImportJob:
    user = person("anna") if kind == "placements" else person("bengt")
    job = imports.start(actor=user, organisation=user.organisation, kind=kind, upload=SimpleUploadedFile(name, content))
    return imports.process(job)


def _placement_rows(course, count: int, first_serial: int = 100) -> list[str]:
    return [
        f"{make(dt.date(1985, 1, 1) + dt.timedelta(days=i), first_serial + i % 800).formatted};Namn{i};Efternamn{i};"
        f"2024-01-01;flykting;{course.code};2025-02-01;"
        for i in range(count)
    ]


def test_a_file_of_placements_is_saved_whole(person, botkyrka_course):
    botkyrka_course.capacity = 100
    botkyrka_course.save()
    content = "\n".join([HEADER, *_placement_rows(botkyrka_course, 20)]).encode()
    job = _job(person, "placements", content)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert (job.total_rows, job.saved_rows, job.encoding) == (20, 20, "utf-8")
    assert Placement.objects.filter(service=botkyrka_course, status="requested").count() == 20
    people = Participant.objects.filter(first_name__startswith="Namn")
    assert people.count() == 20 and {p.home_municipality.code for p in people} == {"0126"}
    assert all(p.residences.count() == 1 for p in people)
    event = AuditEvent.objects.get(action="exchange.import.placements")
    assert "19850101" not in str(event.after)


def test_one_bad_row_among_many_saves_nothing_and_names_the_row(person, botkyrka_course):
    botkyrka_course.capacity = 100_000
    botkyrka_course.save()
    rows = _placement_rows(botkyrka_course, 2000)
    rows[1233] = rows[1233].replace("-", "-9", 1)[:13] + rows[1233][13:]  # a broken check digit
    rows[1500] = rows[1500].replace("2025-02-01", "2025-02-30")
    job = _job(person, "placements", "\n".join([HEADER, *rows]).encode())
    assert job.status == ImportJob.Status.FAILED
    assert job.error_count == 2
    assert [(e["row"], e["column"]) for e in job.errors] == [(1235, "personnummer"), (1502, "startdatum")]
    assert "Kontrollsiffran" in job.errors[0]["message"] or "ÅÅÅÅMMDD" in job.errors[0]["message"]
    assert "inget datum" in job.errors[1]["message"]
    assert not Placement.objects.filter(service=botkyrka_course).exists()
    assert not Participant.objects.filter(first_name__startswith="Namn").exists()


def test_windows_1252_is_read_as_such(person, botkyrka_course):
    row = f"{make(dt.date(1990, 3, 3), 501).formatted};Åsa;Öberg;2024-01-01;anhörig;{botkyrka_course.code};2025-03-01;"
    job = _job(person, "placements", "\r\n".join([HEADER, row]).encode("cp1252"))
    assert job.status == ImportJob.Status.DONE, job.errors
    assert job.encoding == "windows-1252"
    person_ = Participant.objects.get(last_name="Öberg")
    assert person_.first_name == "Åsa" and person_.residence_status == "relative"


def test_an_excel_file_is_read(person, botkyrka_course):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    sheet.append(
        [
            make(dt.date(1992, 4, 4), 502).formatted,
            "Ali",
            "Noor",
            dt.datetime(2024, 1, 1),
            "flykting",
            botkyrka_course.code,
            dt.datetime(2025, 4, 1),
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = _job(person, "placements", buffer.getvalue(), name="placeringar.xlsx")
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Placement.objects.get(participant__last_name="Noor").start == dt.date(2025, 4, 1)


def test_a_full_service_and_an_overlap_in_the_file_are_row_errors(person, new_service):
    small = new_service(provider="0126", capacity=1, name="Egen kurs")  # Huddinge's own: accepted at once
    number = make(dt.date(1990, 1, 1), 777).formatted
    other = make(dt.date(1991, 1, 1), 778).formatted
    rows = [
        f"{number};A;B;2024-01-01;flykting;{small.code};2025-01-01;",
        f"{number};A;B;2024-01-01;flykting;{small.code};2025-03-01;",
        f"{other};C;D;2024-01-01;flykting;{small.code};2025-01-01;",
    ]
    job = _job(person, "placements", "\n".join([HEADER, *rows]).encode())
    assert job.status == ImportJob.Status.FAILED
    messages = {e["row"]: e["message"] for e in job.errors}
    assert "redan en placering" in messages[3]
    assert "fullbelagd" in messages[4]


def test_missing_columns_are_named(person):
    job = _job(person, "placements", b"namn;datum\nx;y\n")
    assert job.status == ImportJob.Status.FAILED
    assert "personnummer" in job.errors[0]["message"] and job.errors[0]["row"] is None


def test_attendance_is_imported_and_a_locked_month_refused(person, placement):
    lock_month(dt.date(2025, 1, 1), by=None)
    content = "\n".join(
        [
            "placeringskod;månad;närvarodagar;timmar",
            f"{placement.code};2025-02;15;45,5",
            f"{placement.code};2025-03;20;60",
        ]
    ).encode()
    job = _job(person, "attendance", content)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert sorted(Attendance.objects.values_list("month", "days_present")) == [
        (dt.date(2025, 2, 1), 15),
        (dt.date(2025, 3, 1), 20),
    ]
    locked = _job(person, "attendance", f"placeringskod;månad;närvarodagar\n{placement.code};2025-01;3\n".encode())
    assert locked.status == ImportJob.Status.FAILED
    assert locked.errors[0]["row"] == 2 and locked.errors[0]["column"] == "månad"
    assert "låst" in locked.errors[0]["message"]


def test_attendance_by_identity_number_and_service(person, placement):
    from samverkan.exchange.services import reveal_identity

    number = reveal_identity(actor=None, participant=placement.participant)
    content = f"personnummer;insats;månad;närvarodagar\n{number};{placement.service.code};2025-04;7\n".encode()
    job = _job(person, "attendance", content)
    assert job.status == ImportJob.Status.DONE, job.errors
    assert Attendance.objects.get(placement=placement).days_present == 7


def test_attendance_outside_the_placement_is_a_row_error(person, placement):
    content = f"placeringskod;månad;närvarodagar\n{placement.code};2024-12;3\n{placement.code};2025-02;40\n".encode()
    job = _job(person, "attendance", content)
    assert [e["column"] for e in job.errors] == ["månad", "närvarodagar"]
    assert not Attendance.objects.exists()


def test_another_providers_placement_is_not_found(person, placement):
    user = person("eve")
    job = imports.start(
        actor=person("nils"),
        organisation=user.organisation,
        kind="attendance",
        upload=SimpleUploadedFile("n.csv", f"placeringskod;månad;närvarodagar\n{placement.code};2025-02;3\n".encode()),
    )
    job = imports.process(job)
    assert job.status == ImportJob.Status.FAILED
    assert "Ingen antagen placering" in job.errors[0]["message"]


def test_the_page_runs_the_import_in_the_background_and_shows_the_outcome(
    client_for, botkyrka_course, django_capture_on_commit_callbacks
):
    content = "\n".join([HEADER, *_placement_rows(botkyrka_course, 3)]).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("anna").post(
            reverse("exchange:import_create"),
            {"kind": "placements", "file": SimpleUploadedFile("p.csv", content, content_type="text/csv")},
        )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    page = client_for("anna").get(response["Location"]).content.decode()
    assert "Filen är inläst" in page
    assert client_for("eve").get(response["Location"]).status_code == 404


def test_a_wrong_file_type_is_refused_by_the_form(client_for):
    response = client_for("anna").post(
        reverse("exchange:import_create"), {"kind": "placements", "file": SimpleUploadedFile("p.pdf", b"%PDF")}
    )
    assert response.status_code == 400
    assert "CSV-fil" in response.content.decode()


def test_the_uploaded_file_is_not_kept_after_the_import(person, botkyrka_course):
    content = "\n".join([HEADER, *_placement_rows(botkyrka_course, 2)]).encode()
    job = _job(person, "placements", content)
    assert job.status == ImportJob.Status.DONE
    assert not job.file.storage.exists(job.file.name)
    bad = _job(person, "placements", b"namn;datum\nx;y\n")
    assert not bad.file.storage.exists(bad.file.name)


def test_an_import_broken_by_an_unexpected_error_says_so_and_saves_nothing(person, botkyrka_course):
    from unittest import mock

    from django.db import OperationalError

    user = person("anna")
    content = "\n".join([HEADER, *_placement_rows(botkyrka_course, 3)]).encode()
    job = imports.start(
        actor=user, organisation=user.organisation, kind="placements", upload=SimpleUploadedFile("p.csv", content)
    )
    stored = job.file.name
    with (
        mock.patch.object(imports, "_save", side_effect=OperationalError("server closed the connection")),
        pytest.raises(OperationalError),
    ):
        imports.process(job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and job.is_finished
    assert "oväntat fel och ingenting sparades. Läs in filen igen" in job.errors[0]["message"]
    assert not Placement.objects.exists() and not Participant.objects.exists()
    assert not job.file.storage.exists(stored), "the file with identity numbers is not kept"
