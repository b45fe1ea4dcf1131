from __future__ import annotations

import datetime as dt
import io

import pytest

from samverkan.statecomp.models import ImportBatch, Payment
from samverkan.statecomp.services import StatecompError, import_payments

pytestmark = pytest.mark.django_db

SPEC = (
    "Ersättning;Mottagningsmånad;Åldersgrupp;Antal;Belopp;Utbetald;Referens\n"
    "schablon;2024-03;0-65;11;1 815 000,00;2024-05-20;MV-1\n"
    "Schablonersättning för initiala kostnader;2024-08;20-65;3;59 994;2024-10-18;MV-2\n"
    "Summa;;;;1 874 994,00;;\n"
)


def test_a_payment_specification_is_imported_with_its_total_checked(rates, person, nacka):
    batch = import_payments(actor=person("nils"), municipality=nacka, name="spec.csv", data=SPEC.encode())
    assert batch.total_ore == 187_499_400
    first, second = Payment.objects.filter(batch=batch).order_by("month")
    assert (first.kind.code, first.year, first.month, first.age_from, first.age_to, first.count) == (
        "schablon", 2024, dt.date(2024, 3, 1), 0, 65, 11,
    )  # fmt: skip
    assert (second.kind.code, second.amount_ore, second.paid_on) == ("initialkostnad", 5_999_400, dt.date(2024, 10, 18))


def test_a_total_row_that_differs_from_the_lines_saves_nothing(rates, person, nacka):
    wrong = SPEC.replace("Summa;;;;1 874 994,00", "Summa;;;;1 874 000,00")
    with pytest.raises(StatecompError) as caught:
        import_payments(actor=person("nils"), municipality=nacka, name="spec.csv", data=wrong.encode())
    assert caught.value.problems == [
        "Summaraden (rad 4) säger 1\u00a0874\u00a0000,00\u00a0kr men raderna blir tillsammans "
        "1\u00a0874\u00a0994,00\u00a0kr; skillnad 994,00\u00a0kr."
    ]
    assert not Payment.objects.exists()
    assert not ImportBatch.objects.exists()


def test_unknown_columns_are_named(rates, person, nacka):
    wrong = SPEC.replace("Referens", "Handläggare")
    with pytest.raises(StatecompError, match="Okända kolumner i utbetalningsspecifikationen: ”handläggare”"):
        import_payments(actor=person("nils"), municipality=nacka, name="spec.csv", data=wrong.encode())
    assert not Payment.objects.exists()


def test_bad_cells_are_named_by_row_and_column(rates, person, nacka):
    wrong = SPEC.replace("schablon;2024-03", "bidrag;2024-03").replace("59 994;2024-10-18", "59,9945;2024-10-32")
    with pytest.raises(StatecompError) as caught:
        import_payments(actor=person("nils"), municipality=nacka, name="spec.csv", data=wrong.encode())
    assert caught.value.problems == [
        "Rad 2, kolumn ersättning: ”bidrag” är inget känt ersättningsslag.",
        "Rad 3, kolumn belopp: ”59,9945” har fler än två decimaler.",
        "Rad 3, kolumn utbetald: ”2024-10-32” är inget datum; skriv till exempel 2024-03-15.",
    ]
    assert not Payment.objects.exists()


def test_an_excel_specification_is_read(rates, person, nacka):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ersättning", "Mottagningsår", "Belopp", "Utbetald"])
    sheet.append(["schablon", 2023, 330000, dt.datetime(2023, 9, 1)])
    sheet.append(["Totalt", None, 330000, None])
    data = io.BytesIO()
    workbook.save(data)
    import_payments(actor=person("nils"), municipality=nacka, name="spec.xlsx", data=data.getvalue())
    payment = Payment.objects.get(municipality=nacka)
    assert (payment.year, payment.month, payment.amount_ore) == (2023, None, 33_000_000)


def test_a_specification_that_names_the_persons_explains_a_difference_by_exactly_the_unpaid(
    rates, person, huddinge, nacka, received
):
    from samverkan.lib.identity import make
    from samverkan.statecomp import persons
    from samverkan.statecomp.compare import compare

    births = [dt.date(1990, 1, 1), dt.date(1991, 2, 2), dt.date(1992, 3, 3)]
    people = [received(huddinge, dt.date(2024, 3, 5 + i), birth) for i, birth in enumerate(births)]
    numbers = [make(birth, 500 + i).formatted for i, birth in enumerate(births)]
    spec = "ersättning;mottagningsmånad;åldersgrupp;personnummer;belopp;utbetald\n" + "".join(
        f"schablon;2024-03;0-65;{n};165000;2024-05-20\n" for n in numbers[:2]
    )
    import_payments(actor=person("hanna"), municipality=huddinge, name="spec.csv", data=spec.encode())
    assert {p.participant_id for p in Payment.objects.all()} == {people[0].pk, people[1].pk}
    summary = compare([huddinge.pk], [2024])[(huddinge.pk, 2024)]
    behind = persons.behind_differences(person("hanna"), huddinge, summary)
    assert [row.code for row in behind.rows] == [people[2].code]


def test_a_number_not_among_the_municipalitys_participants_is_refused_without_saying_more(
    rates, person, huddinge, nacka, received
):
    from samverkan.lib.identity import make

    birth = dt.date(1990, 1, 1)
    received(nacka, dt.date(2024, 3, 5), birth)  # Nacka's participant, in a file for Huddinge
    number = make(birth, 500).formatted
    spec = f"ersättning;mottagningsår;personnummer;belopp;utbetald\nschablon;2024;{number};1;2024-05-20\n"
    with pytest.raises(StatecompError) as caught:
        import_payments(actor=person("hanna"), municipality=huddinge, name="spec.csv", data=spec.encode())
    assert caught.value.problems == ["Rad 2, kolumn personnummer: ingen mottagen deltagare i Huddinge har det numret."]
    assert not Payment.objects.exists()
