from __future__ import annotations

import datetime as dt

import pytest

from samverkan.core.generation import GenerateContext
from samverkan.statecomp import generate
from samverkan.statecomp.models import Payment, Reception

pytestmark = pytest.mark.django_db


def _run(seed: int) -> list[tuple]:
    ctx = GenerateContext(scale="smoke", seed=seed, today=dt.date(2026, 12, 4), county_code="01", quiet=True)
    generate.generate(ctx)
    return list(Reception.objects.order_by("municipality__scb_code", "month", "age_from").values_list(
        "municipality__scb_code", "month", "age_from", "count"))  # fmt: skip


def test_generation_is_deterministic_per_seed_and_pays_most_months(django_db_blocker):
    first = _run(7)
    payments = Payment.objects.count()
    assert first and payments
    Reception.objects.all().delete()
    Payment.objects.all().delete()
    from samverkan.statecomp.models import ImportBatch

    ImportBatch.objects.all().delete()
    assert _run(7) == first
    assert Payment.objects.count() == payments
