"""Generated organisations beyond the reference data, for the national scale.

The reference data already holds all 290 municipalities (real codes, names,
counties and organisation numbers), their councils, executive boards and social
committees, and Stockholm county's association, districts and networks. What the
other 20 counties lack for a realistic load is generated here, every name marked
"[Genererad]": an association per county (the regional coordinators' home), two
sub-regional networks per county, districts in the largest cities, and the
committees that usually take part in the reception of newly arrived people.
"""

from __future__ import annotations

from samverkan.core.generation import GenerateContext
from samverkan.organisations.models import Body, County, Network, NetworkMembership, Organisation

SOURCE = "Genererad (manage.py generate_data)"
COMMITTEES = ["Utbildningsnämnden", "Arbetsmarknadsnämnden"]
# The three largest municipalities outside Stockholm county: Göteborg, Malmö, Uppsala.
DISTRICT_CITIES = ["1480", "1280", "0380"]


def generate(ctx: GenerateContext) -> None:
    municipalities = ctx.municipalities()
    county_codes = sorted({m.county.code for m in municipalities})
    counties = list(County.objects.filter(code__in=county_codes).order_by("code"))
    _associations(counties)
    _networks(ctx, counties, municipalities)
    if ctx.size["districts_per_city"]:
        _districts(ctx, municipalities)
    _committees(ctx, municipalities)


def _associations(counties: list[County]) -> None:
    have = set(
        Organisation.objects.filter(kind=Organisation.Kind.ASSOCIATION, county__in=counties).values_list(
            "county_id", flat=True
        )
    )
    Organisation.objects.bulk_create(
        Organisation(
            code=f"forbund-{county.code}",
            kind=Organisation.Kind.ASSOCIATION,
            name=f"[Genererad] Kommunförbundet i {county.name}",
            short_name=f"KF {county.code}",
            county=county,
            source=SOURCE,
        )
        for county in counties
        if county.id not in have
    )


def _networks(ctx: GenerateContext, counties: list[County], municipalities: list[Organisation]) -> None:
    have = set(Network.objects.filter(county__in=counties).values_list("county_id", flat=True))
    for county in counties:
        members = [m for m in municipalities if m.county_id == county.id]
        if county.id in have or len(members) < 6:
            continue
        half = len(members) // 2
        for part, (suffix, group) in enumerate((("norr", members[:half]), ("syd", members[half:])), start=1):
            network = Network.objects.create(
                code=f"natverk-{county.code}-{part}",
                name=f"[Genererad] Samverkan {county.name}, {suffix}",
                short_name=f"{county.code}-{suffix}",
                county=county,
                source=SOURCE,
            )
            NetworkMembership.objects.bulk_create(NetworkMembership(network=network, organisation=m) for m in group)


def _districts(ctx: GenerateContext, municipalities: list[Organisation]) -> None:
    by_code = {m.scb_code: m for m in municipalities}
    districts = []
    for scb_code in DISTRICT_CITIES:
        city = by_code.get(scb_code)
        if city is None or Organisation.objects.filter(parent=city).exists():
            continue
        for n in range(1, ctx.size["districts_per_city"] + 1):
            districts.append(
                Organisation(
                    code=f"sdn-{scb_code}-{n}",
                    kind=Organisation.Kind.DISTRICT,
                    name=f"[Genererad] Stadsdelsnämnd {n}, {city.name}",
                    county=city.county,
                    parent=city,
                    source=SOURCE,
                )
            )
    created = Organisation.objects.bulk_create(districts)
    Body.objects.bulk_create(
        Body(organisation=d, kind=Body.Kind.DISTRICT_COMMITTEE, name=d.name, source=SOURCE) for d in created
    )


def _committees(ctx: GenerateContext, municipalities: list[Organisation]) -> None:
    have = set(Body.objects.filter(source=SOURCE, kind=Body.Kind.COMMITTEE).values_list("organisation_id", flat=True))
    ctx.insert(
        Body,
        (
            Body(organisation=m, kind=Body.Kind.COMMITTEE, name=name, source=SOURCE)
            for m in municipalities
            if m.id not in have
            for name in COMMITTEES
        ),
        desc="nämnder",
    )
