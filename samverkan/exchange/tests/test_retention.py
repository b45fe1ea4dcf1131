import datetime as dt

import pytest
import time_machine

from samverkan.audit.models import AuditEvent
from samverkan.exchange import retention
from samverkan.exchange.models import Attendance, Participant
from samverkan.exchange.services import end_placement, lock_month, report_attendance


@pytest.fixture(autouse=True)
def _only_exchanges_own_check(monkeypatch):
    """Settlement registers its check when installed; these tests are about exchange's side alone."""
    monkeypatch.setattr(retention, "_checks", [])


@pytest.fixture
def finished(placement):
    """Amina's placement ran January–February 2025 and both months are locked."""
    with time_machine.travel(dt.datetime(2025, 3, 5, 12, 0), tick=False):
        report_attendance(actor=None, placement=placement, month=dt.date(2025, 1, 1), days_present=10)
        report_attendance(actor=None, placement=placement, month=dt.date(2025, 2, 1), days_present=12)
        end_placement(actor=None, placement=placement, end=dt.date(2025, 2, 28))
    return placement


def test_personal_data_is_removed_after_the_retention_period(finished):
    person = finished.participant
    early = retention.erase_expired(today=dt.date(2026, 1, 1), months=24)
    assert person.code not in early.erased
    lock_month(dt.date(2025, 1, 1), by=None)
    lock_month(dt.date(2025, 2, 1), by=None)
    report = retention.erase_expired(today=dt.date(2027, 3, 1), months=24)
    assert person.code in report.erased
    person.refresh_from_db()
    assert person.erased_at is not None
    assert (person.first_name, person.last_name, person.identity_encrypted, person.identity_hash) == ("", "", "", None)
    assert person.birth_date is None and person.birth_year == 1990
    assert Attendance.objects.filter(placement=finished).count() == 2  # the accounts stay
    event = AuditEvent.objects.get(action="exchange.retention.erase")
    assert person.code in event.after["codes"]


def test_nothing_is_removed_before_every_month_is_locked(finished):
    lock_month(dt.date(2025, 1, 1), by=None)
    report = retention.erase_expired(today=dt.date(2027, 6, 1), months=24)
    assert finished.participant.code not in report.erased
    assert report.waiting_for_settlement >= 1


def test_a_registered_settled_check_must_also_agree(finished):
    lock_month(dt.date(2025, 1, 1), by=None)
    lock_month(dt.date(2025, 2, 1), by=None)

    def nothing_settled(participants):
        return []

    retention.register_settled_check(nothing_settled)
    try:
        report = retention.erase_expired(today=dt.date(2027, 6, 1), months=24)
    finally:
        retention.unregister_settled_check(nothing_settled)
    assert finished.participant.code not in report.erased
    assert Participant.objects.get(pk=finished.participant.pk).erased_at is None


def test_a_dry_run_changes_nothing(finished):
    lock_month(dt.date(2025, 1, 1), by=None)
    lock_month(dt.date(2025, 2, 1), by=None)
    report = retention.erase_expired(today=dt.date(2027, 6, 1), months=24, dry_run=True)
    assert finished.participant.code in report.erased
    assert Participant.objects.get(pk=finished.participant.pk).erased_at is None


def test_a_person_with_a_running_placement_is_kept(placement):
    report = retention.erase_expired(today=dt.date(2030, 1, 1), months=24)
    assert placement.participant.code not in report.erased


def test_the_gdpr_export_holds_everything_and_is_audited(finished, person):
    data = retention.export_personal_data(actor=person("anna"), participant=finished.participant)
    assert data["first_name"] == "Amina" and len(data["identity_number"]) == 13
    assert data["placements"][0]["service"] == "Sfi för yrkesförare"
    assert [a["month"] for a in data["placements"][0]["attendance"]] == ["2025-01", "2025-02"]
    assert AuditEvent.objects.filter(action="read.gdpr_export", actor=person("anna")).exists()


def test_the_scheduled_command_reports_and_is_audited(finished):
    from io import StringIO

    from django.core.management import call_command

    lock_month(dt.date(2025, 1, 1), by=None)
    lock_month(dt.date(2025, 2, 1), by=None)
    out = StringIO()
    with time_machine.travel(dt.datetime(2027, 6, 1, 3, 0), tick=False):
        call_command("gallra", "--dry-run", stdout=out)
        assert "Skulle gallra 1 deltagare" in out.getvalue()
        assert Participant.objects.get(pk=finished.participant.pk).erased_at is None
        out = StringIO()
        call_command("gallra", stdout=out)
    assert "Gallrade 1 deltagare" in out.getvalue() and finished.participant.code in out.getvalue()
    assert "Amina" not in out.getvalue()
    assert Participant.objects.get(pk=finished.participant.pk).erased_at is not None
    assert AuditEvent.objects.filter(action="exchange.retention.erase").count() == 1
