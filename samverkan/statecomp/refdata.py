"""Reading and checking the state-compensation rate files before anything is written.

    refdata/statecomp/kinds.csv               the kinds of compensation, each with its legal source
    refdata/statecomp/schablonersattning.csv  the lump sum per received person, by year and age group
    refdata/statecomp/initialkostnad.csv      the initial-cost lump sum from 2024-07-01

Every figure keeps its mark (stated, derived, inferred). Every problem is reported with
file and line, in Swedish; one problem means nothing is loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path

FOLDER = "statecomp"
KINDS_FILE = "kinds.csv"
LUMP_SUM_FILE = "schablonersattning.csv"
INITIAL_COST_FILE = "initialkostnad.csv"
LUMP_SUM_KIND = "schablon"
INITIAL_COST_KIND = "initialkostnad"

COLUMNS = {
    KINDS_FILE: ["code", "name", "needs_application", "per_person", "starts_on", "deadline_months", "order", "source"],
    LUMP_SUM_FILE: ["year", "age_group", "amount_sek", "status", "source"],
    INITIAL_COST_FILE: ["year", "valid_from", "age_group", "housing", "amount_sek", "status", "source"],
}
STATUSES = {"stated", "derived", "inferred"}
HOUSING = {"", "allocated", "own"}
_AGE_GROUP = re.compile(r"^\s*(\d{1,3})\s*[-–]\s*(\d{1,3})?\s*$")


class RateDataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class KindRow:
    code: str
    name: str
    needs_application: bool
    per_person: bool
    starts_on: dt.date | None
    deadline_months: int | None
    order: int
    source: str


@dataclass(frozen=True)
class RateRow:
    kind: str
    year: int
    valid_from: dt.date
    age_from: int
    age_to: int | None
    housing: str
    amount_ore: int
    status: str
    source: str
    where: str  # file:line, for messages


def parse_age_group(text: str) -> tuple[int, int | None]:
    """`0-64` -> (0, 64); `65-` -> (65, None). Raises ValueError with a Swedish message."""
    match = _AGE_GROUP.match(text or "")
    if not match:
        raise ValueError(f"”{text}” är ingen åldersgrupp; skriv till exempel 0-64 eller 65-.")
    low, high = int(match.group(1)), match.group(2)
    if high is not None and int(high) < low:
        raise ValueError(f"Åldersgruppen ”{text}” slutar innan den börjar.")
    return low, int(high) if high is not None else None


def _rows(path: Path, problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    name = path.name
    if not path.exists():
        problems.append(f"{FOLDER}/{name}: filen saknas.")
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        problems.append(f"{FOLDER}/{name}: filen är tom.")
        return []
    reader = csv.reader([line for _, line in numbered])
    header = [h.strip() for h in next(reader)]
    if header != COLUMNS[name]:
        problems.append(
            f"{FOLDER}/{name} rad {numbered[0][0]}: kolumnerna ska vara {', '.join(COLUMNS[name])}, "
            f"inte {', '.join(header)}."
        )
        return []
    out = []
    for (number, _), values in zip(numbered[1:], reader, strict=True):
        if len(values) != len(header):
            problems.append(f"{FOLDER}/{name} rad {number}: {len(values)} fält, väntade {len(header)}.")
            continue
        out.append((number, {k: v.strip() for k, v in zip(header, values, strict=True)}))
    return out


def _int(value: str, what: str, where: str, problems: list[str]) -> int | None:
    try:
        return int(value)
    except ValueError:
        problems.append(f"{where}: {what} ”{value}” är inget heltal.")
        return None


def _date(value: str, where: str, problems: list[str]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        problems.append(f"{where}: ”{value}” är inget datum (ÅÅÅÅ-MM-DD).")
        return None


def _bool(value: str, where: str, problems: list[str]) -> bool:
    if value not in ("true", "false"):
        problems.append(f"{where}: ”{value}” ska vara true eller false.")
    return value == "true"


def read_kinds(root: Path, problems: list[str]) -> list[KindRow]:
    kinds = []
    for number, row in _rows(root / FOLDER / KINDS_FILE, problems):
        where = f"{FOLDER}/{KINDS_FILE} rad {number}"
        if not row["source"]:
            problems.append(f"{where}: källa saknas för {row['code']}.")
        kinds.append(
            KindRow(
                code=row["code"],
                name=row["name"],
                needs_application=_bool(row["needs_application"], where, problems),
                per_person=_bool(row["per_person"], where, problems),
                starts_on=_date(row["starts_on"], where, problems) if row["starts_on"] else None,
                deadline_months=_int(row["deadline_months"], "antal månader", where, problems)
                if row["deadline_months"]
                else None,
                order=_int(row["order"], "ordning", where, problems) or 100,
                source=row["source"],
            )
        )
    return kinds


def _rate(kind: str, row: dict[str, str], where: str, problems: list[str]) -> RateRow | None:
    count = len(problems)
    year = _int(row["year"], "året", where, problems)
    try:
        age_from, age_to = parse_age_group(row["age_group"])
    except ValueError as exc:
        problems.append(f"{where}: {exc}")
        age_from, age_to = 0, None
    amount = _int(row["amount_sek"], "beloppet", where, problems)
    if amount is not None and amount <= 0:
        problems.append(f"{where}: beloppet måste vara större än noll.")
    if row["status"] not in STATUSES:
        problems.append(f"{where}: grunden ”{row['status']}” ska vara stated, derived eller inferred.")
    if not row["source"]:
        problems.append(f"{where}: källa saknas; ett belopp utan källa laddas inte.")
    housing = row.get("housing", "")
    if housing not in HOUSING:
        problems.append(f"{where}: villkoret ”{housing}” ska vara allocated, own eller tomt.")
    valid_from = _date(row["valid_from"], where, problems) if row.get("valid_from") else None
    if year is not None and valid_from is None:
        valid_from = dt.date(year, 1, 1)
    if year is not None and valid_from is not None and (valid_from.year != year or valid_from.day != 1):
        problems.append(f"{where}: gäller från {valid_from} ska vara den första dagen i en månad år {year}.")
    if len(problems) > count or year is None or amount is None or valid_from is None:
        return None
    return RateRow(kind, year, valid_from, age_from, age_to, housing, amount * 100, row["status"], row["source"], where)


def overlap_problems(rates: list[RateRow]) -> list[str]:
    """Two age groups of the same kind, year, start and condition must not overlap."""
    problems = []
    groups: dict[tuple, list[RateRow]] = {}
    for rate in rates:
        groups.setdefault((rate.kind, rate.year, rate.valid_from, rate.housing), []).append(rate)
    for group in groups.values():
        ordered = sorted(group, key=lambda r: r.age_from)
        for a, b in itertools.pairwise(ordered):
            if a.age_to is None or a.age_to >= b.age_from:
                problems.append(
                    f"{b.where}: åldersgruppen {b.age_from}–{b.age_to or ''} överlappar "
                    f"{a.age_from}–{a.age_to or ''} ({a.where})."
                )
    return problems


def read(root: Path) -> tuple[list[KindRow], list[RateRow]]:
    """Every kind and rate of the folder, checked; raises RateDataError naming every problem."""
    problems: list[str] = []
    kinds = read_kinds(root, problems)
    rates: list[RateRow] = []
    for number, row in _rows(root / FOLDER / LUMP_SUM_FILE, problems):
        rate = _rate(LUMP_SUM_KIND, row, f"{FOLDER}/{LUMP_SUM_FILE} rad {number}", problems)
        if rate:
            rates.append(rate)
    for number, row in _rows(root / FOLDER / INITIAL_COST_FILE, problems):
        rate = _rate(INITIAL_COST_KIND, row, f"{FOLDER}/{INITIAL_COST_FILE} rad {number}", problems)
        if rate:
            rates.append(rate)
    codes = {k.code for k in kinds}
    for needed in (LUMP_SUM_KIND, INITIAL_COST_KIND):
        if kinds and needed not in codes:
            problems.append(f"{FOLDER}/{KINDS_FILE}: ersättningsslaget {needed} saknas.")
    problems.extend(overlap_problems(rates))
    if problems:
        raise RateDataError(problems)
    return kinds, rates
