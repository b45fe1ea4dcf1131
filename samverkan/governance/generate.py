"""Generated governance for every county in scope: a steering group with a head of administration
from each municipality (two terms), NYIN, and 2013–2014's meetings with agendas and decisions.
Set-based (`ctx.insert`), every choice from `ctx.rng`, and run once per county."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from samverkan.core.generation import GenerateContext
from samverkan.governance.models import AgendaItem, Body, Decision, Meeting, Membership
from samverkan.organisations.models import County, Organisation

PREFIX = "[Genererad]"
MEETING_MONTHS = [2, 5, 9, 12]


def steering_name(county: County) -> str:
    return f"{PREFIX} Styrgrupp, {county.name}"


def generate(ctx: GenerateContext) -> None:
    by_county: dict[int, list[Organisation]] = defaultdict(list)
    for m in ctx.municipalities():
        by_county[m.county_id].append(m)
    counties = County.objects.filter(pk__in=by_county).order_by("code")
    done = set(Body.objects.filter(name__startswith=PREFIX).values_list("county_id", flat=True))
    todo = [c for c in counties if c.pk not in done]
    if not todo:
        return
    bodies = ctx.insert(
        Body,
        (
            Body(county=c, kind=kind, name=f"{PREFIX} {label}, {c.name}", short_name=label, is_demo=True)
            for c in todo
            for kind, label in ((Body.Kind.STEERING_GROUP, "Styrgrupp"), (Body.Kind.NYIN, "NYIN"))
        ),
        desc="organ",
    )
    steering = {b.county_id: b for b in bodies if b.kind == Body.Kind.STEERING_GROUP}
    rng = ctx.rng
    memberships = []
    for county in todo:
        body = steering[county.pk]
        for index, org in enumerate(by_county[county.pk]):
            for term, (start, end) in enumerate(
                ((dt.date(2011, 1, 1), dt.date(2012, 12, 31)), (dt.date(2013, 1, 1), None))
            ):
                memberships.append(
                    Membership(
                        body=body,
                        person_name=f"{PREFIX} Förvaltningschef {term + 1}, {org.name}",
                        title="Förvaltningschef",
                        organisation=org,
                        position="chair" if index == 0 else "member",
                        valid_from=start,
                        valid_to=end,
                        is_demo=True,
                    )
                )
    ctx.insert(Membership, memberships, desc="ledamotskap")
    meetings = ctx.insert(
        Meeting,
        (
            Meeting(
                body=steering[c.pk],
                title=f"{PREFIX} Styrgruppsmöte",
                starts_at=timezone.make_aware(dt.datetime(year, month, rng.randint(3, 27), 13)),
                ends_at=timezone.make_aware(dt.datetime(year, month, 28, 16)),
                is_demo=True,
            )
            for c in todo
            for year in (2013, 2014)
            for month in MEETING_MONTHS
        ),
        desc="möten",
    )
    for m in meetings:
        m.ends_at = m.starts_at + dt.timedelta(hours=3)
    Meeting.objects.bulk_update(meetings, ["ends_at"], batch_size=2000)
    ctx.insert(
        AgendaItem,
        (AgendaItem(meeting=m, number=n, title=f"{PREFIX} Punkt {n}") for m in meetings for n in (1, 2, 3)),
        desc="dagordningspunkter",
    )
    decisions = ctx.insert(
        Decision,
        (
            Decision(
                meeting=m,
                number=n,
                text=f"{PREFIX} Beslut {n}",
                decided_on=timezone.localtime(m.starts_at).date(),
                is_demo=True,
            )
            for m in meetings
            for n in (1, 2)
        ),
        desc="beslut",
    )
    ctx.objects["governance_decisions"] = decisions
