"""SIE 4, type 4I: a period's postings for import into a municipality's own ledger.

The format is SIE 4B (SIE-Gruppen, "SIE filformat ver 4B", 2008): text lines of
`#LABEL field field …`, in the IBM PC 8-bit character set (code page 437, stated by
`#FORMAT PC8`), lines ending in CR LF. Fields with spaces are quoted, a quote inside
is escaped with a backslash. Type 4I holds vouchers (`#VER`) with their transactions
(`#TRANS`) for import; amounts are kronor with a decimal point, debit positive.

A pure function of plain data: the settlement services build the vouchers from a
final run and the municipality's account mapping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PROGRAM = "Samverkan"
ENCODING = "cp437"


@dataclass(frozen=True)
class Transaction:
    account: str
    amount: int  # öre, debit positive
    text: str = ""
    objects: tuple[tuple[str, str], ...] = ()  # (dimension, object), e.g. ("1", "7200") for a cost centre


@dataclass(frozen=True)
class Voucher:
    series: str
    number: int
    date: dt.date
    text: str
    transactions: list[Transaction] = field(default_factory=list)


@dataclass(frozen=True)
class Account:
    number: str
    name: str


@dataclass(frozen=True)
class SieFile:
    organisation_number: str  # 212000-0068
    company_name: str
    generated: dt.date
    fiscal_year_start: dt.date
    fiscal_year_end: dt.date
    accounts: list[Account]
    vouchers: list[Voucher]
    version: str = "1"


class SieError(ValueError):
    pass


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def _amount(ore: int) -> str:
    sign = "-" if ore < 0 else ""
    kronor, rest = divmod(abs(ore), 100)
    return f"{sign}{kronor}.{rest:02d}"


def _date(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def render(sie: SieFile) -> bytes:
    """The file's bytes in code page 437; every voucher must balance to the öre."""
    for voucher in sie.vouchers:
        total = sum(t.amount for t in voucher.transactions)
        if total != 0:
            raise SieError(f"Verifikation {voucher.series}{voucher.number} balanserar inte ({total} öre).")
    lines = [
        "#FLAGGA 0",
        f"#PROGRAM {_quote(PROGRAM)} {_quote(sie.version)}",
        "#FORMAT PC8",
        f"#GEN {_date(sie.generated)}",
        "#SIETYP 4",
        f"#ORGNR {sie.organisation_number}",
        f"#FNAMN {_quote(sie.company_name)}",
        f"#RAR 0 {_date(sie.fiscal_year_start)} {_date(sie.fiscal_year_end)}",
        "#VALUTA SEK",
    ]
    lines += [f"#KONTO {a.number} {_quote(a.name)}" for a in sie.accounts]
    for v in sie.vouchers:
        lines.append(f"#VER {_quote(v.series)} {v.number} {_date(v.date)} {_quote(v.text)}")
        lines.append("{")
        for t in v.transactions:
            objects = " ".join(f"{_quote(d)} {_quote(o)}" for d, o in t.objects)
            lines.append(f"   #TRANS {t.account} {{{objects}}} {_amount(t.amount)} {_date(v.date)} {_quote(t.text)}")
        lines.append("}")
    text = "\r\n".join(lines) + "\r\n"
    # Characters code page 437 lacks (rare in Swedish names) become "?" rather than failing the export.
    return text.encode(ENCODING, errors="replace")


def parse(data: bytes) -> list[list[str]]:
    """The records of a SIE file as lists of fields (label first), for checking an export."""
    records = []
    for raw in data.decode(ENCODING).split("\r\n"):
        line = raw.strip()
        if not line or line in "{}":
            continue
        fields: list[str] = []
        i = 0
        while i < len(line):
            ch = line[i]
            if ch == " ":
                i += 1
            elif ch == '"':
                j, buf = i + 1, []
                while line[j] != '"':
                    if line[j] == "\\":
                        j += 1
                    buf.append(line[j])
                    j += 1
                fields.append("".join(buf))
                i = j + 1
            elif ch == "{":
                j = line.index("}", i)
                fields.append(line[i : j + 1])
                i = j + 1
            else:
                j = line.find(" ", i)
                j = len(line) if j < 0 else j
                fields.append(line[i:j])
                i = j
        records.append(fields)
    return records
