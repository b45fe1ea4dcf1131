"""UBL invoices and credit notes pass both official rule sets (CEN EN 16931 and PEPPOL BIS 3.0)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from lxml import etree

from samverkan.settlement import peppol, validation

BOTKYRKA = peppol.Party("Botkyrka kommun", "212000-2882", "Tumba")
HUDDINGE = peppol.Party("Huddinge kommun", "212000-0068", "Huddinge")
NS = {"cbc": peppol.NS_CBC, "cac": peppol.NS_CAC}


def _document(*, credit: bool = False, lines=None, buyer_reference="IKE 2026-10") -> peppol.InvoiceDocument:
    if lines is None:
        lines = [
            # Month price 8 500 kr pro rata: 10 of 31 days.
            peppol.Line("1", "SFI", "Deltagare 1", Decimal(10), "DAY", 850000, Decimal(31), 274194),
            peppol.Line("2", "Praktik", "Deltagare 2", Decimal(12), "DAY", 45000, Decimal(1), 540000),
            peppol.Line("3", "Samhällsorientering", "Deltagare 2", Decimal("7.5"), "HUR", 52000, Decimal(1), 390000),
            # An adjustment of an earlier month carried into this one: a negative quantity.
            peppol.Line("4", "Praktik", "Justering av 2026-09", Decimal(-2), "DAY", 45000, Decimal(1), -90000),
        ]
    return peppol.InvoiceDocument(
        number="IKE-202610-0127-0126",
        is_credit_note=credit,
        issue_date=dt.date(2026, 11, 5),
        due_date=dt.date(2026, 12, 5),
        seller=BOTKYRKA,
        buyer=HUDDINGE,
        buyer_reference=buyer_reference,
        period_start=dt.date(2026, 10, 1),
        period_end=dt.date(2026, 10, 31),
        lines=lines,
        preceding_number="IKE-202609-0127-0126" if credit else "",
        preceding_date=dt.date(2026, 10, 5) if credit else None,
    )


def test_the_official_examples_pass_so_the_validator_runs():
    for name in ("base-example.xml", "base-creditnote-correction.xml"):
        assert validation.errors((validation.RULES_DIR / name).read_bytes()) == []


@pytest.mark.parametrize("credit", [False, True], ids=["invoice", "credit note"])
def test_an_invoice_passes_both_rule_sets_without_a_single_finding(credit):
    xml = peppol.render(_document(credit=credit))
    assert validation.validate(xml) == []


def test_the_validator_reports_a_wrong_line_amount_and_a_missing_buyer_reference():
    bad_line = peppol.Line("1", "SFI", "", Decimal(10), "DAY", 850000, Decimal(31), 274194 + 5)
    findings = validation.errors(peppol.render(_document(lines=[bad_line], buyer_reference="")))
    ids = {f.rule_id for f in findings}
    assert "PEPPOL-EN16931-R120" in ids  # line amount ≠ quantity × price / base
    assert "PEPPOL-EN16931-R008" in ids  # the empty BuyerReference


def test_parties_are_scheme_0007_endpoints_and_vat_is_stated_as_not_subject():
    tree = etree.fromstring(peppol.render(_document()))
    endpoints = tree.findall(".//cbc:EndpointID", NS)
    assert [(e.get("schemeID"), e.text) for e in endpoints] == [("0007", "2120002882"), ("0007", "2120000068")]
    assert tree.findtext("cbc:BuyerReference", namespaces=NS) == "IKE 2026-10"
    category = tree.find("cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory", NS)
    assert category.findtext("cbc:ID", namespaces=NS) == "O"
    assert category.findtext("cbc:TaxExemptionReasonCode", namespaces=NS) == "VATEX-EU-O"
    assert "Ej föremål för mervärdesskatt" in category.findtext("cbc:TaxExemptionReason", namespaces=NS)
    assert tree.findtext("cac:TaxTotal/cbc:TaxAmount", namespaces=NS) == "0.00"
    assert tree.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS) == "11141.94"


def test_the_same_document_gives_the_same_bytes():
    assert peppol.render(_document()) == peppol.render(_document())
