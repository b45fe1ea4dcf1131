"""Demo data for state compensation.

The rates are the sourced reference data (`load_statecomp_rates`). Everything else is
invented and marked as demo data: receptions imported as counts for the county's
municipalities that keep no participants here, the state's payments (most of them
right, a few short, one not yet paid), a kind of compensation to apply for, and what
Huddinge still has to apply for. Huddinge keeps its participants in the exchange; its
receptions come from them (see `huddinge`).
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.management import call_command

from samverkan.core.demo import DemoContext
from samverkan.organisations.models import Organisation
from samverkan.statecomp.models import CompensationKind, ImportBatch, Payment, Rate, Reception
from samverkan.statecomp.services import create_application

YEARS = (2022, 2023, 2024)
# Municipalities with counts imported, as their own files would give them; Huddinge is not among them.
COUNTED = ("0127", "0182", "0181", "0180", "0138", "0125", "0120", "0136", "0160")
DEMO_KIND = "demo-sarskilda-kostnader"


def load(ctx: DemoContext) -> None:
    call_command("load_statecomp_rates", verbosity=0)
    if Reception.objects.filter(is_demo=True).exists():
        return
    rng = random.Random(2013)  # noqa: S311 - invented demo figures, not secrets
    kind = _applied_kind()
    for code in COUNTED:
        municipality = Organisation.objects.filter(scb_code=code).first()
        if municipality is not None:
            _counted_municipality(municipality, rng)
    huddinge = Organisation.objects.get(scb_code="0126")
    _huddinge_participants(rng)
    _huddinge_payments(huddinge)
    _applications(ctx, huddinge, kind)
    ctx.objects["statecomp_huddinge"] = huddinge


def _applied_kind() -> CompensationKind:
    kind, _ = CompensationKind.objects.get_or_create(
        code=DEMO_KIND,
        defaults={
            "name": "Ersättning för särskilda kostnader (demo)",
            "needs_application": True,
            "per_person": False,
            "deadline_months": 6,
            "order": 90,
            "legal_source": "Demodata: ett påhittat ersättningsslag som kommunen ansöker om, med en påhittad regel "
            "för sista ansökningsdag (sex månader efter periodens slut).",
            "is_demo": True,
        },
    )
    return kind


def _groups(year: int, month: int) -> list[tuple[int, int | None, str]]:
    """The age groups a municipality's own file would give: fine enough for every rate of the month."""
    if year >= 2024 and month >= 7:
        return [(0, 19, "allocated"), (20, 65, "allocated"), (66, None, "allocated"), (0, 19, "own"), (20, 65, "own")]
    if year >= 2023:
        return [(0, 19, ""), (20, 65, ""), (66, None, "")]
    return [(0, 19, ""), (20, 64, ""), (65, None, "")]


def _counted_municipality(municipality: Organisation, rng: random.Random) -> None:
    size = rng.choice((1, 2, 3, 5, 8))
    rows = []
    for year in YEARS:
        for month in range(1, 13):
            for age_from, age_to, housing in _groups(year, month):
                share = 1 if age_from >= 65 else (3 if age_from >= 20 else 2)
                count = rng.randint(0, size * share)
                if count:
                    rows.append((dt.date(year, month, 1), age_from, age_to, housing, count))
    batch = ImportBatch.objects.create(
        municipality=municipality,
        kind=ImportBatch.Kind.RECEPTIONS,
        file_name=f"mottagna-{municipality.scb_code}-2022-2024-demo.csv",
        sha256=f"demo-receptions-{municipality.scb_code}",
        rows=len(rows),
    )
    Reception.objects.bulk_create(
        Reception(municipality=municipality, month=m, age_from=a, age_to=b, housing=h, count=n, batch=batch,
                  is_demo=True)
        for m, a, b, h, n in rows
    )  # fmt: skip
    _payments_for(municipality, rows, rng)


def _payments_for(municipality: Organisation, rows: list, rng: random.Random) -> None:
    """What the state paid, per month and kind: right, except a short month now and then."""
    rates = list(Rate.objects.select_related("kind").filter(kind__needs_application=False))
    batch = ImportBatch.objects.create(
        municipality=municipality,
        kind=ImportBatch.Kind.PAYMENTS,
        file_name=f"utbetalningar-{municipality.scb_code}-demo.xlsx",
        sha256=f"demo-payments-{municipality.scb_code}",
    )
    owed: dict[tuple[int, dt.date], list[int]] = {}
    kinds = {}
    for month, age_from, age_to, housing, count in rows:
        for rate in rates:
            if rate.year != month.year or rate.valid_from > month or (rate.housing and rate.housing != housing):
                continue
            if not rate.covers(age_from, age_to):
                continue
            cell = owed.setdefault((rate.kind_id, month), [0, 0])
            cell[0] += count
            cell[1] += count * rate.amount_ore
            kinds[rate.kind_id] = rate.kind
    payments = []
    for (kind_id, month), (count, amount) in sorted(owed.items(), key=lambda item: (item[0][1], item[0][0])):
        if rng.random() < 0.06 and count > 1:
            count, amount = count - 1, amount - amount // count  # one person short
        payments.append(
            Payment(municipality=municipality, kind=kinds[kind_id], year=month.year, month=month, count=count,
                    amount_ore=amount, paid_on=_paid_on(month), reference=f"MV-DEMO-{month:%Y%m}", batch=batch,
                    is_demo=True)
        )  # fmt: skip
    Payment.objects.bulk_create(payments)
    batch.rows = len(payments)
    batch.total_ore = sum(p.amount_ore for p in payments)
    batch.save(update_fields=["rows", "total_ore"])


def _paid_on(month: dt.date) -> dt.date:
    """The lump sum comes some two months after the month of reception."""
    year, index = divmod(month.month + 1, 12)
    return dt.date(month.year + year, index + 1, 20)


FIRST_NAMES = ("Amina", "Yusuf", "Hodan", "Omar", "Sara", "Ali", "Leyla", "Samir", "Nour", "Dawit", "Fatima", "Ahmad")
LAST_NAMES = ("Hassan", "Ahmed", "Mohammed", "Tesfaye", "Karimi", "Haddad", "Osman", "Rahimi", "Yilmaz", "Ibrahim")


def _huddinge_participants(rng: random.Random) -> None:
    """Huddinge keeps its participants in the exchange: 2022 to the first half of 2024, invented."""
    from samverkan.exchange.services import register_participant
    from samverkan.lib.identity import make

    huddinge = Organisation.objects.get(scb_code="0126")
    serial = 900
    for year, persons in ((2022, 14), (2023, 18), (2024, 9)):
        last_month = 6 if year == 2024 else 12  # after 2024-06 the initial-cost sum needs housing, not kept here
        for _ in range(persons):
            received = dt.date(year, rng.randint(1, last_month), rng.randint(1, 28))
            age = rng.choice((2, 7, 12, 17, 19, 24, 31, 38, 45, 52, 64, 66, 71))
            birth = dt.date(received.year - age, rng.randint(1, 12), rng.randint(1, 28))
            serial += 1
            register_participant(
                actor=None,
                identity_number=make(birth, serial, coordination=True).formatted,
                first_name=rng.choice(FIRST_NAMES),
                last_name=rng.choice(LAST_NAMES),
                home_municipality=huddinge,
                reception_date=received,
                residence_status="refugee",
                is_demo=True,
            )


def _huddinge_payments(huddinge: Organisation) -> None:
    """What the state paid Huddinge: right, except one month of 2023 paid for one person too few and
    the last month of 2024 not yet paid: the differences Huddinge's coordinator has to explain."""
    from samverkan.statecomp.compare import compare

    batch = ImportBatch.objects.create(
        municipality=huddinge,
        kind=ImportBatch.Kind.PAYMENTS,
        file_name="utbetalningar-0126-demo.xlsx",
        sha256="demo-payments-0126",
    )
    rows = [
        (kind_year.kind, row.month, row)
        for (_mid, _year), summary in sorted(compare([huddinge.pk], YEARS).items())
        for kind_year in summary.rows
        for row in kind_year.rows
        if row.month is not None and row.expected_count
    ]
    short = next((month for _, month, row in rows if month.year == 2023 and row.expected_count > 1), None)
    unpaid = max((month for _, month, _ in rows if month.year == 2024), default=None)
    payments = []
    for kind, month, row in rows:
        if month == unpaid:
            continue
        count, amount = row.expected_count, row.expected_ore
        if month == short:
            count, amount = count - 1, amount - amount // count
        payments.append(
            Payment(municipality=huddinge, kind=kind, year=month.year, month=month, count=count,
                    amount_ore=amount, paid_on=_paid_on(month), reference=f"MV-DEMO-{month:%Y%m}",
                    batch=batch, is_demo=True)
        )  # fmt: skip
    Payment.objects.bulk_create(payments)
    batch.rows = len(payments)
    batch.total_ore = sum(p.amount_ore for p in payments)
    batch.save(update_fields=["rows", "total_ore"])


def _applications(ctx: DemoContext, huddinge: Organisation, kind: CompensationKind) -> None:
    hanna = ctx.users.get("hanna")
    year = ctx.today.year
    for start, end, amount in (
        (dt.date(year - 1, 7, 1), dt.date(year - 1, 12, 31), 48_250_000),
        (dt.date(year, 1, 1), dt.date(year, 6, 30), 51_000_000),
    ):
        create_application(
            actor=hanna, municipality=huddinge, kind=kind, period_start=start, period_end=end, amount_ore=amount,
            note="Demodata.", is_demo=True,
        )  # fmt: skip
