"""Reading an uploaded table (CSV or Excel) into numbered rows, with Swedish messages.

Nothing here knows what the columns mean: `services.import_receptions` and
`services.import_payments` check them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from samverkan.lib import archives

XLSX_MAGIC = b"PK\x03\x04"


class TableError(Exception):
    """What is wrong with a file, in Swedish, naming the row and column where there is one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Table:
    header: list[str]  # normalised: lower case, stripped
    rows: list[tuple[int, dict[str, str]]]  # (row number as the user sees it, column -> text)


def _normalise(name: object) -> str:
    return " ".join(str(name or "").strip().lower().split())


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError(["Filen är varken UTF-8 eller Windows-1252; spara den som CSV (UTF-8) eller Excel."])


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        archives.check_expanded_size(data)
    except archives.ArchiveTooLarge as exc:
        raise TableError([str(exc)]) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise TableError(["Excelfilen kunde inte läsas; kontrollera att den är en .xlsx-fil."]) from exc
    sheet = workbook.worksheets[0]
    rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return rows


def read_table(name: str, data: bytes) -> Table:
    """The first sheet (Excel) or the file (CSV, `;` `,` or tab): a header row and numbered rows."""
    if not data:
        raise TableError(["Filen är tom."])
    raw = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) or name.lower().endswith(".xlsx") else _csv_rows(data)
    numbered = [(n, [c.strip() for c in row]) for n, row in enumerate(raw, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise TableError(["Filen har inga rader."])
    header_number, header_cells = numbered[0]
    while header_cells and not header_cells[-1]:
        header_cells.pop()
    header = [_normalise(h) for h in header_cells]
    if any(not h for h in header):
        raise TableError([f"Rad {header_number}: en kolumn saknar rubrik."])
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise TableError([f"Rad {header_number}: kolumnen ”{d}” finns flera gånger." for d in duplicates])
    rows = []
    for number, cells in numbered[1:]:
        extra = [c for c in cells[len(header) :] if c]
        if extra:
            raise TableError([f"Rad {number}: fler värden än kolumnrubriker."])
        padded = cells + [""] * (len(header) - len(cells))
        rows.append((number, dict(zip(header, padded, strict=False))))
    return Table(header=header, rows=rows)
