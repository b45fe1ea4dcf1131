"""PEPPOL BIS Billing 3.0 (UBL 2.1) invoices and credit notes, from plain data.

`render(document)` turns an `InvoiceDocument` into UBL XML bytes; the settlement
services build the document from a run's pair and its lines. The same document
always gives the same bytes.

VAT. Compensation one municipality pays another for introduction services it
provides to the payer's residents is not a supply in the course of an economic
activity: both parties are public authorities acting as such (mervärdesskattelagen
(2023:200) 4 kap. 7 §, on the exercise of public authority; the EU VAT directive
2006/112/EC art. 13). The invoices therefore carry VAT category `O`, "not subject
to VAT" (services outside the scope of tax), with the exemption reason code
`VATEX-EU-O` and the reason stated in Swedish; no VAT identifiers are given
(rule BR-O-02), and the VAT amount is zero. docs/settlement.md says more.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from lxml import etree

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CURRENCY = "SEK"
VAT_CATEGORY = "O"
VAT_EXEMPTION_CODE = "VATEX-EU-O"
VAT_EXEMPTION_REASON = (
    "Ej föremål för mervärdesskatt: ersättning mellan kommuner för introduktionsinsatser "
    "i myndighetsutövning (ML 4 kap. 7 §)."
)
# Endpoint scheme 0007: Swedish organisation number (PEPPOL EAS code list).
SCHEME_SE_ORGNR = "0007"


@dataclass(frozen=True)
class Party:
    name: str
    organisation_number: str  # "212000-0142" or "2120000142"
    city: str = ""
    country: str = "SE"

    @property
    def digits(self) -> str:
        return self.organisation_number.replace("-", "")


@dataclass(frozen=True)
class Line:
    """One invoice line. `amount` is öre, already rounded; quantity × price / base gives it within the öre."""

    line_id: str
    name: str
    description: str
    quantity: Decimal
    unit: str  # UN/ECE rec. 20: DAY, HUR, C62
    price: int  # öre per `base_quantity` units
    base_quantity: Decimal
    amount: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True)
class InvoiceDocument:
    number: str
    is_credit_note: bool
    issue_date: dt.date
    due_date: dt.date
    seller: Party
    buyer: Party
    buyer_reference: str
    period_start: dt.date
    period_end: dt.date
    lines: list[Line] = field(default_factory=list)
    note: str = ""
    preceding_number: str = ""  # the corrected invoice, for a credit note
    preceding_date: dt.date | None = None

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.lines)


def _money(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    return f"{sign}{kronor}.{rest:02d}"


def _decimal(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


class _Builder:
    def __init__(self, root_ns: str, root_tag: str) -> None:
        self.root = etree.Element(f"{{{root_ns}}}{root_tag}", nsmap={None: root_ns, "cac": NS_CAC, "cbc": NS_CBC})

    @staticmethod
    def cbc(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
        el = etree.SubElement(parent, f"{{{NS_CBC}}}{tag}", attrs)
        el.text = text
        return el

    @staticmethod
    def cac(parent: etree._Element, tag: str) -> etree._Element:
        return etree.SubElement(parent, f"{{{NS_CAC}}}{tag}")


def _party(b: _Builder, parent: etree._Element, party: Party) -> None:
    p = b.cac(parent, "Party")
    b.cbc(p, "EndpointID", party.digits, schemeID=SCHEME_SE_ORGNR)
    ident = b.cac(p, "PartyIdentification")
    b.cbc(ident, "ID", party.digits, schemeID=SCHEME_SE_ORGNR)
    name = b.cac(p, "PartyName")
    b.cbc(name, "Name", party.name)
    address = b.cac(p, "PostalAddress")
    if party.city:
        b.cbc(address, "CityName", party.city)
    country = b.cac(address, "Country")
    b.cbc(country, "IdentificationCode", party.country)
    legal = b.cac(p, "PartyLegalEntity")
    b.cbc(legal, "RegistrationName", party.name)
    b.cbc(legal, "CompanyID", party.digits, schemeID=SCHEME_SE_ORGNR)


def _tax_category(b: _Builder, parent: etree._Element, tag: str, *, reason: bool) -> None:
    category = b.cac(parent, tag)
    b.cbc(category, "ID", VAT_CATEGORY)
    if reason:
        b.cbc(category, "TaxExemptionReasonCode", VAT_EXEMPTION_CODE)
        b.cbc(category, "TaxExemptionReason", VAT_EXEMPTION_REASON)
    scheme = b.cac(category, "TaxScheme")
    b.cbc(scheme, "ID", "VAT")


def render(doc: InvoiceDocument) -> bytes:
    """UBL 2.1 XML of the invoice (or credit note), UTF-8 with declaration."""
    credit = doc.is_credit_note
    b = _Builder(NS_CREDIT_NOTE if credit else NS_INVOICE, "CreditNote" if credit else "Invoice")
    root = b.root
    b.cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    b.cbc(root, "ProfileID", PROFILE_ID)
    b.cbc(root, "ID", doc.number)
    b.cbc(root, "IssueDate", doc.issue_date.isoformat())
    if not credit:
        b.cbc(root, "DueDate", doc.due_date.isoformat())
    b.cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    if doc.note:
        b.cbc(root, "Note", doc.note)
    b.cbc(root, "DocumentCurrencyCode", CURRENCY)
    b.cbc(root, "BuyerReference", doc.buyer_reference)
    period = b.cac(root, "InvoicePeriod")
    b.cbc(period, "StartDate", doc.period_start.isoformat())
    b.cbc(period, "EndDate", doc.period_end.isoformat())
    if doc.preceding_number:
        ref = b.cac(b.cac(root, "BillingReference"), "InvoiceDocumentReference")
        b.cbc(ref, "ID", doc.preceding_number)
        if doc.preceding_date:
            b.cbc(ref, "IssueDate", doc.preceding_date.isoformat())
    _party(b, b.cac(root, "AccountingSupplierParty"), doc.seller)
    _party(b, b.cac(root, "AccountingCustomerParty"), doc.buyer)
    terms = b.cac(root, "PaymentTerms")
    if credit:
        b.cbc(terms, "Note", "Kreditfaktura: beloppet räknas av mot kommande avräkning.")
    else:
        b.cbc(terms, "Note", f"Betalas senast {doc.due_date.isoformat()}. Ange fakturanummer {doc.number}.")

    total = doc.total
    tax_total = b.cac(root, "TaxTotal")
    b.cbc(tax_total, "TaxAmount", _money(0), currencyID=CURRENCY)
    subtotal = b.cac(tax_total, "TaxSubtotal")
    b.cbc(subtotal, "TaxableAmount", _money(total), currencyID=CURRENCY)
    b.cbc(subtotal, "TaxAmount", _money(0), currencyID=CURRENCY)
    _tax_category(b, subtotal, "TaxCategory", reason=True)

    monetary = b.cac(root, "LegalMonetaryTotal")
    for tag in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        b.cbc(monetary, tag, _money(total), currencyID=CURRENCY)

    for line in doc.lines:
        el = b.cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        b.cbc(el, "ID", line.line_id)
        b.cbc(el, "CreditedQuantity" if credit else "InvoicedQuantity", _decimal(line.quantity), unitCode=line.unit)
        b.cbc(el, "LineExtensionAmount", _money(line.amount), currencyID=CURRENCY)
        if line.period_start and line.period_end:
            line_period = b.cac(el, "InvoicePeriod")
            b.cbc(line_period, "StartDate", line.period_start.isoformat())
            b.cbc(line_period, "EndDate", line.period_end.isoformat())
        item = b.cac(el, "Item")
        if line.description:
            b.cbc(item, "Description", line.description)
        b.cbc(item, "Name", line.name)
        _tax_category(b, item, "ClassifiedTaxCategory", reason=False)
        price = b.cac(el, "Price")
        b.cbc(price, "PriceAmount", _money(line.price), currencyID=CURRENCY)
        if line.base_quantity != 1:
            b.cbc(price, "BaseQuantity", _decimal(line.base_quantity), unitCode=line.unit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
