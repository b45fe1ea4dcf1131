"""Reading and checking the reference-data files before anything is written.

Layout of the reference-data directory (see refdata/README.md):

    sweden/kommuner.csv            every municipality: code, name, county, organisation number
    sweden/kommuner.geojson        national borders (fallback for counties without their own)
    sweden/bodies.csv              bodies every municipality or district has
    counties/<code>/*.csv          the county's own organisations, names, networks, bodies
    counties/<code>/kommuner.geojson   the county's more detailed borders (optional)

Every problem is reported with its file and line, in Swedish; a file with any
problem means nothing is loaded.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from samverkan.lib.identity import is_valid_organisation_number
from samverkan.lib.svgmap import centroid

KINDS = {"municipality", "district", "association", "state_agency", "region"}
BODY_KINDS = {"council", "executive_board", "committee", "district_committee", "administration", "board"}

COLUMNS = {
    "sweden/kommuner.csv": ["kommunkod", "kommun", "lanskod", "lan", "organisationsnummer"],
    "sweden/bodies.csv": ["organisation", "kind", "name", "valid_from", "valid_to", "source"],
    "organisations.csv": [
        "code",
        "kind",
        "scope",
        "name",
        "short_name",
        "organisation_number",
        "parent",
        "valid_from",
        "valid_to",
        "successor",
        "source",
    ],
    "organisation_names.csv": ["code", "name", "short_name", "valid_from", "valid_to", "source"],
    "networks.csv": ["code", "name", "short_name", "source"],
    "network_members.csv": ["network", "member", "valid_from", "valid_to"],
    "bodies.csv": ["organisation", "kind", "name", "valid_from", "valid_to", "source"],
}


class ReferenceDataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class OrganisationRow:
    code: str
    kind: str
    name: str
    short_name: str = ""
    organisation_number: str = ""
    scb_code: str | None = None
    county_code: str | None = None
    parent: str | None = None
    successor: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    geometry: dict[str, Any] | None = None


@dataclass
class ReferenceData:
    county_code: str
    county_name: str
    organisations: list[OrganisationRow] = field(default_factory=list)
    names: list[dict[str, Any]] = field(default_factory=list)
    networks: list[dict[str, Any]] = field(default_factory=list)
    network_members: list[dict[str, Any]] = field(default_factory=list)
    bodies: list[dict[str, Any]] = field(default_factory=list)
    extra_counties: dict[str, str] = field(default_factory=dict)


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[str] = []

    def rows(
        self, relative: str, columns_key: str | None = None, *, required: bool = True
    ) -> list[tuple[int, dict[str, str]]]:
        path = self.root / relative
        if not path.exists():
            if required:
                self.problems.append(f"{relative}: filen saknas.")
            return []
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            self.problems.append(f"{relative}: filen är inte sparad som UTF-8.")
            return []
        lines = [line for line in text.splitlines() if not line.startswith("#")]
        reader = csv.DictReader(lines)
        expected = COLUMNS[columns_key or relative]
        header = reader.fieldnames or []
        missing = [c for c in expected if c not in header]
        if missing:
            self.problems.append(f"{relative}: kolumn saknas: {', '.join(missing)}.")
            return []
        return [
            (number, {k: (v or "").strip() for k, v in row.items() if k}) for number, row in enumerate(reader, start=2)
        ]

    def date(self, value: str, where: str) -> dt.date | None:
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problems.append(f"{where}: ”{value}” är inget datum (ÅÅÅÅ-MM-DD).")
            return None

    def geometries(self, relative: str) -> dict[str, dict[str, Any]]:
        path = self.root / relative
        if not path.exists():
            return {}
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
            return {f["properties"]["kommunkod"]: f["geometry"] for f in collection["features"]}
        except (ValueError, KeyError, TypeError) as exc:
            self.problems.append(f"{relative}: ogiltig GeoJSON ({exc}).")
            return {}


def read(root: Path, county_code: str | None, *, all_counties: bool = False) -> ReferenceData:
    """Read and check everything; raise ReferenceDataError listing every problem."""
    reader = _Reader(root)
    county_dir = f"counties/{county_code}" if county_code else None
    national_geo = reader.geometries("sweden/kommuner.geojson")
    county_geo = reader.geometries(f"{county_dir}/kommuner.geojson") if county_dir else {}

    municipalities = reader.rows("sweden/kommuner.csv")
    data = ReferenceData(county_code=county_code or "", county_name="")
    seen: dict[str, str] = {}
    for number, row in municipalities:
        where = f"sweden/kommuner.csv rad {number}"
        code = row["kommunkod"]
        if not (len(code) == 4 and code.isdigit()):
            reader.problems.append(f"{where}: kommunkoden ”{code}” ska vara fyra siffror.")
            continue
        if code in seen:
            reader.problems.append(f"{where}: kommunkoden {code} finns redan på {seen[code]}.")
            continue
        seen[code] = where
        if not all_counties and row["lanskod"] != county_code:
            continue
        data.extra_counties[row["lanskod"]] = row["lan"]
        if row["organisationsnummer"] and not is_valid_organisation_number(row["organisationsnummer"]):
            reader.problems.append(f"{where}: organisationsnumret {row['organisationsnummer']} har fel kontrollsiffra.")
        data.organisations.append(
            OrganisationRow(
                code=code,
                kind="municipality",
                name=row["kommun"],
                scb_code=code,
                organisation_number=row["organisationsnummer"],
                county_code=row["lanskod"],
                source="SCB kommunkoder; organisationsnummer ur refdata/sweden/kommuner.csv",
                geometry=county_geo.get(code) or national_geo.get(code),
            )
        )
    if county_code and county_code not in data.extra_counties:
        reader.problems.append(f"Länskoden {county_code} finns inte i sweden/kommuner.csv.")
    data.county_name = data.extra_counties.get(county_code or "", "")

    if county_dir and (root / county_dir).is_dir():
        _read_county(reader, data, county_dir, seen)

    for number, row in reader.rows("sweden/bodies.csv"):
        _body(reader, data, row, f"sweden/bodies.csv rad {number}")
    if county_dir:
        for number, row in reader.rows(f"{county_dir}/bodies.csv", "bodies.csv", required=False):
            _body(reader, data, row, f"{county_dir}/bodies.csv rad {number}")

    codes = {o.code for o in data.organisations}
    for body in data.bodies:
        target = body["organisation"]
        if not target.startswith("*") and target not in codes:
            reader.problems.append(f"{body['where']}: organisationen ”{target}” finns inte.")
    if reader.problems:
        raise ReferenceDataError(reader.problems)
    return data


def _read_county(reader: _Reader, data: ReferenceData, county_dir: str, seen: dict[str, str]) -> None:
    codes = {o.code: o for o in data.organisations}
    for number, row in reader.rows(f"{county_dir}/organisations.csv", "organisations.csv"):
        where = f"{county_dir}/organisations.csv rad {number}"
        code = row["code"]
        if not code:
            reader.problems.append(f"{where}: koden saknas.")
            continue
        if code in codes:
            reader.problems.append(f"{where}: koden ”{code}” finns redan.")
            continue
        if row["kind"] not in KINDS:
            reader.problems.append(f"{where}: okänd typ ”{row['kind']}” (tillåtna: {', '.join(sorted(KINDS))}).")
            continue
        if row["organisation_number"] and not is_valid_organisation_number(row["organisation_number"]):
            reader.problems.append(f"{where}: organisationsnumret {row['organisation_number']} har fel kontrollsiffra.")
        if row["scope"] not in {"county", "national"}:
            reader.problems.append(f"{where}: omfattning ska vara county eller national, inte ”{row['scope']}”.")
        national = row["scope"] == "national"
        org = OrganisationRow(
            code=code,
            kind=row["kind"],
            name=row["name"],
            short_name=row["short_name"],
            organisation_number=row["organisation_number"],
            parent=row["parent"] or None,
            successor=row["successor"] or None,
            county_code=None if national else data.county_code,
            valid_from=reader.date(row["valid_from"], where),
            valid_to=reader.date(row["valid_to"], where),
            source=row["source"],
        )
        if org.valid_from and org.valid_to and org.valid_to < org.valid_from:
            reader.problems.append(f"{where}: slutdatum före startdatum.")
        codes[code] = org
        data.organisations.append(org)
    for org in data.organisations:
        for ref in (org.parent, org.successor):
            if ref and ref not in codes:
                reader.problems.append(f"{county_dir}/organisations.csv: ”{org.code}” hänvisar till okänd kod ”{ref}”.")
        if org.kind == "district" and not org.parent:
            reader.problems.append(f"{county_dir}/organisations.csv: stadsdelsnämnden ”{org.code}” saknar kommun.")

    for number, row in reader.rows(f"{county_dir}/organisation_names.csv", "organisation_names.csv", required=False):
        where = f"{county_dir}/organisation_names.csv rad {number}"
        if row["code"] not in codes:
            reader.problems.append(f"{where}: okänd organisation ”{row['code']}”.")
            continue
        data.names.append(
            {
                **row,
                "valid_from": reader.date(row["valid_from"], where),
                "valid_to": reader.date(row["valid_to"], where),
            }
        )

    networks = set()
    for number, row in reader.rows(f"{county_dir}/networks.csv", "networks.csv", required=False):
        where = f"{county_dir}/networks.csv rad {number}"
        if row["code"] in networks:
            reader.problems.append(f"{where}: nätverket ”{row['code']}” finns redan.")
            continue
        networks.add(row["code"])
        data.networks.append(row)
    for number, row in reader.rows(f"{county_dir}/network_members.csv", "network_members.csv", required=False):
        where = f"{county_dir}/network_members.csv rad {number}"
        if row["network"] not in networks:
            reader.problems.append(f"{where}: okänt nätverk ”{row['network']}”.")
        elif row["member"] not in codes:
            reader.problems.append(f"{where}: okänd kommun ”{row['member']}”.")
        else:
            data.network_members.append(
                {
                    **row,
                    "valid_from": reader.date(row["valid_from"], where),
                    "valid_to": reader.date(row["valid_to"], where),
                }
            )


def _body(reader: _Reader, data: ReferenceData, row: dict[str, str], where: str) -> None:
    if row["kind"] not in BODY_KINDS:
        reader.problems.append(f"{where}: okänd typ av organ ”{row['kind']}”.")
        return
    if not row["name"]:
        reader.problems.append(f"{where}: namnet saknas.")
        return
    data.bodies.append(
        {
            **row,
            "where": where,
            "valid_from": reader.date(row["valid_from"], where),
            "valid_to": reader.date(row["valid_to"], where),
        }
    )


def with_centroid(org: OrganisationRow) -> tuple[float | None, float | None]:
    if not org.geometry:
        return None, None
    lat, lon = centroid(org.geometry)
    return round(lat, 6), round(lon, 6)
