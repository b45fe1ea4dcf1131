"""The comparison as Excel workbooks (openpyxl): the municipality's own, and the county's aggregates.

Suppressed figures are written as "färre än 5", never as numbers.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.organisations.models import Organisation
from samverkan.statecomp import presentation
from samverkan.statecomp.compare import YearSummary

MONEY = '#,##0.00 "kr"'


def _kronor(ore: int | None) -> float | None:
    return None if ore is None else ore / 100


def _cells(row: presentation.Figures) -> list:
    if row.suppressed:
        hidden = _("färre än 5")
        return [hidden, hidden, hidden, hidden]
    return [row.persons, _kronor(row.expected_ore), _kronor(row.received_ore), _kronor(row.difference_ore)]


def _save(workbook) -> bytes:
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = MONEY
        for column in sheet.columns:
            sheet.column_dimensions[column[0].column_letter].width = 22
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def municipality_xlsx(municipality: Organisation, summaries: Iterable[YearSummary], *, own: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    with translation.override("sv"):
        workbook = Workbook()
        years = workbook.active
        years.title = _("Per år")
        years.append([_("År"), _("Mottagna"), _("Borde ha kommit"), _("Kom"), _("Skillnad")])
        months = workbook.create_sheet(_("Per månad"))
        months.append([_("År"), _("Ersättning"), _("Månad"), _("Mottagna"), _("Borde ha kommit"), _("Kom"),
                       _("Skillnad")])  # fmt: skip
        for summary in summaries:
            years.append([summary.year, *_cells(presentation.year_row(summary, own=own))])
            for kind_year in summary.rows:
                for row in presentation.month_rows(kind_year, own=own):
                    months.append([summary.year, kind_year.kind.name, row.label, *_cells(row)])
        for sheet in (years, months):
            for cell in sheet[1]:
                cell.font = bold
        years.append([])
        years.append([_("Kommun"), f"{municipality.name} ({municipality.scb_code})"])
        if not own:
            years.append([_("Antal under 5 visas inte (sekretess).")])
        return _save(workbook)


def county_xlsx(rows: Iterable[tuple[Organisation, int, presentation.Figures]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    with translation.override("sv"):
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = _("Kommuner per år")
        sheet.append([_("Kommun"), _("Kommunkod"), _("År"), _("Mottagna"), _("Borde ha kommit"), _("Kom"),
                      _("Skillnad")])  # fmt: skip
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for municipality, year, row in rows:
            sheet.append([municipality.name, municipality.scb_code, year, *_cells(row)])
        sheet.append([])
        sheet.append([_("Antal under 5 visas inte (sekretess).")])
        return _save(workbook)
