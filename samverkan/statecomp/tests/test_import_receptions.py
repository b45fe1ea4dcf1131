from __future__ import annotations

import datetime as dt
import io

import pytest

from samverkan.audit.models import AuditEvent
from samverkan.statecomp.models import ImportBatch, Reception
from samverkan.statecomp.services import StatecompError, import_receptions

pytestmark = pytest.mark.django_db

GOOD = "månad;åldersgrupp;antal;boende\n2024-03;0-19;4;anvisad\n2024-03;20-65;7;anvisad\n2024-04;66-;2;eget boende\n"


def test_counts_per_month_and_age_group_are_imported(person, nacka):
    batch = import_receptions(actor=person("nils"), municipality=nacka, name="mottagna.csv", data=GOOD.encode())
    rows = list(Reception.objects.filter(batch=batch).order_by("month", "age_from"))
    assert [(r.month, r.age_from, r.age_to, r.housing, r.count) for r in rows] == [
        (dt.date(2024, 3, 1), 0, 19, "allocated", 4),
        (dt.date(2024, 3, 1), 20, 65, "allocated", 7),
        (dt.date(2024, 4, 1), 66, None, "own", 2),
    ]
    event = AuditEvent.objects.get(action="statecomp.receptions.import", object_id=str(batch.pk))
    assert event.after["persons"] == 13


def test_an_excel_file_is_read_like_a_csv(person, nacka):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Månad", "Åldersgrupp", "Antal"])
    sheet.append([dt.datetime(2023, 5, 1), "0-65", 12])
    data = io.BytesIO()
    workbook.save(data)
    import_receptions(actor=person("nils"), municipality=nacka, name="mottagna.xlsx", data=data.getvalue())
    assert Reception.objects.get(municipality=nacka).count == 12


def test_unknown_columns_and_bad_cells_are_named_and_nothing_is_saved(person, nacka):
    with pytest.raises(StatecompError) as caught:
        import_receptions(
            actor=person("nils"), municipality=nacka, name="x.csv", data="månad;åldersgrupp;antal;kön\n".encode()
        )
    assert caught.value.problems[0].startswith("Okända kolumner i filen med mottagna: ”kön”.")
    bad = "månad;åldersgrupp;antal\n2024-03;0-19;4\n2024-13;0-19;4\n2024-04;19-2;1\n2024-05;0-19;fyra\n"
    with pytest.raises(StatecompError) as caught:
        import_receptions(actor=person("nils"), municipality=nacka, name="x.csv", data=bad.encode())
    assert caught.value.problems == [
        "Rad 3, kolumn månad: ”2024-13” är ingen månad; skriv till exempel 2024-03.",
        "Rad 4, kolumn åldersgrupp: Åldersgruppen ”19-2” slutar innan den börjar.",
        "Rad 5: ”fyra” är inget heltal.",
    ]
    assert not Reception.objects.filter(municipality=nacka).exists()
    assert not ImportBatch.objects.filter(municipality=nacka).exists()


def test_a_month_is_imported_once(person, nacka):
    import_receptions(actor=person("nils"), municipality=nacka, name="a.csv", data=GOOD.encode())
    again = "månad;åldersgrupp;antal\n2024-04;0-19;1\n"
    with pytest.raises(StatecompError, match="Nacka har redan mottagna för 2024-04"):
        import_receptions(actor=person("nils"), municipality=nacka, name="b.csv", data=again.encode())
    with pytest.raises(StatecompError, match="Filen är redan inläst"):
        import_receptions(actor=person("nils"), municipality=nacka, name="a.csv", data=GOOD.encode())


def test_a_file_for_another_municipality_is_refused(person, nacka):
    data = "kommunkod;månad;åldersgrupp;antal\n0126;2024-03;0-19;4\n"
    with pytest.raises(StatecompError, match="Rad 2, kolumn kommunkod: 0126 är inte Nacka"):
        import_receptions(actor=person("nils"), municipality=nacka, name="x.csv", data=data.encode())


def test_months_with_participants_here_are_not_imported_as_counts(person, huddinge, received):
    received(huddinge, dt.date(2024, 3, 9), dt.date(1990, 1, 1))
    data = "månad;åldersgrupp;antal\n2024-03;0-19;4\n2024-04;0-19;2\n"
    with pytest.raises(StatecompError) as caught:
        import_receptions(actor=person("hanna"), municipality=huddinge, name="m.csv", data=data.encode())
    assert caught.value.problems == [
        "Huddinge har deltagare här som togs emot 2024-03; de räknas från deltagarna, "
        "och samma månader läses inte in som antal."
    ]
    assert not Reception.objects.filter(municipality=huddinge).exists()
