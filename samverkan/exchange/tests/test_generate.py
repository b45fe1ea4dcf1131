import datetime as dt

from django.db.models import F

from samverkan.core.generation import GenerateContext
from samverkan.exchange import generate, protection
from samverkan.exchange.models import Attendance, MonthLock, Participant, Placement, Service


def _run(seed: int = 5) -> GenerateContext:
    ctx = GenerateContext(scale="smoke", seed=seed, today=dt.date(2026, 3, 15), county_code="01", quiet=True)
    generate.generate(ctx)
    return ctx


def test_the_generator_fills_the_exchange_at_smoke_scale(db):
    ctx = _run()
    size = ctx.size
    assert Service.objects.filter(name__startswith="[Genererad]").count() == 26 * size["services_per_municipality"]
    assert Participant.objects.filter(code__startswith="D-G").count() == size["participants"]
    assert Placement.objects.filter(code__startswith="P-G").count() == size["placements"]
    cross = Placement.objects.filter(code__startswith="P-G").exclude(provider=F("home_municipality")).count()
    assert cross > size["placements"] // 10  # placements across municipal borders
    rows = Attendance.objects.filter(placement__code__startswith="P-G")
    assert rows.exists()
    assert not rows.filter(days_present__gt=F("days_enrolled")).exists()
    sample = rows.select_related("placement").first()
    assert sample.reported_at.tzinfo is not None and sample.hours >= 0
    assert sample.provider_id == sample.placement.provider_id
    assert not rows.filter(month__lt=dt.date(2026, 3, 1), locked=False).exists()
    assert MonthLock.objects.filter(month=dt.date(2026, 2, 1)).exists()
    assert not MonthLock.objects.filter(month=dt.date(2026, 3, 1)).exists()
    person = Participant.objects.filter(code__startswith="D-G").first()
    assert protection.decrypt(person.identity_encrypted).birth_date == person.birth_date


def test_the_generator_runs_once(db):
    _run()
    before = Placement.objects.count()
    _run()
    assert Placement.objects.count() == before
