"""Demo data: the bodies of the revised 2013 agreement (DESIGN.md §1), their members and 2013's meetings.

What the source documents state is entered as stated: a steering group of heads of
administration from Botkyrka, Huddinge, Järfälla, Lidingö, Stockholm, Sundbyberg,
Södertälje and Österåker; NYIN (formed 2012) with the strategists of Etablering
Södertörn, Koordination Norrort and Stockholm city, preparing for the steering group;
a preparatory group under NYIN; one conference for heads of administration a year and
two thematic conferences. People's names, meeting dates, places and decision texts are
not known: they are invented and marked as demo data.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverkan.core.demo import DemoContext
from samverkan.governance import services
from samverkan.governance.models import Body, Meeting
from samverkan.organisations.models import County, Network, Organisation

STEERING_MUNICIPALITIES = ["0127", "0126", "0123", "0186", "0180", "0183", "0181", "0117"]
# (network code or None for Stockholm city, employer's code, invented name)
NYIN_STRATEGISTS = [
    ("etablering-sodertorn", "0126", "Strateg, Etablering Södertörn [demo]"),
    ("koordination-norrort", "0187", "Strateg, Koordination Norrort [demo]"),
    (None, "0180", "Strateg, Stockholms stad [demo]"),
]
PLACE = "Kommunförbundet Stockholms Län, Löjtnantsgatan 9, Stockholm [demo]"

# Steering-group meetings of 2013 (invented dates), and what was decided at each.
STEERING_MEETINGS = [
    (dt.date(2013, 2, 14), "Styrgruppsmöte", ["Handlingsplan 2013–2014", "Uppföljning av etableringsreformen"]),
    (
        dt.date(2013, 5, 16),
        "Styrgruppsmöte",
        ["Familjeåterförening för ensamkommande barn", "Remiss av överenskommelsen"],
    ),
    (dt.date(2013, 9, 12), "Styrgruppsmöte", ["Första uppföljningen av handlingsplanen", "Bostadsfrågan"]),
    (dt.date(2013, 12, 5), "Styrgruppsmöte", ["Andra uppföljningen av handlingsplanen", "Planering av 2014"]),
]
CONFERENCES = [
    (dt.date(2013, 4, 18), "thematic_conference", "Tematisk konferens: ensamkommande barn och unga"),
    (dt.date(2013, 10, 17), "yearly_conference", "Årlig konferens för förvaltningschefer 2013"),
    (dt.date(2013, 11, 14), "thematic_conference", "Tematisk konferens: bostad och boende för nyanlända"),
    (dt.date(2013, 3, 21), "seminar", "Seminarium: modersmålsundervisning"),
]


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def load(ctx: DemoContext) -> None:
    county = County.objects.get(code="01")
    if Body.objects.filter(county=county, name="Styrgruppen").exists():
        return
    actor = ctx.users.get("cecilia")
    orgs = {o.code: o for o in Organisation.objects.filter(county=county)}
    networks = {n.code: n for n in Network.objects.filter(county=county)}
    steering = Body.objects.create(
        county=county,
        kind=Body.Kind.STEERING_GROUP,
        name="Styrgruppen",
        short_name="Styrgruppen",
        description="Förvaltningschefer från åtta kommuner. Beslutar om årliga handlingsplaner och följer upp dem.",
    )
    nyin = Body.objects.create(
        county=county,
        kind=Body.Kind.NYIN,
        name="NYIN – nyanlända och invandrade",
        short_name="NYIN",
        reports_to=steering,
        description="Bildat 2012. Strateger från de delregionala samverkansområdena och Stockholms stad; "
        "bereder frågor till styrgruppen och sprider resultat.",
    )
    preparatory = Body.objects.create(
        county=county,
        kind=Body.Kind.PREPARATORY_GROUP,
        name="Beredningsgruppen",
        short_name="Beredningsgruppen",
        reports_to=nyin,
        is_demo=True,
    )
    for code in ("etablering-sodertorn", "koordination-norrort"):
        Body.objects.create(
            county=county, kind=Body.Kind.NETWORK, name=networks[code].name, network=networks[code], reports_to=nyin
        )
    stefan = ctx.users.get("stefan")
    for index, code in enumerate(STEERING_MUNICIPALITIES):
        org = orgs[code]
        services.add_membership(
            actor=actor,
            body=steering,
            person_name=(
                stefan.get_full_name() if stefan and code == "0181" else f"Förvaltningschef, {org.name} [demo]"
            ),
            title="Förvaltningschef",
            organisation=org,
            position="chair" if index == 0 else "member",
            valid_from=dt.date(2013, 1, 1),
            valid_to=dt.date(2014, 12, 31),
            user=stefan if code == "0181" else None,
            is_demo=True,
        )
    services.add_membership(
        actor=actor,
        body=steering,
        person_name="Samordnare, KSL [demo]",
        title="Regional samordnare",
        organisation=orgs["ksl"],
        position="secretary",
        valid_from=dt.date(2013, 1, 1),
        is_demo=True,
    )
    # Memberships change over time: Huddinge's head of administration until the summer of 2013 (invented).
    services.add_membership(
        actor=actor,
        body=steering,
        person_name="Tidigare förvaltningschef, Huddinge kommun [demo]",
        title="Förvaltningschef",
        organisation=orgs["0126"],
        position="member",
        valid_from=dt.date(2012, 1, 1),
        valid_to=dt.date(2012, 12, 31),
        is_demo=True,
    )
    for network_code, employer, name in NYIN_STRATEGISTS:
        services.add_membership(
            actor=actor,
            body=nyin,
            person_name=name,
            title="Strateg",
            organisation=orgs[employer],
            network=networks.get(network_code) if network_code else None,
            position="member",
            valid_from=dt.date(2012, 1, 1),
            is_demo=True,
        )
    services.add_membership(
        actor=actor,
        body=preparatory,
        person_name="Utredare, KSL [demo]",
        organisation=orgs["ksl"],
        position="secretary",
        valid_from=dt.date(2013, 1, 1),
        is_demo=True,
    )
    meetings = []
    for day, title, items in STEERING_MEETINGS:
        meeting = services.save_meeting(
            actor=actor,
            body=steering,
            title=title,
            kind=Meeting.Kind.MEETING,
            starts_at=_at(day, 13),
            ends_at=_at(day, 16),
            location=PLACE,
            is_demo=True,
        )
        for item in items:
            services.add_agenda_item(actor=actor, meeting=meeting, title=item)
        meetings.append(meeting)
    for day, kind, title in CONFERENCES:
        services.save_meeting(
            actor=actor,
            body=steering if kind == "yearly_conference" else nyin,
            title=title,
            kind=kind,
            starts_at=_at(day, 9),
            ends_at=_at(day, 16),
            location=PLACE,
            is_demo=True,
        )
    # NYIN prepares each steering-group meeting two weeks before.
    for day, _title, _items in STEERING_MEETINGS:
        services.save_meeting(
            actor=actor,
            body=nyin,
            title="NYIN: beredning inför styrgruppen",
            kind=Meeting.Kind.MEETING,
            starts_at=_at(day - dt.timedelta(days=14), 9),
            ends_at=_at(day - dt.timedelta(days=14), 12),
            location=PLACE,
            is_demo=True,
        )
    first = meetings[0]
    members = list(steering.memberships.active_on(first.date))
    services.record_attendance(
        actor=actor,
        meeting=first,
        statuses=[(m, "excused" if m.organisation.scb_code == "0186" else "present") for m in members],
    )
    agenda = list(first.agenda_items.order_by("number"))
    ctx.objects["decision_plan"] = services.record_decision(
        actor=actor,
        meeting=first,
        agenda_item=agenda[0],
        text="Styrgruppen antar handlingsplanen för 2013–2014 med dess insatsområden och insatser i prioritetsordning.",
        is_demo=True,
    )
    services.record_minutes(
        actor=actor,
        meeting=first,
        minutes="[Demotext] Styrgruppen gick igenom förslaget till handlingsplan och antog det. "
        "NYIN fick i uppdrag att bereda mätbara delmål till nästa möte.",
        approved_on=dt.date(2013, 2, 21),
    )
    second = meetings[1]
    ctx.objects["decision_reunification"] = services.record_decision(
        actor=actor,
        meeting=second,
        agenda_item=second.agenda_items.order_by("number").first(),
        text="Ansvarsfördelningen vid familjeåterförening för ensamkommande barn utreds under hösten; "
        "insatsen får ett mätbart delmål.",
        is_demo=True,
    )
    third = meetings[2]
    ctx.objects["decision_housing"] = services.record_decision(
        actor=actor,
        meeting=third,
        agenda_item=third.agenda_items.order_by("number").last(),
        text="Bostadsvägledningen förlängs till och med 2014 och Järfälla tillkommer som ansvarig.",
        is_demo=True,
    )
    ctx.objects["decision_followup"] = services.record_decision(
        actor=actor,
        meeting=third,
        agenda_item=third.agenda_items.order_by("number").first(),
        text="Styrgruppen godkänner den första uppföljningen och ber kommunerna som inte har rapporterat att göra det.",
        is_demo=True,
    )
    ctx.objects["steering_group"] = steering
    ctx.objects["nyin"] = nyin
    ctx.objects["steering_meetings"] = meetings
    ctx.log.append("Styrning: styrgruppen, NYIN, beredningsgruppen, två nätverk, möten och beslut 2013.")
