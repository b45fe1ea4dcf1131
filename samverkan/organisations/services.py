"""Operations on organisations: loading reference data.

`organisations` depends on none of Samverkan's other apps, so its operations
return what they changed and the caller records it in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from samverkan.organisations import refdata
from samverkan.organisations.models import (
    Body,
    County,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationName,
)
from samverkan.organisations.signals import reference_data_loaded


@dataclass
class LoadReport:
    county: str
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary(self) -> dict[str, object]:
        return {"county": self.county, "created": self.created, "updated": self.updated}


def load_reference_data(root: Path, county_code: str | None, *, all_counties: bool = False) -> LoadReport:
    """Load (or update) the reference data of one county, or of every county.

    Safe to run twice: rows are matched on their natural keys (codes) and updated
    in place. Everything is checked before anything is written, and the writing
    is one transaction.
    """
    data = refdata.read(root, county_code, all_counties=all_counties)
    report = LoadReport(county=county_code or "alla")
    with transaction.atomic():
        counties = {}
        for code, name in data.extra_counties.items():
            counties[code], created = County.objects.update_or_create(code=code, defaults={"name": name})
            report.count("county", created)

        by_code: dict[str, Organisation] = {}
        for row in data.organisations:
            lat, lon = refdata.with_centroid(row)
            obj, created = Organisation.objects.update_or_create(
                code=row.code,
                defaults={
                    "kind": row.kind,
                    "name": row.name,
                    "short_name": row.short_name,
                    "scb_code": row.scb_code,
                    "organisation_number": row.organisation_number,
                    "county": counties.get(row.county_code) if row.county_code else None,
                    "valid_from": row.valid_from,
                    "valid_to": row.valid_to,
                    "source": row.source,
                    "geometry": row.geometry,
                    "latitude": lat,
                    "longitude": lon,
                },
            )
            by_code[row.code] = obj
            report.count("organisation", created)
        # Parents and successors point at rows loaded above, so they are set afterwards.
        for row in data.organisations:
            obj = by_code[row.code]
            parent = _resolve(row.parent, by_code)
            successor = _resolve(row.successor, by_code)
            if obj.parent != parent or obj.successor != successor:
                obj.parent, obj.successor = parent, successor
                obj.save(update_fields=["parent", "successor"])

        for name_row in data.names:
            _, created = OrganisationName.objects.update_or_create(
                organisation=by_code[name_row["code"]],
                name=name_row["name"],
                defaults={
                    "short_name": name_row["short_name"],
                    "valid_from": name_row["valid_from"],
                    "valid_to": name_row["valid_to"],
                    "source": name_row["source"],
                },
            )
            report.count("name", created)

        networks = {}
        for network_row in data.networks:
            networks[network_row["code"]], created = Network.objects.update_or_create(
                code=network_row["code"],
                defaults={
                    "name": network_row["name"],
                    "short_name": network_row["short_name"],
                    "source": network_row["source"],
                    "county": counties[data.county_code],
                },
            )
            report.count("network", created)
        for member_row in data.network_members:
            _, created = NetworkMembership.objects.update_or_create(
                network=networks[member_row["network"]],
                organisation=by_code[member_row["member"]],
                valid_from=member_row["valid_from"],
                defaults={"valid_to": member_row["valid_to"]},
            )
            report.count("network_membership", created)

        for body_row in data.bodies:
            for organisation in _body_targets(body_row["organisation"], by_code):
                name = organisation.name if body_row["name"] == "@name" else body_row["name"]
                _, created = Body.objects.update_or_create(
                    organisation=organisation,
                    name=name,
                    defaults={
                        "kind": body_row["kind"],
                        "valid_from": body_row["valid_from"],
                        "valid_to": body_row["valid_to"],
                        "source": body_row["source"],
                    },
                )
                report.count("body", created)
    return report


def _resolve(code: str | None, by_code: dict[str, Organisation]) -> Organisation | None:
    if not code:
        return None
    return by_code.get(code) or Organisation.objects.get(code=code)


def _body_targets(selector: str, by_code: dict[str, Organisation]) -> list[Organisation]:
    if selector == "*municipality":
        return [o for o in by_code.values() if o.kind == Organisation.Kind.MUNICIPALITY]
    if selector == "*district":
        return [o for o in by_code.values() if o.kind == Organisation.Kind.DISTRICT]
    return [by_code[selector]]


def load_and_announce(root: Path, county_code: str | None, *, all_counties: bool = False) -> LoadReport:
    """Load, then announce the load for the audit log, in the same transaction."""
    with transaction.atomic():
        report = load_reference_data(root, county_code, all_counties=all_counties)
        reference_data_loaded.send(sender=None, report=report)
    return report
