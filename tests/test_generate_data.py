import csv
import datetime as dt

from django.conf import settings
from django.core.management import call_command

from samverkan.accounts.models import User
from samverkan.accounts.roles import Role
from samverkan.core.generation import GenerateContext, generators
from samverkan.lib import identity
from samverkan.organisations.models import Organisation
from samverkan.organisations.services import load_reference_data


def test_the_generator_runs_at_smoke_scale_and_is_deterministic(db):
    call_command("generate_data", "--scale", "smoke", "--seed", "7", "--quiet", verbosity=0)
    first = sorted(User.objects.filter(username__startswith="gen-").values_list("username", "role"))
    assert first, "no people generated"
    assert Organisation.objects.municipalities().count() == 26
    call_command("generate_data", "--scale", "smoke", "--seed", "7", "--quiet", verbosity=0)
    assert sorted(User.objects.filter(username__startswith="gen-").values_list("username", "role")) == first
    # The load test logs in as generated people of every role (loadtest/locustfile.py);
    # the smoke data set (one person per municipality) must have each of them too.
    assert {role for _, role in first} == set(Role.values)
    # Every locked month is settled, once: a final run whose pairs reconcile to the öre.
    from samverkan.exchange.models import MonthLock
    from samverkan.settlement.models import SettlementRun

    runs = SettlementRun.objects.filter(status=SettlementRun.Status.FINAL)
    assert sorted(runs.values_list("period_start", flat=True)) == sorted(
        MonthLock.objects.values_list("month", flat=True)
    )
    assert all(run.pair_count > 0 and run.total_ore == sum(p.amount_ore for p in run.pairs.all()) for run in runs)


def test_the_apps_generate_in_the_order_of_installed_apps():
    labels = [label for label, _ in generators()]
    order = [name.rsplit(".", 1)[-1] for name in settings.INSTALLED_APPS if name.startswith("samverkan.")]
    assert labels == sorted(labels, key=order.index)
    assert labels[:2] == ["organisations", "accounts"]


def test_the_nation_has_every_municipality_with_its_real_code_and_organisation_number(db):
    load_reference_data(settings.BASE_DIR / "refdata", settings.COUNTY_CODE, all_counties=True)
    ctx = GenerateContext(scale="smoke", seed=1, today=dt.date(2026, 1, 1), county_code=None, quiet=True)
    for label, generate in generators()[:2]:
        assert label in ("organisations", "accounts")
        generate(ctx)
    with (settings.BASE_DIR / "refdata" / "sweden" / "kommuner.csv").open(encoding="utf-8") as f:
        expected = {
            row["kommunkod"]: (row["kommun"], row["lanskod"], row["organisationsnummer"]) for row in csv.DictReader(f)
        }
    loaded = {
        m.scb_code: (m.name, m.county.code, m.organisation_number)
        for m in Organisation.objects.municipalities().select_related("county")
    }
    assert len(expected) == 290
    assert loaded == expected
    # Every county has an association with a regional coordinator, and every municipality its staff.
    assert Organisation.objects.filter(kind="association").values("county").distinct().count() == 21
    assert User.objects.filter(role="regional_coordinator", username__startswith="gen-").count() == 21
    assert User.objects.filter(username__startswith="gen-", organisation__kind="municipality").count() == 290


def test_generated_identity_numbers_are_valid_distinct_samordningsnummer_and_repeat_for_a_seed():
    def numbers(seed):
        ctx = GenerateContext(scale="smoke", seed=seed, today=dt.date(2026, 1, 1), county_code=None, quiet=True)
        return ctx.identity_numbers(5000)

    first = numbers(3)
    assert len(set(first)) == 5000
    for number in first:
        parsed = identity.parse(number, today=dt.date(2026, 1, 1))
        assert parsed.is_coordination_number
        assert parsed.value == number
    assert numbers(3) == first
    assert numbers(4) != first


def test_rows_inserted_without_returning_go_in_whole_on_either_database(db):
    from samverkan.audit.models import AuditEvent
    from samverkan.organisations.models import Body

    ctx = GenerateContext(scale="smoke", seed=1, today=dt.date(2026, 1, 1), county_code="01", quiet=True)
    huddinge = Organisation.objects.get(scb_code="0126")
    returned = ctx.insert(Body, (Body(organisation=huddinge, kind="committee", name=f"Nämnd {i}") for i in range(7)))
    assert len(returned) == 7 and all(b.pk for b in returned)
    # Without returning (COPY on PostgreSQL): dates, JSON and foreign keys arrive as given.
    ctx.insert(
        AuditEvent,
        (AuditEvent(action="gen.test", organisation=huddinge, after={"n": i, "ord": "å"}) for i in range(12_000)),
        returning=False,
        size=5000,
    )
    events = AuditEvent.objects.filter(action="gen.test")
    assert events.count() == 12_000
    assert events.order_by("pk").last().after == {"n": 11_999, "ord": "å"}
    assert events.filter(organisation=huddinge, at__isnull=False).count() == 12_000
