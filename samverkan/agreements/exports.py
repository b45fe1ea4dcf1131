"""The compilation as a PDF for the steering group (WeasyPrint, A4, Swedish) and as an Excel workbook."""

from __future__ import annotations

import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from samverkan.agreements.compilation import Compilation

CSS_PATH = Path(__file__).resolve().parent / "static" / "agreements" / "compilation-print.css"


# The print stylesheet is parsed once per process, and WeasyPrint's cache (fonts, images) is
# shared between renderings: together about a third of the time of a compilation PDF.
_STYLESHEETS: list = []
_WEASYPRINT_CACHE: dict = {}


def compilation_pdf(compilation: Compilation) -> bytes:
    from weasyprint import CSS, HTML

    if not _STYLESHEETS:
        _STYLESHEETS.append(CSS(filename=str(CSS_PATH)))
    # The steering group reads Swedish: the PDF is Swedish whatever the reader's language.
    with translation.override("sv"):
        html = render_to_string("agreements/compilation_pdf.html", {"c": compilation})
    return HTML(string=html).write_pdf(stylesheets=_STYLESHEETS, cache=_WEASYPRINT_CACHE)


def compilation_xlsx(compilation: Compilation) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    with translation.override("sv"):
        workbook = Workbook()
        summary = workbook.active
        summary.title = _("Sammanfattning")
        version = compilation.round.version
        summary.append([_("Remissammanställning"), compilation.round.title])
        summary.append([_("Överenskommelse"), str(version.agreement)])
        summary.append([_("Version"), f"{version.title} ({version.registration_number or '–'})"])
        summary.append([_("Skickad"), compilation.round.sent_on])
        summary.append([_("Sista svarsdag"), compilation.round.deadline])
        summary.append([_("Sammanställd"), compilation.today])
        summary.append([])
        summary.append([_("Status"), _("Antal")])
        for _letter, label, count in compilation.legend:
            summary.append([label, count])
        summary.append([])
        summary.append([_("Ställningstagande"), _("Antal")])
        for label, count in compilation.stance_table:
            summary.append([label, count])

        organisations = workbook.create_sheet(_("Organisationer"))
        organisations.append(
            [
                _("Organisation"),
                _("Kommunkod"),
                _("Status"),
                _("Ställningstagande"),
                _("Sista svarsdag"),
                _("Besvarad"),
                _("Beslutsgång"),
                _("Synpunkter på paragrafer"),
                _("Demodata"),
            ]
        )
        for row in compilation.organisations:
            r = row.response
            path = " → ".join(
                f"{s.body_name}: {s.get_kind_display()}" + (f" {s.meeting_date.isoformat()}" if s.meeting_date else "")
                for s in row.steps
            )
            organisations.append(
                [
                    r.organisation.name,
                    r.organisation.scb_code or (r.organisation.parent.scb_code if r.organisation.parent else ""),
                    row.status_label,
                    r.get_stance_display() if r.stance else "",
                    row.deadline,
                    r.answered_on,
                    path,
                    row.comment_count,
                    _("ja") if r.is_demo else "",
                ]
            )

        paragraphs = workbook.create_sheet(_("Paragrafer"))
        paragraphs.append([_("Paragraf"), _("Rubrik"), _("Organisation"), _("Utdrag"), _("Demodata")])
        for prow in compilation.paragraphs:
            if not prow.comments:
                paragraphs.append([f"§ {prow.paragraph.number}", prow.paragraph.heading, "", _("Inga synpunkter"), ""])
            for comment in prow.comments:
                paragraphs.append(
                    [
                        f"§ {prow.paragraph.number}",
                        prow.paragraph.heading,
                        comment.response.organisation.name,
                        comment.excerpt,
                        _("ja") if comment.is_demo else "",
                    ]
                )
        for sheet, widths in (
            (summary, [34, 60]),
            (organisations, [38, 10, 18, 26, 14, 12, 70, 12, 10]),
            (paragraphs, [10, 40, 34, 100, 10]),
        ):
            for index, width in enumerate(widths, start=1):
                sheet.column_dimensions[get_column_letter(index)].width = width
            for cell in sheet[1]:
                cell.font = bold
            for row_cells in sheet.iter_rows(min_row=2):
                for cell in row_cells:
                    cell.alignment = wrap
                    if hasattr(cell.value, "isoformat"):
                        cell.number_format = "yyyy-mm-dd"
            sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
