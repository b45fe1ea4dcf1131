"""The compilation as a page, a PDF and an Excel workbook, with the map coloured by status."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine

from samverkan.agreements import compilation as comp
from samverkan.agreements import services
from samverkan.organisations.models import Organisation


@pytest.fixture(autouse=True)
def _in_2014():
    with time_machine.travel(dt.datetime(2014, 1, 15, 10, 0), tick=False):
        yield


def test_comments_are_compiled_per_paragraph_with_organisation_and_excerpt(demo):
    c = comp.build(demo, dt.date(2014, 1, 15))
    per_paragraph = {row.paragraph.number: [x.response.organisation.name for x in row.comments] for row in c.paragraphs}
    assert per_paragraph[2] == ["Huddinge"]
    assert per_paragraph[3] == ["Huddinge", "Nacka"]
    assert per_paragraph[1] == [] and per_paragraph[7] == []
    assert c.status_counts["answered"] == 5  # Hägersten-Liljeholmen and four invented answers
    assert c.stance_counts["critical"] == 1


def test_the_page_shows_the_map_coloured_by_status_and_the_same_data_in_a_table(demo, client_for):
    page = client_for("anna").get(f"/overenskommelser/remisser/{demo.pk}/sammanstallning/")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'class="sv-map--status-b"' in text  # Huddinge, Värmdö, Ekerö, Tyresö are in progress
    assert 'class="sv-map--status-a"' in text  # Botkyrka (demo) has answered
    assert 'class="sv-map--status-d"' in text  # Danderyd is late
    assert "motsatsförhållande till formuleringen under § 2" in text
    assert "Hägersten-Liljeholmens stadsdelsnämnd" in text and "Tillstyrker" in text
    assert '<caption class="govuk-table__caption govuk-table__caption--m">Svar per organisation</caption>' in text


def test_the_pdf_is_swedish_a4_and_carries_the_compilation(demo, client_for):
    import pypdfium2

    page = client_for("stefan").get(f"/overenskommelser/remisser/{demo.pk}/sammanstallning.pdf")
    assert page["Content-Type"] == "application/pdf"
    pdf = pypdfium2.PdfDocument(page.content)
    width, height = pdf[0].get_size()
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    for expected in [
        "Remissammanställning",
        "KSL/12/0053",
        "§ 2 Förhållande till andra avtal",
        "Huddinge",
        "Ekerö",
        "anstånd",
        "Tillstyrker med synpunkter",
    ]:
        assert expected in text
    pdf.close()


def test_the_excel_workbook_has_the_organisations_and_the_paragraphs(demo, client_for):
    from openpyxl import load_workbook

    page = client_for("rut").get(f"/overenskommelser/remisser/{demo.pk}/sammanstallning.xlsx")
    workbook = load_workbook(io.BytesIO(page.content))
    assert workbook.sheetnames == ["Sammanfattning", "Organisationer", "Paragrafer"]
    organisations = {row[0]: row for row in workbook["Organisationer"].iter_rows(min_row=2, values_only=True)}
    assert organisations["Huddinge"][3] == "Kritisk" and organisations["Huddinge"][1] == "0126"
    assert organisations["Ekerö"][4].date() == dt.date(2013, 12, 19)
    assert organisations["Hägersten-Liljeholmens stadsdelsnämnd"][1] == "0180"
    paragraphs = [row for row in workbook["Paragrafer"].iter_rows(min_row=2, values_only=True) if row[2] == "Huddinge"]
    assert [row[0] for row in paragraphs] == ["§ 2", "§ 3", "§ 4", "§ 5"]


def test_a_new_answer_shows_in_the_next_download(demo, client_for):
    cecilia = client_for("cecilia")
    url = f"/overenskommelser/remisser/{demo.pk}/sammanstallning.xlsx"
    before = cecilia.get(url).content
    danderyd = demo.responses.get(organisation__code="0162")
    services.record_step(
        actor=None,
        response=danderyd,
        kind="decision",
        body_name="Kommunfullmäktige",
        meeting_date=dt.date(2013, 12, 2),
        stance="neutral",
        final=True,
        today=dt.date(2014, 1, 15),
    )
    assert cecilia.get(url).content != before


def test_the_pages_use_the_same_number_of_queries_whatever_the_number_of_answers(
    demo, client_for, django_assert_max_num_queries
):
    anna = client_for("anna")
    urls = [f"/overenskommelser/remisser/{demo.pk}/", f"/overenskommelser/remisser/{demo.pk}/sammanstallning/"]
    for url in urls:
        with django_assert_max_num_queries(16):
            anna.get(url)
    # More organisations with more steps and comments: the same budget.
    for code in ["0114", "0115", "0117", "0123", "0128", "0139", "0140", "0160"]:
        response = demo.responses.get(organisation__scb_code=code)
        services.record_step(
            actor=None,
            response=response,
            kind="decision",
            body_name="Kommunfullmäktige",
            meeting_date=dt.date(2013, 11, 4),
            stance="support_with_comments",
            final=True,
            comments=[services.CommentInput(3, "Synpunkt"), services.CommentInput(5, "Synpunkt")],
            today=dt.date(2014, 1, 15),
        )
    for url in urls:
        with django_assert_max_num_queries(16):
            anna.get(url)


def test_a_municipality_outside_the_round_is_grey_on_the_map(demo, person):
    from samverkan.agreements.views import _status_map

    nykvarn = Organisation.objects.get(scb_code="0140")
    demo.responses.filter(organisation=nykvarn).delete()
    c = comp.build(demo, dt.date(2014, 1, 15))
    assert _status_map(demo, c)["area_classes"]["0140"] == "sv-map--status-e"
