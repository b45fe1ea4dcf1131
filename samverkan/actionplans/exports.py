"""The follow-up report as a PDF for the steering group (WeasyPrint, A4, Swedish), as the agreements'
compilation is made."""

from __future__ import annotations

from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

from samverkan.actionplans.followup import FollowUpReport

CSS_PATH = Path(__file__).resolve().parent / "static" / "actionplans" / "followup-print.css"

# Parsed once per process; WeasyPrint's cache (fonts, images) is shared between renderings.
_STYLESHEETS: list = []
_WEASYPRINT_CACHE: dict = {}


def followup_pdf(report: FollowUpReport) -> bytes:
    from weasyprint import CSS, HTML

    if not _STYLESHEETS:
        _STYLESHEETS.append(CSS(filename=str(CSS_PATH)))
    # The steering group reads Swedish: the PDF is Swedish whatever the reader's language.
    with translation.override("sv"):
        html = render_to_string("actionplans/followup_pdf.html", {"r": report})
    return HTML(string=html).write_pdf(stylesheets=_STYLESHEETS, cache=_WEASYPRINT_CACHE)
