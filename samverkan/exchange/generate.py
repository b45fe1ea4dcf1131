"""Generated exchange data: services per municipality, participants, placements across borders,
monthly attendance, locked months — set-based, deterministic for a seed.

County scale: 26 municipalities × 12 services, 20,000 participants, 60,000 placements,
24 months of attendance. Nation scale (issue 8): 290 × 8 services, 200,000 participants,
400,000 placements. About a third of the placements are in another municipality of the
same county; one participant in twenty has moved during the window; months before the
current one are locked with their payer fixed (the default rule: the municipality of
residence on the first day of the month pays).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils import timezone

from samverkan.core.generation import GenerateContext, batched
from samverkan.exchange import protection
from samverkan.exchange.languages import LANGUAGES
from samverkan.exchange.models import (
    Attendance,
    AttendanceAdjustment,
    Category,
    MonthLock,
    Participant,
    Placement,
    PriceModel,
    Residence,
    Service,
    ServicePrice,
    first_of_month,
    last_of_month,
    next_month,
)
from samverkan.lib.identity import IdentityNumber

MARK = "[Genererad]"
PRICE_MODELS = {
    Category.SFI: PriceModel.MONTH,
    Category.CIVIC_ORIENTATION: PriceModel.COURSE,
    Category.LABOUR_MARKET: PriceModel.DAY,
    Category.VALIDATION: PriceModel.MONTH,
    Category.MOTHER_TONGUE: PriceModel.HOUR,
    Category.HEALTH: PriceModel.HOUR,
    Category.GUARDIAN_TRAINING: PriceModel.COURSE,
    Category.HOUSING_SUPPORT: PriceModel.HOUR,
    Category.OTHER: PriceModel.DAY,
}
PRICES: dict[str, int] = {
    PriceModel.MONTH: 450_000,
    PriceModel.DAY: 60_000,
    PriceModel.HOUR: 80_000,
    PriceModel.COURSE: 1_200_000,
}
NAMES = {
    Category.SFI: ["Sfi grundläggande", "Sfi för yrkesförare", "Sfi med barnpassning", "Sfi kvällar"],
    Category.CIVIC_ORIENTATION: ["Samhällsorientering", "Samhällsorientering på modersmål"],
    Category.LABOUR_MARKET: ["Arbetsmarknadsintroduktion", "Praktik i vård och omsorg", "Yrkessvenska och praktik"],
    Category.VALIDATION: ["Validering av vårdkompetens", "Validering av hantverksyrken"],
    Category.MOTHER_TONGUE: ["Modersmålsundervisning", "Studiehandledning på modersmål"],
    Category.HEALTH: ["Hälsoskola", "Föräldrastöd och hälsa"],
    Category.GUARDIAN_TRAINING: ["Utbildning för gode män"],
    Category.HOUSING_SUPPORT: ["Boendestöd", "Boskola för nyanlända"],
    Category.OTHER: ["Språkcafé", "Mentorsprogram"],
}
FIRST_NAMES = ["Amina", "Yonas", "Sara", "Omar", "Leyla", "Ahmed", "Fatima", "Mohammed", "Hana", "Daniel", "Nour"]
LAST_NAMES = ["Hassan", "Tesfay", "Ali", "Farah", "Karimi", "Mohammadi", "Haile", "Abdi", "Rahimi", "Yousef"]


def insert_tuples(table: str, columns: list[str], rows: Iterable[tuple[Any, ...]], size: int = 20_000) -> None:
    """Rows as tuples into a table, set-based: COPY on PostgreSQL, executemany on SQLite."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        for batch in batched(rows, size):
            cursor.executemany(sql, batch)


def generate(ctx: GenerateContext) -> None:
    if Service.objects.filter(name__startswith=MARK).exists():
        return
    rng = ctx.rng
    municipalities = ctx.municipalities()
    if not municipalities:
        return
    today = ctx.today
    this_month = first_of_month(today)
    months = ctx.size["months"]
    window_start = this_month
    for _ in range(months - 1):
        window_start = first_of_month(window_start - dt.timedelta(days=1))

    # --- services ---
    categories = list(Category.values)
    codes = list(LANGUAGES)
    services: list[Service] = []
    for m in municipalities:
        for i in range(ctx.size["services_per_municipality"]):
            category = categories[i % len(categories)]
            service = Service(
                provider=m,
                code=f"G-{m.scb_code}-{i:02d}",
                name=f"{MARK} {rng.choice(NAMES[Category(category)])}, {m.name}",
                category=category,
                price_model=PRICE_MODELS[Category(category)],
                languages=Service.pack_languages(["sv", *rng.sample(codes, rng.randint(1, 3))]),
                capacity=rng.randint(150, 400),
                city=m.name,
                latitude=(m.latitude or 59.3) + rng.uniform(-0.03, 0.03),
                longitude=(m.longitude or 18.0) + rng.uniform(-0.05, 0.05),
                min_age=18 if category != Category.MOTHER_TONGUE else 6,
                how_to_apply="Ansök via din handläggare i folkbokföringskommunen.",
                published=True,
                is_demo=True,
            )
            service.search_text = service.build_search_text(provider_name=m.name)
            services.append(service)
    services = ctx.insert(Service, services, desc="insatser")
    ctx.insert(
        ServicePrice,
        (
            ServicePrice(service=s, valid_from=window_start - dt.timedelta(days=365), amount_ore=PRICES[s.price_model])
            for s in services
        ),
        desc="priser",
        returning=False,
    )
    by_municipality: dict[int, list[Service]] = defaultdict(list)
    for s in services:
        by_municipality[s.provider_id].append(s)
    county_of = {m.pk: m.county_id for m in municipalities}
    in_county: dict[Any, list[Any]] = defaultdict(list)
    for m in municipalities:
        in_county[m.county_id].append(m)

    # --- participants and their homes ---
    count = ctx.size["participants"]
    numbers = ctx.identity_numbers(count, born_from=1955, born_to=2004)
    homes = [rng.choice(municipalities) for _ in range(count)]
    received = [window_start - dt.timedelta(days=rng.randint(0, 700)) for _ in range(count)]
    movers: dict[int, tuple[Any, dt.date]] = {}
    for n in range(count):
        if rng.random() < 0.05:
            others = in_county[homes[n].county_id]
            moved_on = window_start + dt.timedelta(days=rng.randint(30, 30 * max(months - 1, 1)))
            movers[n] = (rng.choice(others), min(moved_on, today))

    def person(n: int) -> Participant:
        number = IdentityNumber(numbers[n], True)
        final_home = movers[n][0] if n in movers else homes[n]
        return Participant(
            code=f"D-G{n:07d}",
            identity_encrypted=protection.encrypt(number),
            identity_hash=protection.identity_hash(number),
            is_coordination_number=True,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            birth_date=number.birth_date,
            birth_year=number.birth_date.year,
            home_municipality=final_home,
            reception_date=received[n],
            residence_status=rng.choice(["refugee", "refugee", "subsidiary_protection", "relative", "quota_refugee"]),
            protected=rng.random() < 0.003,
            is_demo=True,
        )

    people = ctx.insert(Participant, (person(n) for n in range(count)), total=count, desc="deltagare")

    def residences():
        for n, p in enumerate(people):
            if n in movers:
                new_home, moved_on = movers[n]
                yield Residence(
                    participant=p,
                    municipality=homes[n],
                    valid_from=received[n],
                    valid_to=moved_on - dt.timedelta(days=1),
                )
                yield Residence(participant=p, municipality=new_home, valid_from=moved_on)
            else:
                yield Residence(participant=p, municipality=homes[n], valid_from=received[n])

    ctx.insert(Residence, residences(), total=count + len(movers), desc="folkbokföringar", returning=False)

    # --- placements ---
    total = ctx.size["placements"]
    window_days = (today - window_start).days
    taken: set[tuple[int, int]] = set()
    rows: list[tuple[int, Service, dt.date, dt.date | None, str]] = []
    while len(rows) < total:
        n = rng.randrange(count)
        home = homes[n]
        # A third of the placements are in another municipality of the same county.
        provider = rng.choice(in_county[county_of[home.pk]]) if rng.random() < 0.34 else home
        choices = by_municipality.get(provider.pk) or by_municipality[home.pk]
        service = rng.choice(choices)
        if (n, service.pk) in taken:
            continue
        taken.add((n, service.pk))
        start = window_start + dt.timedelta(days=rng.randint(0, max(window_days, 1)))
        end: dt.date | None = start + dt.timedelta(days=rng.randint(30, 365))
        if end is not None and end > today:
            end = None if rng.random() < 0.7 else end
        roll = rng.random()
        status = "accepted" if roll < 0.95 else ("requested" if roll < 0.98 else "declined")
        if status == "requested":
            start, end = today + dt.timedelta(days=rng.randint(5, 60)), None
        rows.append((n, service, start, end, status))

    def placement(i: int) -> Placement:
        n, service, start, end, status = rows[i]
        return Placement(
            code=f"P-G{i:07d}",
            participant=people[n],
            service=service,
            provider_id=service.provider_id,
            home_municipality=homes[n] if n not in movers or start < movers[n][1] else movers[n][0],
            start=start,
            end=end,
            status=status,
            price_ore=PRICES[service.price_model],
            is_demo=True,
        )

    placements = ctx.insert(Placement, (placement(i) for i in range(total)), total=total, desc="placeringar")

    # --- attendance, month by month ---
    def home_on(n: int, day: dt.date) -> int:
        if n in movers and day >= movers[n][1]:
            return movers[n][0].pk
        return homes[n].pk

    # Attendance is the largest table (2.3 million rows at nation scale): its rows are plain
    # tuples written straight into the table (COPY on PostgreSQL, executemany on SQLite),
    # without a model instance per row.
    columns = [
        "placement_id",
        "month",
        "provider_id",
        "payer_id",
        "days_enrolled",
        "days_present",
        "hours",
        "course_started",
        "locked",
        "note",
        "reported_at",
    ]
    reported_at = connection.ops.adapt_datetimefield_value(timezone.now())

    def attendance():
        for i, p in enumerate(placements):
            n, service, start, end, status = rows[i]
            if status != "accepted":
                continue
            month = max(first_of_month(start), window_start)
            last = min(first_of_month(end) if end else this_month, this_month)
            while month <= last:
                first, final = month, last_of_month(month)
                days = (min(final, end or final) - max(first, start)).days + 1
                if days > 0:
                    present = rng.randint(max(days - 8, 0), days)
                    yield (
                        p.pk,
                        month,
                        service.provider_id,
                        home_on(n, max(first, start)),
                        days,
                        present,
                        Decimal(present * rng.randint(2, 6)),
                        first_of_month(start) == month,
                        month < this_month,
                        "",
                        reported_at,
                    )
                month = next_month(month)

    estimate = int(total * min(months, 8) * 0.9)
    insert_tuples(Attendance._meta.db_table, columns, ctx.progress(attendance(), total=estimate, desc="närvaro"))

    # --- locked months and a few corrections carried into the current month ---
    locked_months = []
    month = window_start
    while month < this_month:
        locked_months.append(MonthLock(month=month))
        month = next_month(month)
    MonthLock.objects.bulk_create(locked_months, ignore_conflicts=True)
    corrections = []
    for i in rng.sample(range(total), k=min(total // 200, total)):
        n, service, start, end, status = rows[i]
        if status != "accepted" or first_of_month(start) >= this_month:
            continue
        month = first_of_month(start)
        if month < window_start:
            continue
        corrections.append(
            AttendanceAdjustment(
                placement=placements[i],
                month=month,
                carried_to=this_month,
                provider_id=service.provider_id,
                payer_id=home_on(n, month),
                days_present=1,
                reason=f"{MARK} Sent inkommen närvarolista",
            )
        )
    ctx.insert(AttendanceAdjustment, corrections, desc="rättelser", returning=False)
