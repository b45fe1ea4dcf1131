import datetime as dt

import pytest
import time_machine

from samverkan.exchange.models import Attendance, PayerRule, Service
from samverkan.exchange.services import (
    accept_placement,
    lock_month,
    move_participant,
    payer_for,
    report_attendance,
    request_placement,
)

JAN, FEB, MAR, APR = (dt.date(2025, m, 1) for m in (1, 2, 3, 4))


@pytest.fixture(autouse=True)
def _summer_2025():
    with time_machine.travel(dt.datetime(2025, 6, 20, 12, 0), tick=False):
        yield


def _placed(service, participant):
    p = request_placement(actor=None, participant=participant, service=service, start=dt.date(2025, 1, 15))
    return accept_placement(actor=None, placement=p)


def test_the_rules_are_data_with_a_default(db):
    rules = dict(PayerRule.objects.values_list("category", "rule"))
    assert rules[""] == PayerRule.Rule.OLD_TO_END_OF_MONTH
    assert rules["sfi"] == PayerRule.Rule.STARTED_STAYS


def test_the_old_municipality_pays_to_the_end_of_the_month_of_the_move(new_service, amina, org):
    service = new_service(category=Service.Category.LABOUR_MARKET)
    placement = _placed(service, amina)
    move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2025, 2, 10))
    for month in (JAN, FEB, MAR):
        report_attendance(actor=None, placement=placement, month=month, days_present=5)
        lock_month(month, by=None)
    payers = dict(Attendance.objects.values_list("month", "payer__code"))
    assert payers == {JAN: "0126", FEB: "0126", MAR: "0182"}


def test_a_course_already_started_stays_with_the_old_municipality(new_service, amina, org):
    course = new_service(category=Service.Category.SFI)
    placement = _placed(course, amina)
    move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2025, 2, 10))
    for month in (JAN, FEB, MAR):
        report_attendance(actor=None, placement=placement, month=month, days_present=5)
    for month in (JAN, FEB, MAR):
        lock_month(month, by=None)
    assert set(Attendance.objects.values_list("payer__code", flat=True)) == {"0126"}


def test_the_payer_is_fixed_when_the_month_is_locked(new_service, amina, org):
    """Reported before the move was known, the month is paid by the rule as it stands at locking."""
    service = new_service(category=Service.Category.HOUSING_SUPPORT)
    placement = _placed(service, amina)
    report_attendance(actor=None, placement=placement, month=MAR, days_present=5)
    assert Attendance.objects.get(month=MAR).payer.code == "0126"
    move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2025, 3, 20))
    lock_month(MAR, by=None)
    row = Attendance.objects.get(month=MAR)
    assert row.payer.code == "0182" and row.locked  # housing support: the new municipality from the move month


def test_a_rule_changed_in_the_data_changes_the_payer(new_service, amina, org):
    service = new_service(category=Service.Category.HEALTH)
    placement = _placed(service, amina)
    move_participant(actor=None, participant=amina, municipality=org("0182"), moved_on=dt.date(2025, 2, 10))
    PayerRule.objects.create(category=Service.Category.HEALTH, rule=PayerRule.Rule.NEW_FROM_MOVE_MONTH)
    placement.refresh_from_db()
    assert payer_for(placement, FEB) == org("0182").pk
    assert payer_for(placement, JAN) == org("0126").pk
