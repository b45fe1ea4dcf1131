"""A run's documents: PEPPOL invoices and credit notes, the PDF specification, SIE files.

Invoices name placements by their code, never people: the PDF specification (seen
only by the two parties) lists participant codes too, and the parties look the
people up in the exchange, where its visibility rules apply.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samverkan.organisations.models import Organisation
from samverkan.settlement import peppol, sie
from samverkan.settlement.models import AccountMapping, CreditNote, SettlementLine, SettlementPair, SettlementRun

UNITS = {"month": "DAY", "day": "DAY", "hour": "HUR", "course": "C62"}
PAYMENT_DAYS = 30
CSS_PATH = Path(__file__).resolve().parent / "static" / "settlement" / "specification-print.css"
_STYLESHEETS: list = []
_WEASYPRINT_CACHE: dict = {}


def issue_date(run: SettlementRun) -> dt.date:
    moment = run.approved_at or run.created_at
    return timezone.localtime(moment).date()


def mapping_for(municipality: Organisation) -> AccountMapping:
    """The municipality's account mapping, or the defaults (not saved)."""
    mapping = AccountMapping.objects.filter(municipality=municipality).first()
    return mapping or AccountMapping(municipality=municipality)


def pair_lines(pair: SettlementPair) -> Iterable[SettlementLine]:
    return (
        SettlementLine.objects.filter(run_id=pair.run_id, payer_id=pair.payer_id, payee_id=pair.payee_id)
        .select_related("service", "placement", "participant")
        .order_by("service__name", "placement__code", "month", "source", "source_id")
    )


def _party(org: Organisation) -> peppol.Party:
    return peppol.Party(name=org.name, organisation_number=org.organisation_number)


def _document(
    pair: SettlementPair, *, credit: bool, number: str, issued: dt.date, preceding: str = ""
) -> peppol.InvoiceDocument:
    run = pair.run
    # A credit note states the credited amounts as positive: the signs of a negative pair flip.
    sign = -1 if credit else 1
    lines = []
    for i, line in enumerate(pair_lines(pair), start=1):
        what = _("rättelse av %(month)s") % {"month": f"{line.month:%Y-%m}"} if line.source == "adjustment" else ""
        lines.append(
            peppol.Line(
                line_id=str(i),
                name=line.service.name,
                description=" ".join(
                    p
                    for p in (_("Placering %(code)s") % {"code": line.placement.code}, f"{line.month:%Y-%m}", what)
                    if p
                ),
                quantity=Decimal(line.quantity) * sign,
                unit=UNITS[line.price_model],
                price=line.price_ore,
                base_quantity=Decimal(line.base_quantity),
                amount=line.amount_ore * sign,
            )
        )
    mapping = mapping_for(pair.payer)
    return peppol.InvoiceDocument(
        number=number,
        is_credit_note=credit,
        issue_date=issued,
        due_date=issued + dt.timedelta(days=PAYMENT_DAYS),
        seller=_party(pair.payee),
        buyer=_party(pair.payer),
        buyer_reference=mapping.buyer_reference or f"IKE {run.label}",
        period_start=run.period_start,
        period_end=run.period_end,
        lines=lines,
        note=_("Interkommunal ersättning för introduktionsinsatser, %(label)s.") % {"label": run.label},
        preceding_number=preceding,
        preceding_date=issue_date(run) if preceding else None,
    )


def invoice_document(pair: SettlementPair) -> peppol.InvoiceDocument:
    """The pair's invoice; a credit note when the pair's amount is negative."""
    with translation.override("sv"):
        return _document(pair, credit=pair.is_credit, number=pair.invoice_number, issued=issue_date(pair.run))


def credit_note_document(note: CreditNote) -> peppol.InvoiceDocument:
    """The full credit of a pair's invoice (the amounts the invoice charged, credited)."""
    pair = note.pair
    with translation.override("sv"):
        return _document(
            pair, credit=not pair.is_credit, number=note.number, issued=note.issued_on, preceding=pair.invoice_number
        )


def invoice_xml(pair: SettlementPair) -> bytes:
    return peppol.render(invoice_document(pair))


def credit_note_xml(note: CreditNote) -> bytes:
    return peppol.render(credit_note_document(note))


def specification_pdf(pair: SettlementPair) -> bytes:
    """The Swedish PDF with the specification per participant, for the two parties."""
    from weasyprint import CSS, HTML

    if not _STYLESHEETS:
        _STYLESHEETS.append(CSS(filename=str(CSS_PATH)))
    lines = list(pair_lines(pair))
    by_participant: dict[str, list[SettlementLine]] = {}
    for line in lines:
        by_participant.setdefault(line.participant.code, []).append(line)
    with translation.override("sv"):
        html = render_to_string(
            "settlement/specification_pdf.html",
            {
                "pair": pair,
                "run": pair.run,
                "document": invoice_document(pair),
                "groups": sorted(by_participant.items()),
                "issued": issue_date(pair.run),
            },
        )
    return HTML(string=html).write_pdf(stylesheets=_STYLESHEETS, cache=_WEASYPRINT_CACHE)


def sie_file(run: SettlementRun, municipality: Organisation) -> bytes:
    """The run's postings in the municipality's own ledger, as SIE 4 type 4I."""
    mapping = mapping_for(municipality)
    objects = (("1", mapping.cost_centre),) if mapping.cost_centre else ()
    vouchers: list[sie.Voucher] = []
    issued = issue_date(run)
    notes = {n.pair_id: n for n in CreditNote.objects.filter(pair__run=run)}
    with translation.override("sv"):
        for pair in (
            SettlementPair.objects.filter(Q(payer=municipality) | Q(payee=municipality), run=run)
            .select_related("payer", "payee", "run")
            .order_by("number")
        ):
            entries = []
            if pair.payee_id == municipality.pk:
                text = _("Faktura %(number)s till %(name)s") % {"number": pair.invoice_number, "name": pair.payer.name}
                entries.append((text, [(mapping.receivable_account, 1), (mapping.revenue_account, -1)]))
            else:
                text = _("Faktura %(number)s från %(name)s") % {"number": pair.invoice_number, "name": pair.payee.name}
                entries.append((text, [(mapping.cost_account, 1), (mapping.payable_account, -1)]))
            note = notes.get(pair.pk)
            if note is not None:
                text = _("Kreditfaktura %(number)s") % {"number": note.number}
                entries.append((text, [(account, -sign) for account, sign in entries[0][1]]))
            for text, postings in entries:
                vouchers.append(
                    sie.Voucher(
                        series=mapping.voucher_series,
                        number=len(vouchers) + 1,
                        date=issued,
                        text=text,
                        transactions=[
                            sie.Transaction(account, sign * pair.amount_ore, text, objects)
                            for account, sign in postings
                        ],
                    )
                )
        accounts = [
            sie.Account(mapping.receivable_account, _("Kundfordringar")),
            sie.Account(mapping.revenue_account, _("Intäkter från andra kommuner, introduktionsinsatser")),
            sie.Account(mapping.cost_account, _("Köp av introduktionsinsatser från andra kommuner")),
            sie.Account(mapping.payable_account, _("Leverantörsskulder")),
        ]
        return sie.render(
            sie.SieFile(
                organisation_number=municipality.organisation_number,
                company_name=municipality.name,
                generated=issued,
                fiscal_year_start=dt.date(run.period_start.year, 1, 1),
                fiscal_year_end=dt.date(run.period_start.year, 12, 31),
                accounts=accounts,
                vouchers=vouchers,
            )
        )


def export_run(run: SettlementRun, directory: Path) -> list[Path]:
    """Every invoice and credit note as UBL XML, the PDFs and one SIE file per municipality, into `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    pairs = list(run.pairs.select_related("payer", "payee", "run").order_by("number"))
    for pair in pairs:
        path = directory / f"{pair.invoice_number}.xml"
        path.write_bytes(invoice_xml(pair))
        written.append(path)
        pdf = directory / f"{pair.invoice_number}.pdf"
        pdf.write_bytes(specification_pdf(pair))
        written.append(pdf)
    for note in CreditNote.objects.filter(pair__run=run).select_related("pair__payer", "pair__payee", "pair__run"):
        path = directory / f"{note.number}.xml"
        path.write_bytes(credit_note_xml(note))
        written.append(path)
    municipalities = {p.payer for p in pairs} | {p.payee for p in pairs}
    for org in sorted(municipalities, key=lambda o: o.code):
        path = directory / f"SIE-{run.label}-{org.code}.se"
        path.write_bytes(sie_file(run, org))
        written.append(path)
    return written
