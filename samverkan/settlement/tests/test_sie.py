"""SIE 4 type 4I: the records and the encoding are the format's own."""

from __future__ import annotations

import datetime as dt

import pytest

from samverkan.settlement import sie


def _file(vouchers=None) -> sie.SieFile:
    return sie.SieFile(
        organisation_number="212000-0068",
        company_name="Huddinge kommun",
        generated=dt.date(2026, 11, 5),
        fiscal_year_start=dt.date(2026, 1, 1),
        fiscal_year_end=dt.date(2026, 12, 31),
        accounts=[
            sie.Account("4510", "Köp av huvudverksamhet från kommuner"),
            sie.Account("2510", "Leverantörsskulder"),
        ],
        vouchers=vouchers
        if vouchers is not None
        else [
            sie.Voucher(
                "I",
                1,
                dt.date(2026, 10, 31),
                "IKE 2026-10 Botkyrka kommun",
                [
                    sie.Transaction("4510", 1114194, "Introduktionsinsatser, Botkyrka", (("1", "7200"),)),
                    sie.Transaction("2510", -1114194, "Faktura IKE-202610-0127-0126"),
                ],
            )
        ],
    )


def test_the_file_is_code_page_437_with_crlf_and_the_mandatory_heads():
    data = sie.render(_file())
    assert data.startswith(b"#FLAGGA 0\r\n")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    # ö is 0x94 and å 0x86 in code page 437 (not UTF-8's two bytes).
    assert "Köp".encode("cp437") in data and b"\x94" in data
    assert "ö".encode() not in data
    labels = [r[0] for r in sie.parse(data)]
    assert labels[:6] == ["#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#ORGNR"]
    records = sie.parse(data)
    assert ["#FORMAT", "PC8"] in records
    assert ["#SIETYP", "4"] in records
    assert ["#ORGNR", "212000-0068"] in records


def test_vouchers_and_transactions_balance_and_read_back():
    records = sie.parse(sie.render(_file()))
    ver = [r for r in records if r[0] == "#VER"]
    trans = [r for r in records if r[0] == "#TRANS"]
    assert ver == [["#VER", "I", "1", "20261031", "IKE 2026-10 Botkyrka kommun"]]
    assert trans[0] == ["#TRANS", "4510", '{"1" "7200"}', "11141.94", "20261031", "Introduktionsinsatser, Botkyrka"]
    assert trans[1][3] == "-11141.94"
    assert sum(round(float(t[3]) * 100) for t in trans) == 0


def test_an_unbalanced_voucher_is_refused():
    bad = [sie.Voucher("I", 1, dt.date(2026, 10, 31), "x", [sie.Transaction("4510", 100)])]
    with pytest.raises(sie.SieError, match="balanserar inte"):
        sie.render(_file(bad))


def test_quotes_in_texts_are_escaped():
    v = [sie.Voucher("I", 1, dt.date(2026, 10, 31), 'Kurs "Svenska"', [])]
    assert ["#VER", "I", "1", "20261031", 'Kurs "Svenska"'] in sie.parse(sie.render(_file(v)))
