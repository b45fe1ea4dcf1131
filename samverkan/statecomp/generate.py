"""Generated state-compensation data: the rates from the reference data, receptions counted
per month and age group for municipalities without participants in the exchange, and the
state's payments for every month and kind (participants included), a few of them short.
Set-based and deterministic per seed."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from samverkan.core.generation import GenerateContext
from samverkan.exchange.models import Participant
from samverkan.statecomp.compare import RateTable, compare
from samverkan.statecomp.models import ImportBatch, Payment, Reception
from samverkan.statecomp.services import load_rates

# The years the reference data has sourced rates for; later years would have no expected amount.
YEARS = (2023, 2024)
GROUPS = {
    2023: [(0, 19), (20, 65), (66, None)],
    2024: [(0, 19), (20, 65), (66, None)],
}
SHORT_SHARE = 0.05


def generate(ctx: GenerateContext) -> None:
    load_rates(settings.BASE_DIR / "refdata")
    municipalities = ctx.municipalities()
    # Municipalities whose participants are in the exchange are counted from them; the others import counts.
    have = set(Reception.objects.values_list("municipality_id", flat=True).distinct())
    have |= set(Participant.objects.values_list("home_municipality_id", flat=True).distinct())
    batches = ctx.insert(
        ImportBatch,
        (
            ImportBatch(municipality=m, kind=ImportBatch.Kind.RECEPTIONS, file_name="[Genererad] mottagna.csv",
                        sha256=f"generated-receptions-{m.pk}-{ctx.seed}")
            for m in municipalities
            if m.pk not in have
        ),
        desc="inlästa filer",
    )  # fmt: skip
    rng = ctx.rng
    rows = []
    for batch in batches:
        size = rng.choice((1, 2, 4, 8))
        for year in YEARS:
            for month in range(1, 13):
                for age_from, age_to in GROUPS[year]:
                    count = rng.randint(0, size * (1 if age_from >= 66 else 3))
                    housing = "allocated" if (year, month) >= (2024, 7) else ""
                    if count:
                        rows.append(Reception(municipality_id=batch.municipality_id, month=dt.date(year, month, 1),
                                              age_from=age_from, age_to=age_to, housing=housing, count=count,
                                              batch=batch, is_demo=True))  # fmt: skip
    ctx.insert(Reception, rows, total=len(rows), desc="mottagna")
    _payments(ctx, [m.pk for m in municipalities])


def _payments(ctx: GenerateContext, ids: list[int]) -> None:
    if Payment.objects.filter(municipality_id__in=ids, reference__startswith="GEN-").exists():
        return
    rng = ctx.rng
    payments = []
    for (mid, _year), summary in sorted(compare(ids, YEARS, RateTable.load()).items()):
        for kind_year in summary.rows:
            for row in kind_year.rows:
                if row.month is None or not row.expected_count:
                    continue
                count, amount = row.expected_count, row.expected_ore
                if count > 1 and rng.random() < SHORT_SHARE:
                    count, amount = count - 1, amount - amount // count
                payments.append(
                    Payment(municipality_id=mid, kind=kind_year.kind, year=row.month.year, month=row.month,
                            count=count, amount_ore=amount, paid_on=row.month + dt.timedelta(days=60),
                            reference=f"GEN-{row.month:%Y%m}", is_demo=True)
                )  # fmt: skip
    ctx.insert(Payment, payments, total=len(payments), desc="utbetalningar")
