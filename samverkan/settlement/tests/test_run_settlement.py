"""The settlement run: set-based pricing of locked attendance, reconciling to the öre."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.db.models import F

from samverkan.settlement import services
from samverkan.settlement.models import SettlementLine, SettlementPair, SettlementRun
from samverkan.settlement.services import SettlementError

from .builders import OCTOBER, SEPTEMBER, expected_sfi, lock


def _pair(run, payer, payee):
    return run.pairs.get(payer__code=payer, payee__code=payee)


def test_it_prices_every_pair_from_locked_attendance_and_the_price_in_force(county, person):
    run = services.run_settlement(actor=person("cecilia"), period="2026-09")
    assert _pair(run, "0126", "0127").amount_ore == expected_sfi()
    # Botkyrka's own list (500 kr a day) wins over the regional 450 kr: 12 days present.
    assert _pair(run, "0182", "0127").amount_ore == 12 * 50000
    # 7.5 hours at 520 kr.
    assert _pair(run, "0127", "0126").amount_ore == 390000
    # Huddinge's own resident in Huddinge's own service is not inter-municipal.
    assert not run.pairs.filter(payer__code="0126", payee__code="0126").exists()
    assert run.pair_count == 3 and run.line_count == 8


def test_it_reconciles_exactly_pairs_to_lines_and_balances_to_zero(county):
    run = services.run_settlement(actor=None, period="2026-09")
    for pair in run.pairs.all():
        lines = SettlementLine.objects.filter(run=run, payer=pair.payer, payee=pair.payee)
        assert pair.amount_ore == sum(line.amount_ore for line in lines)
        assert pair.line_count == lines.count()
    assert run.total_ore == sum(line.amount_ore for line in run.lines.all())
    assert sum(services.balances(run).values()) == 0


def test_a_month_line_is_pro_rata_by_days_rounded_half_to_even(county):
    run = services.run_settlement(actor=None, period="2026-09")
    line = run.lines.get(placement=county.placements["h1"])
    assert (line.quantity, line.base_quantity, line.price_ore) == (Decimal("11.00"), 30, 850000)
    # 8 500 kr × 11 / 30 = 3 116,666… kr → 311 667 öre.
    assert line.amount_ore == 311667


def test_adjustments_carried_into_the_period_are_included_at_the_corrected_months_price(county):
    from samverkan.exchange.models import AttendanceAdjustment

    placement = county.placements["n0"]
    AttendanceAdjustment.objects.create(
        placement=placement,
        month=SEPTEMBER,
        carried_to=OCTOBER,
        provider=placement.provider,
        payer=placement.home_municipality,
        days_present=-2,
        reason="Två dagar felrapporterade",
    )
    county.attend("n0", OCTOBER, days_enrolled=31, days_present=5)
    lock(OCTOBER)
    run = services.run_settlement(actor=None, period="2026-10")
    adjustment = run.lines.get(source="adjustment")
    assert adjustment.month == SEPTEMBER and adjustment.amount_ore == -2 * 50000
    assert _pair(run, "0182", "0127").amount_ore == 5 * 50000 - 2 * 50000


def test_a_quarter_is_settled_as_one_period(county):
    lock(dt.date(2026, 7, 1))
    lock(dt.date(2026, 8, 1))
    run = services.run_settlement(actor=None, period="2026-K3")
    assert (run.period_start, run.period_end, run.label) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30), "2026-K3")
    assert run.line_count == 8


def test_it_refuses_with_a_swedish_list_of_what_to_fix_and_writes_nothing(county):
    from samverkan.exchange.models import Service

    county.orgs["0182"].organisation_number = ""
    county.orgs["0182"].save()
    unpriced = Service.objects.create(
        provider=county.orgs["0127"],
        name="Boendestöd Botkyrka",
        category="housing_support",
        price_model="hour",
        capacity=5,
    )
    county.place("x", "0126", "sfi")
    county.placements["x"].service = unpriced
    county.placements["x"].save()
    county.attend("x", OCTOBER, hours=Decimal("3"))
    with pytest.raises(SettlementError) as refused:
        services.run_settlement(actor=None, period="2026-10", final=True)
    problems = "\n".join(refused.value.problems)
    assert "Månaden 2026-10 är inte låst" in problems
    assert "Nacka" not in problems  # Nacka has no row in October
    assert "Närvaro utan pris: Boendestöd Botkyrka (Botkyrka" in problems
    assert SettlementRun.objects.count() == 0 and SettlementLine.objects.count() == 0

    with pytest.raises(SettlementError) as refused:
        services.run_settlement(actor=None, period="2026-09")
    assert any("Nacka" in p and "organisationsnummer" in p for p in refused.value.problems)
    assert SettlementRun.objects.count() == 0


def test_a_gap_in_the_price_list_is_named_as_a_gap(county):
    # The regional list ends with August: September has no price for Huddinge's SFI in Botkyrka.
    county.regional.valid_to = dt.date(2026, 8, 31)
    county.regional.save()
    with pytest.raises(SettlementError) as refused:
        services.run_settlement(actor=None, period="2026-09")
    assert any(p.startswith("Glapp i prislistan: SFI Tumba (Botkyrka") for p in refused.value.problems)


def test_a_second_final_run_of_a_period_is_refused(county, person):
    services.run_settlement(actor=person("cecilia"), period="2026-09", final=True)
    with pytest.raises(SettlementError, match="redan en slutlig avräkning"):
        services.run_settlement(actor=person("cecilia"), period="2026-09", final=True)
    with pytest.raises(SettlementError, match="redan en slutlig avräkning"):
        services.run_settlement(actor=person("cecilia"), period="2026-09")
    assert SettlementRun.objects.filter(status="final").count() == 1


def test_the_database_itself_refuses_a_second_final_row(county):
    """What makes two final runs started at the same moment produce one."""
    first = services.run_settlement(actor=None, period="2026-09", final=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        SettlementRun.objects.create(
            period_start=first.period_start, period_end=first.period_end, label=first.label, status="final"
        )


def test_a_run_killed_half_way_leaves_nothing_and_can_be_started_again(county):
    with (
        mock.patch.object(services, "_written_problems", side_effect=RuntimeError("killed")),
        pytest.raises(RuntimeError),
    ):
        services.run_settlement(actor=None, period="2026-09", final=True)
    assert SettlementRun.objects.count() == 0
    assert SettlementLine.objects.count() == 0 and SettlementPair.objects.count() == 0
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    assert run.is_final and run.line_count == 8


def _content(run):
    fields = [f.attname for f in SettlementLine._meta.concrete_fields if f.attname not in ("id", "run_id")]
    natural = ("payer_id", "payee_id", "service_id", "placement_id", "month", "source", "source_id")
    lines = list(run.lines.order_by(*natural).values_list(*fields))
    pairs = list(
        run.pairs.order_by("payer_id", "payee_id").values_list(
            "payer_id", "payee_id", "amount_ore", "line_count", "number"
        )
    )
    return repr((lines, pairs, run.digest, run.total_ore)).encode()


def test_re_running_the_preliminary_run_gives_byte_identical_results(county):
    first = services.run_settlement(actor=None, period="2026-09")
    before = _content(first)
    second = services.run_settlement(actor=None, period="2026-09")
    assert _content(second) == before
    # The new preliminary replaces the old one.
    assert list(SettlementRun.objects.values_list("pk", flat=True)) == [second.pk]


def test_a_final_run_is_approved_by_the_coordinator_and_audited(county, person):
    from samverkan.audit.models import AuditEvent

    run = services.run_settlement(actor=person("cecilia"), period="2026-09", final=True)
    assert run.approved_by == person("cecilia") and run.approved_at is not None
    assert AuditEvent.objects.filter(action="settlement.run.final", object_id=str(run.pk)).exists()


def test_netting_of_a_run_preserves_every_balance(county):
    from samverkan.settlement.netting import apply

    run = services.run_settlement(actor=None, period="2026-09")
    balances = services.balances(run)
    for central in (False, True):
        left = apply({**balances, "ksl": 0}, services.netting(run, central=central))
        assert set(left.values()) == {0}


def test_credit_notes_credit_a_final_invoice_once(county, person):
    run = services.run_settlement(actor=None, period="2026-09", final=True)
    pair = _pair(run, "0126", "0127")
    note = services.issue_credit_note(
        actor=person("cecilia"), pair=pair, reason="Fel pris", issued_on=dt.date(2026, 10, 20)
    )
    assert note.number == f"{pair.invoice_number}-K"
    with pytest.raises(SettlementError, match="redan krediterad"):
        services.issue_credit_note(actor=person("cecilia"), pair=pair, reason="Igen", issued_on=dt.date(2026, 10, 20))


def test_the_period_is_parsed_or_refused_in_swedish():
    assert services.parse_period("2026-02").end == dt.date(2026, 2, 28)
    assert services.parse_period("2026-Q4").label == "2026-K4"
    with pytest.raises(SettlementError, match="ingen period"):
        services.parse_period("oktober")
    with pytest.raises(SettlementError, match="ingen månad"):
        services.parse_period("2026-13")


def test_approval_makes_the_inspected_preliminary_run_final(county, person):
    preliminary = services.run_settlement(actor=None, period="2026-09")
    assert sorted(pair.invoice_number for pair in preliminary.pairs.all()) == [
        "IKE-2026-09-0126-0127-P",
        "IKE-2026-09-0127-0126-P",
        "IKE-2026-09-0127-0182-P",
    ]
    lines = list(preliminary.lines.order_by("id").values_list("id", "amount_ore"))
    pairs = list(preliminary.pairs.order_by("id").values())
    final = services.approve_run(actor=person("cecilia"), run=preliminary)
    assert final.pk == preliminary.pk and final.is_final and final.approved_by == person("cecilia")
    assert list(final.lines.order_by("id").values_list("id", "amount_ore")) == lines
    assert list(final.pairs.order_by("id").values()) == pairs, "approval writes no pair"
    assert {pair.invoice_number for pair in final.pairs.all()} == {
        "IKE-2026-09-0127-0126",
        "IKE-2026-09-0127-0182",
        "IKE-2026-09-0126-0127",
    }
    with pytest.raises(SettlementError, match="redan en slutlig"):
        services.approve_run(actor=person("cecilia"), run=final)


def test_approval_is_refused_when_the_data_changed_since_the_preliminary_run(county, person):
    preliminary = services.run_settlement(actor=None, period="2026-09")
    county.place("late", "0126", "sfi")
    county.attend("late", SEPTEMBER, days_enrolled=3)
    with pytest.raises(SettlementError, match="har ändrats sedan den preliminära"):
        services.approve_run(actor=person("cecilia"), run=preliminary)
    preliminary.refresh_from_db()
    assert not preliminary.is_final


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(
            lambda pairs: pairs.filter(pk=pairs.first().pk).update(amount_ore=F("amount_ore") + 1), id="one öre"
        ),
        pytest.param(
            lambda pairs: pairs.filter(pk=pairs.first().pk).update(line_count=F("line_count") - 1), id="a line"
        ),
        pytest.param(lambda pairs: pairs.filter(pk=pairs.first().pk).delete(), id="a pair missing"),
        pytest.param(
            lambda pairs: pairs.create(
                run=pairs.first().run, payer=pairs.first().payee, payee=pairs.first().payee, amount_ore=0, line_count=0
            ),
            id="a pair too many",
        ),
    ],
)
def test_approval_compares_every_pair_both_ways(county, person, tamper):
    preliminary = services.run_settlement(actor=None, period="2026-09")
    tamper(preliminary.pairs.order_by("id"))
    with pytest.raises(SettlementError, match="har ändrats sedan den preliminära"):
        services.approve_run(actor=person("cecilia"), run=preliminary)
