"""Demo data of the exchange, all invented and marked as demo.

Anna (case officer, Huddinge) has placed Huddinge residents in Botkyrka's Sfi course;
Bengt (provider staff, Botkyrka) accepted them and reports their attendance every month;
one of them has protected personal data, so Bengt sees a placement code; a request waits
for Bengt's answer; Eve (Nacka) has her own resident in Nacka's validation and sees none
of Huddinge's. Attendance is locked up to the last full month before today, so that a
settlement can run on the demo database; one locked month has a correction carried
into the current month.
"""

from __future__ import annotations

import datetime as dt

from samverkan.core.demo import DemoContext
from samverkan.exchange import services
from samverkan.exchange.models import (
    Attendance,
    MonthLock,
    Participant,
    Placement,
    Service,
    ServicePrice,
    ServiceStart,
    first_of_month,
    next_month,
)
from samverkan.lib.identity import make
from samverkan.organisations.models import Organisation

# provider, name, category, price model, languages, capacity, price (öre per unit), address, city, lat, lon, ages
SERVICES = [
    (
        "0127",
        "Sfi för yrkesförare",
        "sfi",
        "month",
        "ar,so,sv",
        20,
        450_000,
        "Tumba torg 115",
        "Tumba",
        59.199,
        17.834,
        (18, 64),
    ),
    (
        "0127",
        "Arbetsmarknadsintroduktion Botkyrka",
        "labour_market",
        "day",
        "ar,ti,sv",
        30,
        65_000,
        "Hågelbyleden 2",
        "Tumba",
        59.203,
        17.847,
        (18, 64),
    ),
    (
        "0126",
        "Samhällsorientering på arabiska och dari",
        "civic_orientation",
        "course",
        "ar,prs",
        25,
        1_200_000,
        "Kommunalvägen 28",
        "Huddinge",
        59.236,
        17.982,
        (18, None),
    ),
    (
        "0126",
        "Hälsoskola för nyanlända",
        "health",
        "hour",
        "ar,so,ti,fa",
        15,
        90_000,
        "Sjödalsvägen 1",
        "Huddinge",
        59.238,
        17.985,
        (None, None),
    ),
    (
        "0182",
        "Validering av vårdkompetens",
        "validation",
        "month",
        "fa,ar,en",
        12,
        800_000,
        "Granitvägen 15",
        "Nacka",
        59.311,
        18.164,
        (20, 64),
    ),
    (
        "0181",
        "Boendestöd för nyanlända familjer",
        "housing_support",
        "hour",
        "ar,so,ti,uk",
        40,
        70_000,
        "Storgatan 12",
        "Södertälje",
        59.196,
        17.626,
        (None, None),
    ),
    (
        "0180",
        "Utbildning för gode män",
        "guardian_training",
        "course",
        "sv",
        30,
        300_000,
        "Hantverkargatan 3",
        "Stockholm",
        59.330,
        18.045,
        (18, None),
    ),
    (
        "0136",
        "Modersmålsundervisning i tigrinja",
        "mother_tongue",
        "hour",
        "ti",
        18,
        55_000,
        "Haninge centrum",
        "Handen",
        59.168,
        18.140,
        (6, 19),
    ),
]

APPLY = (
    "Din handläggare i kommunen där du är folkbokförd ansöker om platsen via Samverkan. "
    "Frågor: ring kommunens kontaktcenter."
)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = next_month(month)
    return months


def load(ctx: DemoContext) -> None:
    if Service.objects.filter(is_demo=True, name="Sfi för yrkesförare").exists():
        return
    users = ctx.users
    anna, bengt, eve = users.get("anna"), users.get("bengt"), users.get("eve")
    municipalities = {o.scb_code: o for o in Organisation.objects.municipalities()}
    today = ctx.today
    this_month = first_of_month(today)
    start = first_of_month(this_month - dt.timedelta(days=150))  # five months back

    catalogue: dict[str, Service] = {}
    for provider, name, category, model, langs, capacity, price, address, city, lat, lon, ages in SERVICES:
        service = Service.objects.create(
            provider=municipalities[provider],
            name=name,
            description=f"{name}. [Demodata: insatsen är påhittad för demonstrationen.]",
            category=category,
            price_model=model,
            languages=Service.pack_languages(langs.split(",")),
            capacity=capacity,
            address=address,
            city=city,
            latitude=lat,
            longitude=lon,
            min_age=ages[0],
            max_age=ages[1],
            how_to_apply=APPLY,
            contact_email=f"introduktion@{city.lower().replace('ä', 'a').replace('ö', 'o')}.demo.example",
            published=True,
            is_demo=True,
        )
        ServicePrice.objects.create(service=service, valid_from=start - dt.timedelta(days=365), amount_ore=price)
        for offset in (0, 120, 240):
            ServiceStart.objects.create(service=service, starts_on=this_month + dt.timedelta(days=offset + 14))
        catalogue[name] = service
    sfi = catalogue["Sfi för yrkesförare"]
    work = catalogue["Arbetsmarknadsintroduktion Botkyrka"]
    validation = catalogue["Validering av vårdkompetens"]

    def resident(home: str, serial: int, birth: dt.date, first: str, last: str, actor, **extra) -> Participant:
        return services.register_participant(
            actor=actor,
            identity_number=make(birth, serial).formatted,
            first_name=first,
            last_name=last,
            home_municipality=municipalities[home],
            reception_date=start - dt.timedelta(days=200),
            residence_status=extra.pop("status", "refugee"),
            is_demo=True,
            **extra,
        )

    amina = resident("0126", 382, dt.date(1990, 5, 17), "Amina", "Hassan", anna)
    yonas = resident("0126", 457, dt.date(1988, 3, 2), "Yonas", "Tesfay", anna)
    sara = resident("0126", 519, dt.date(1995, 11, 23), "Sara", "Demo", anna, protected=True, status="relative")
    omar = resident("0126", 634, dt.date(1993, 7, 8), "Omar", "Farah", anna)
    leyla = resident("0182", 725, dt.date(1986, 9, 30), "Leyla", "Karimi", eve)

    def placed(person: Participant, service: Service, begin: dt.date, requester, provider_user) -> Placement:
        placement = services.request_placement(
            actor=requester, participant=person, service=service, start=begin, is_demo=True
        )
        return services.accept_placement(actor=provider_user, placement=placement)

    nils = users.get("nils")
    placements = [
        placed(amina, sfi, start + dt.timedelta(days=14), anna, bengt),
        placed(yonas, work, start, anna, bengt),
        placed(sara, sfi, start + dt.timedelta(days=30), anna, bengt),
        placed(leyla, validation, start, eve, nils),
    ]
    # Waiting for Bengt's answer.
    ctx.objects["exchange_request"] = services.request_placement(
        actor=anna, participant=omar, service=sfi, start=this_month + dt.timedelta(days=14), is_demo=True
    )
    # Yonas moved to Nacka two months ago: Huddinge pays to the end of that month, Nacka after it.
    services.move_participant(
        actor=anna, participant=yonas, municipality=municipalities["0182"], moved_on=this_month - dt.timedelta(days=45)
    )
    for placement in placements:
        for i, month in enumerate(_months(placement.start, this_month)):
            days = Placement.objects.prefetch_related("interruptions").get(pk=placement.pk).days_in_month(month)
            present = max(days - 4 - (i % 3), 0) if month < this_month else min(days, max(today.day - 3, 0))
            services.report_attendance(
                actor=bengt if placement.provider.code == "0127" else nils,
                placement=placement,
                month=month,
                days_present=min(present, days),
                hours=min(present, days) * 3,
            )
    for month in _months(start, this_month - dt.timedelta(days=1)):
        if not MonthLock.objects.filter(month=month).exists():
            services.lock_month(month, by=users.get("cecilia"))
    # A correction of a locked month (one more day present), carried into the current one.
    corrected = Attendance.objects.get(
        placement=placements[0], month=first_of_month(this_month - dt.timedelta(days=40))
    )
    services.correct_attendance(
        actor=bengt,
        placement=placements[0],
        month=corrected.month,
        days_present=corrected.days_present + 1,
        hours=corrected.hours + 3,
        reason="Närvarolistan för sista veckan kom in sent. [Demodata]",
    )
    ctx.objects.update(
        {
            "exchange_sfi": sfi,
            "exchange_amina": amina,
            "exchange_placement": placements[0],
            "exchange_protected_placement": placements[2],
        }
    )
    ctx.log.append("exchange: 8 insatser, 5 deltagare, 5 placeringar, närvaro låst till och med förra månaden")
