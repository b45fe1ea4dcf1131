"""A run's documents: every invoice and credit note passes both official rule sets; SIE; PDF."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from samverkan.settlement import exports, services, sie, validation
from samverkan.settlement.models import AccountMapping

from .builders import OCTOBER, lock


def test_every_invoice_of_a_run_passes_cen_and_peppol_rules_without_a_fatal_assert(county):
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    assert run.pairs.count() == 3
    for pair in run.pairs.select_related("payer", "payee", "run"):
        xml = exports.invoice_xml(pair)
        assert validation.errors(xml) == [], pair.invoice_number
        assert b'<cbc:EndpointID schemeID="0007">' in xml


def test_a_negative_pair_becomes_a_valid_credit_note_and_so_does_a_credit_of_an_invoice(county, person):
    from samverkan.exchange.models import AttendanceAdjustment

    placement = county.placements["n0"]
    AttendanceAdjustment.objects.create(
        placement=placement,
        month=dt.date(2026, 9, 1),
        carried_to=OCTOBER,
        provider=placement.provider,
        payer=placement.home_municipality,
        days_present=-12,
        reason="Ingen närvaro alls",
    )
    lock(OCTOBER)
    run = services.run_settlement(actor=None, period="2026-10", final=True)
    pair = run.pairs.get()
    assert pair.is_credit and pair.amount_ore == -12 * 50000
    xml = exports.invoice_xml(pair)
    assert xml.splitlines()[1].startswith(b"<CreditNote")
    assert validation.errors(xml) == []

    september = services.run_settlement(actor=None, period="2026-09", final=True)
    invoiced = september.pairs.get(payer__code="0126")
    note = services.issue_credit_note(
        actor=person("cecilia"), pair=invoiced, reason="Fel", issued_on=dt.date(2026, 10, 20)
    )
    xml = exports.credit_note_xml(note)
    assert b"<cac:BillingReference>" in xml and invoiced.invoice_number.encode() in xml
    assert validation.errors(xml) == []


def test_the_sie_file_posts_each_invoice_on_the_municipalitys_own_accounts(county):
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    AccountMapping.objects.create(
        municipality=county.orgs["0126"], cost_account="4590", payable_account="2440", cost_centre="7200"
    )
    records = sie.parse(exports.sie_file(run, county.orgs["0126"]))
    assert ["#SIETYP", "4"] in records and ["#FORMAT", "PC8"] in records
    assert ["#ORGNR", "212000-0068"] in records
    trans = [r for r in records if r[0] == "#TRANS"]
    # Huddinge pays Botkyrka (cost 4590 / payable 2440) and is paid by Botkyrka (1510 / 3430 by default).
    pays = run.pairs.get(payer__code="0126").amount_ore
    paid = run.pairs.get(payee__code="0126").amount_ore
    by_account = {}
    for r in trans:
        by_account[r[1]] = by_account.get(r[1], 0) + round(float(r[3]) * 100)
    assert by_account == {"4590": pays, "2440": -pays, "1510": paid, "3430": -paid}
    assert all(r[2] == '{"1" "7200"}' for r in trans)


def test_the_specification_pdf_is_a_pdf(county):
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    pdf = exports.specification_pdf(run.pairs.select_related("payer", "payee", "run").get(payer__code="0126"))
    assert pdf.startswith(b"%PDF-") and len(pdf) > 2000


def test_settle_from_the_command_line_writes_every_document(county, tmp_path, capsys):
    call_command("settle", "--period", "2026-09", "--final", "--export", str(tmp_path))
    out = capsys.readouterr().out
    assert "slutlig" in out and "3 par" in out
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len([n for n in names if n.endswith(".xml")]) == 3
    assert len([n for n in names if n.endswith(".pdf")]) == 3
    assert sorted(n for n in names if n.endswith(".se")) == [
        "SIE-2026-09-0126.se",
        "SIE-2026-09-0127.se",
        "SIE-2026-09-0182.se",
    ]
    for name in names:
        if name.endswith(".xml"):
            assert validation.errors((tmp_path / name).read_bytes()) == []
    # Again: the period is shown, not settled twice.
    call_command("settle", "--period", "2026-09", "--final")
    assert "redan en slutlig" in capsys.readouterr().out


def test_settle_refuses_with_the_list_of_what_to_fix(county):
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="2026-11 är inte låst"):
        call_command("settle", "--period", "2026-11")
