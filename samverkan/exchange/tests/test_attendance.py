import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from samverkan.exchange.models import Attendance, AttendanceAdjustment, MonthLock
from samverkan.exchange.services import (
    ExchangeError,
    add_interruption,
    correct_attendance,
    end_placement,
    is_locked,
    lock_month,
    next_open_month,
    report_attendance,
)

JAN, FEB, MAR, APR = (dt.date(2025, m, 1) for m in (1, 2, 3, 4))


@pytest.fixture(autouse=True)
def _spring_2025():
    with time_machine.travel(dt.datetime(2025, 5, 20, 12, 0), tick=False):
        yield


def test_bengt_reports_a_month_and_the_days_enrolled_follow_the_placement(person, placement):
    row = report_attendance(actor=person("bengt"), placement=placement, month=JAN, days_present=10, hours="32.5")
    assert row.days_enrolled == 17  # 15–31 January
    assert row.days_present == 10 and row.hours == Decimal("32.5")
    assert row.course_started
    assert row.payer.code == "0126" and row.provider.code == "0127"
    assert not row.locked
    again = report_attendance(actor=person("bengt"), placement=placement, month=FEB, days_present=15)
    assert again.days_enrolled == 28 and not again.course_started


def test_only_the_provider_reports(person, placement):
    for other in ("anna", "eve", "cecilia", "rut", "petra"):
        with pytest.raises(ExchangeError):
            report_attendance(actor=person(other), placement=placement, month=FEB, days_present=1)
    assert not Attendance.objects.exists()


def test_attendance_outside_the_placement_is_refused(placement):
    with pytest.raises(ExchangeError, match="pågår inte under 2024-12") as exc:
        report_attendance(actor=None, placement=placement, month=dt.date(2024, 12, 1), days_present=1)
    assert exc.value.field == "month"
    with pytest.raises(ExchangeError, match="fler än placeringens dagar") as exc:
        report_attendance(actor=None, placement=placement, month=JAN, days_present=18)
    assert exc.value.field == "days_present"
    with pytest.raises(ExchangeError, match="kommande månad"):
        report_attendance(actor=None, placement=placement, month=dt.date(2025, 6, 1), days_present=1)


def test_a_locked_month_can_not_be_reported_again(placement, person):
    report_attendance(actor=None, placement=placement, month=JAN, days_present=10)
    lock_month(JAN, by=person("cecilia"))
    assert is_locked(JAN) and is_locked(dt.date(2025, 1, 31))
    with pytest.raises(ExchangeError, match="låst") as exc:
        report_attendance(actor=None, placement=placement, month=JAN, days_present=12)
    assert exc.value.field == "month"
    assert Attendance.objects.get(month=JAN).days_present == 10


def test_a_month_is_locked_once(person):
    lock_month(JAN, by=person("cecilia"))
    with pytest.raises(ExchangeError, match="redan låst"):
        lock_month(JAN, by=person("cecilia"))
    assert MonthLock.objects.count() == 1


def test_a_correction_after_locking_is_carried_to_the_next_open_month(placement, person):
    report_attendance(actor=None, placement=placement, month=JAN, days_present=10, hours=30)
    lock_month(JAN, by=None)
    lock_month(FEB, by=None)
    adjustment = correct_attendance(
        actor=person("bengt"), placement=placement, month=JAN, days_present=12, hours=36, reason="Listan för vecka 4"
    )
    assert isinstance(adjustment, AttendanceAdjustment)
    assert adjustment.carried_to == MAR == next_open_month(JAN)
    assert (adjustment.days_present, adjustment.hours, adjustment.days_enrolled) == (2, Decimal("6"), 0)
    assert adjustment.payer.code == "0126"
    row = Attendance.objects.get(month=JAN)
    assert (row.days_present, row.hours, row.locked) == (10, Decimal("30.00"), True)  # the past never changes
    # A second correction counts from the corrected figures.
    second = correct_attendance(
        actor=None, placement=placement, month=JAN, days_present=11, hours=36, reason="Fel igen"
    )
    assert second.days_present == -1
    with pytest.raises(ExchangeError, match="ändrar ingenting"):
        correct_attendance(actor=None, placement=placement, month=JAN, days_present=11, hours=36, reason="Samma")
    # Locking March locks the adjustments carried into it.
    lock_month(MAR, by=None)
    assert AttendanceAdjustment.objects.filter(locked=True).count() == 2


def test_a_correction_needs_a_reason(placement):
    report_attendance(actor=None, placement=placement, month=JAN, days_present=10)
    lock_month(JAN, by=None)
    with pytest.raises(ExchangeError) as exc:
        correct_attendance(actor=None, placement=placement, month=JAN, days_present=12, reason="")
    assert exc.value.field == "reason"


def test_a_correction_of_an_open_month_changes_the_row(placement):
    report_attendance(actor=None, placement=placement, month=JAN, days_present=10)
    row = correct_attendance(actor=None, placement=placement, month=JAN, days_present=11, reason="")
    assert isinstance(row, Attendance) and row.days_present == 11
    assert not AttendanceAdjustment.objects.exists()


def test_an_interruption_reduces_the_days_enrolled(placement, person):
    report_attendance(actor=None, placement=placement, month=FEB, days_present=5)
    add_interruption(
        actor=person("bengt"), placement=placement, start=dt.date(2025, 2, 10), end=dt.date(2025, 2, 19), reason="Sjuk"
    )
    assert Attendance.objects.get(month=FEB).days_enrolled == 18
    row = report_attendance(actor=None, placement=placement, month=MAR, days_present=5)
    assert row.days_enrolled == 31


def test_ending_a_placement_adjusts_locked_months_and_recounts_open_ones(placement):
    for month in (JAN, FEB, MAR):
        report_attendance(actor=None, placement=placement, month=month, days_present=5)
    lock_month(JAN, by=None)
    lock_month(FEB, by=None)
    end_placement(actor=None, placement=placement, end=dt.date(2025, 2, 14))
    assert not Attendance.objects.filter(month=MAR).exists()
    feb = AttendanceAdjustment.objects.get(month=FEB)
    assert feb.days_enrolled == 14 - 28 and feb.carried_to == MAR
    assert Attendance.objects.get(month=FEB).days_enrolled == 28  # locked, unchanged
