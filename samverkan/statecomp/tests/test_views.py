from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from samverkan.audit.models import AuditEvent
from samverkan.statecomp.models import Payment, Reception
from samverkan.statecomp.services import record_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def huddinge_2024(rates, person, huddinge, received):
    """Three participants received in March 2024 (one with protected identity), paid for two;
    twelve counted in May, paid in full."""
    received(huddinge, dt.date(2024, 3, 4), dt.date(1993, 1, 2), first_name="Amina")
    received(huddinge, dt.date(2024, 3, 11), dt.date(2016, 1, 2), first_name="Yusuf")
    received(huddinge, dt.date(2024, 3, 19), dt.date(1980, 1, 2), first_name="Hemlig", protected=True)
    Reception.objects.create(municipality=huddinge, month=dt.date(2024, 5, 1), age_from=0, age_to=65, count=12)
    for month, count in ((3, 2), (5, 12)):
        record_payment(
            actor=person("hanna"), municipality=huddinge, kind=rates["schablon"], year=2024,
            month=dt.date(2024, month, 1), count=count, amount_ore=count * 16_500_000, paid_on=dt.date(2024, 6, 20),
        )  # fmt: skip
    return huddinge


def test_hanna_sees_what_should_have_come_what_came_and_the_persons_behind_the_difference(
    huddinge_2024, client_for, person
):
    page = client_for("hanna").get(reverse("statecomp:municipality_detail", args=["0126"]) + "?ar=2024")
    text = page.content.decode()
    assert page.status_code == 200
    # 15 persons at 165 000 kr; 14 paid for.
    assert "2\u00a0475\u00a0000,00\u00a0kr" in text
    assert "2\u00a0310\u00a0000,00\u00a0kr" in text
    assert "−165\u00a0000,00\u00a0kr" in text
    # The payments name no age group: the month's groups tell only what was owed.
    assert "0–65 år: 3 mottagna ger 495\u00a0000,00\u00a0kr." in text and "utbetalt för" not in text
    assert "Amina Hassan 19930102-****" in text and "Yusuf" in text and "2024-03-11" in text
    # Hanna may not see protected identities: the third person is counted, not named.
    assert "Hemlig" not in text
    assert "1 person med skyddade personuppgifter visas bara för behöriga handläggare." in text
    event = AuditEvent.objects.get(action="read.statecomp.persons", actor=person("hanna"))
    assert event.personal_data and event.organisation_id == huddinge_2024.pk
    # Anna is allowed protected identities.
    assert "Hemlig" in client_for("anna").get(reverse("statecomp:municipality_detail", args=["0126"])).content.decode()


def test_the_county_sees_the_same_year_only_as_aggregates(huddinge_2024, client_for):
    page = client_for("cecilia").get(reverse("statecomp:municipality_detail", args=["0126"]) + "?ar=2024")
    text = page.content.decode()
    assert "2\u00a0475\u00a0000,00\u00a0kr" in text  # the year: 15 persons
    assert "Amina" not in text and "2024-03-04" not in text  # no persons
    assert "färre än 5 – visas inte" in text  # March: three persons
    assert not AuditEvent.objects.filter(action="read.statecomp.persons").exists()
    overview = client_for("cecilia").get(reverse("statecomp:overview") + "?ar=2024").content.decode()
    assert "Huddinge" in overview and "2\u00a0475\u00a0000,00\u00a0kr" in overview


def test_a_small_year_is_suppressed_for_everyone_but_its_own(rates, huddinge, client_for, received):
    received(huddinge, dt.date(2023, 4, 2), dt.date(1990, 6, 1))
    for who, shown in (("eve", False), ("cecilia", False), ("petra", False), ("stefan", False), ("hanna", True)):
        text = client_for(who).get(reverse("statecomp:municipality_detail", args=["0126"])).content.decode()
        assert ("165\u00a0000,00\u00a0kr" in text) is shown, who
        # Nothing has come for 2023: the one person received is behind the difference, for Huddinge's eyes only.
        assert ("2023-04-02" in text) is (who == "hanna"), who


def test_the_excel_export_suppresses_for_others(huddinge_2024, client_for):
    from openpyxl import load_workbook

    own = load_workbook(
        io.BytesIO(client_for("hanna").get(reverse("statecomp:municipality_xlsx", args=["0126"])).content)
    )
    months = [[c.value for c in row] for row in own["Per månad"].iter_rows(min_row=2)]
    assert [2024, "Schablonersättning per mottagen person", "2024-03", 3, 495000, 330000, -165000] in months
    county = load_workbook(
        io.BytesIO(client_for("cecilia").get(reverse("statecomp:municipality_xlsx", args=["0126"])).content)
    )
    months = [[c.value for c in row] for row in county["Per månad"].iter_rows(min_row=2)]
    assert [2024, "Schablonersättning per mottagen person", "2024-03"] + ["färre än 5"] * 4 in months
    whole = load_workbook(io.BytesIO(client_for("eve").get(reverse("statecomp:overview_xlsx")).content))
    rows = [[c.value for c in row] for row in whole.active.iter_rows(min_row=2)]
    assert ["Huddinge", "0126", 2024, 15, 2475000, 2310000, -165000] in rows


def test_a_bad_payment_file_is_shown_with_its_rows_and_saves_nothing(rates, huddinge, client_for):
    data = "ersättning;mottagningsår;belopp;utbetald;kön\nschablon;2024;1;2024-01-01;m\n".encode()
    page = client_for("hanna").post(
        reverse("statecomp:payment_import", args=["0126"]), {"file": SimpleUploadedFile("spec.csv", data)}
    )
    assert page.status_code == 400
    assert "Okända kolumner i utbetalningsspecifikationen: ”kön”" in page.content.decode()
    assert not Payment.objects.exists()


def test_eve_cannot_enter_for_huddinge(rates, huddinge, client_for):
    data = "månad;åldersgrupp;antal\n2024-03;0-19;4\n".encode()
    page = client_for("eve").post(
        reverse("statecomp:reception_import", args=["0126"]), {"file": SimpleUploadedFile("m.csv", data)}
    )
    assert page.status_code == 403
    assert not Reception.objects.exists()


def test_a_coordinator_enters_a_missing_year_with_its_source(rates, client_for):
    page = client_for("cecilia").post(
        reverse("statecomp:rate_create"),
        {"kind": rates["schablon"].pk, "year": "2025", "age_group": "0-65", "amount": "165 000", "source": ""},
    )
    assert page.status_code == 400
    assert "Detta fält måste fyllas i." in page.content.decode()
    page = client_for("cecilia").post(
        reverse("statecomp:rate_create"),
        {"kind": rates["schablon"].pk, "year": "2025", "age_group": "0-65", "amount": "165 000",
         "source": "Migrationsverket 2024-12-20"},
    )  # fmt: skip
    assert page.status_code == 302
    listing = client_for("anna").get(reverse("statecomp:rate_list")).content.decode()
    assert "Migrationsverket 2024-12-20" in listing and "Inmatat av samordnare" in listing
    assert "Slutsats" in listing and "Härlett" in listing
