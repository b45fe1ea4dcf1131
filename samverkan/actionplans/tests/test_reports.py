import datetime as dt
from decimal import Decimal

import pytest

from samverkan.actionplans import services
from samverkan.actionplans.models import ClosedRoundError, Report
from samverkan.actionplans.services import ActionPlanError
from samverkan.audit.models import AuditEvent


def test_a_responsible_organisation_reports_value_status_progress_and_comment(small_plan, person):
    p = small_plan
    report = services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.homes_a,
        organisation=p.huddinge,
        value="45 %",
        status="on_track",
        progress=40,
        comment="Kartläggningen pågår.",
    )
    assert report.value == Decimal("45.00") and report.reported_by == person("hanna")
    assert AuditEvent.objects.filter(action="actionplans.report.submit", object_id=str(report.pk)).exists()
    services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.homes_a,
        organisation=p.huddinge,
        value="50",
        status="at_risk",
        progress=45,
    )
    assert Report.objects.filter(round=p.round, measure=p.homes_a).count() == 1
    assert AuditEvent.objects.filter(action="actionplans.report.correct").exists()


def test_a_value_in_the_wrong_unit_is_refused_in_swedish(small_plan, person):
    p = small_plan
    with pytest.raises(ActionPlanError) as refused:
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.homes_a,
            organisation=p.huddinge,
            value="45 dagar",
            status="on_track",
            progress=40,
        )
    assert "mäts i procent" in refused.value.message and refused.value.field == "value"
    assert not Report.objects.exists()


def test_an_implausible_value_is_refused_in_swedish(small_plan, person):
    p = small_plan
    with pytest.raises(ActionPlanError, match=r"inte rimligt.*mellan 0 och 100"):
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.homes_a,
            organisation=p.huddinge,
            value="450",
            status="on_track",
            progress=40,
        )
    with pytest.raises(ActionPlanError, match="inte ett tal"):
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.homes_a,
            organisation=p.huddinge,
            value="många",
            status="on_track",
            progress=40,
        )
    assert not Report.objects.exists()


def test_a_municipality_cannot_report_a_measure_it_is_not_responsible_for(small_plan, person):
    p = small_plan
    with pytest.raises(ActionPlanError, match="inte ansvarig"):
        services.submit_report(
            actor=person("britt"),
            round=p.round,
            measure=p.guidance,
            organisation=p.botkyrka,
            status="on_track",
            progress=10,
        )
    assert not Report.objects.exists()


def test_done_means_complete(small_plan, person):
    p = small_plan
    with pytest.raises(ActionPlanError, match="100 procent"):
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.guidance,
            organisation=p.huddinge,
            status="done",
            progress=90,
        )


def test_a_closed_round_is_immutable_in_the_service_and_in_the_model(small_plan, person):
    p = small_plan
    report = services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.guidance,
        organisation=p.huddinge,
        status="on_track",
        progress=30,
    )
    services.close_round(actor=person("cecilia"), round=p.round, closed_on=dt.date(2013, 6, 10))
    with pytest.raises(ActionPlanError, match="är stängd"):
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.guidance,
            organisation=p.huddinge,
            status="done",
            progress=100,
        )
    report.refresh_from_db()
    report.progress = 99
    with pytest.raises(ClosedRoundError):
        report.save()
    with pytest.raises(ClosedRoundError):
        report.delete()
    with pytest.raises(ClosedRoundError):
        Report.objects.filter(pk=report.pk).update(progress=1)
    round_ = type(p.round).objects.get(pk=p.round.pk)
    round_.title = "Ändrad"
    with pytest.raises(ClosedRoundError):
        round_.save()
    assert Report.objects.get(pk=report.pk).progress == 30


def test_a_new_round_keeps_the_history_of_the_closed_one(small_plan, person):
    p = small_plan
    services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.guidance,
        organisation=p.huddinge,
        status="on_track",
        progress=30,
    )
    with pytest.raises(ActionPlanError, match="redan en öppen"):
        services.open_round(
            actor=person("cecilia"),
            plan=p.plan,
            title="B",
            opened_on=dt.date(2013, 9, 1),
            deadline=dt.date(2013, 9, 30),
        )
    services.close_round(actor=person("cecilia"), round=p.round, closed_on=dt.date(2013, 6, 10))
    autumn = services.open_round(
        actor=person("cecilia"),
        plan=p.plan,
        title="Hösten",
        opened_on=dt.date(2013, 10, 1),
        deadline=dt.date(2013, 10, 31),
    )
    services.submit_report(
        actor=person("hanna"), round=autumn, measure=p.guidance, organisation=p.huddinge, status="at_risk", progress=35
    )
    assert list(
        Report.objects.filter(measure=p.guidance).order_by("round__opened_on").values_list("progress", flat=True)
    ) == [30, 35]


def test_reminders_list_who_has_not_reported_and_mail_their_coordinators(small_plan, person, mailoutbox):
    p = small_plan
    services.submit_report(
        actor=person("hanna"),
        round=p.round,
        measure=p.guidance,
        organisation=p.huddinge,
        status="on_track",
        progress=30,
    )
    missing = {org.code: [m.title for m in measures] for org, measures in services.missing_reports(p.round)}
    assert missing["0127"] == ["Kartlägga", "Avtal"]
    assert "Bostadsvägledning" not in missing["0126"] and "ksl" in missing
    sent = services.send_reminders(actor=person("cecilia"), round=p.round)
    recipients = sorted(r for m in mailoutbox for r in m.to)
    assert sent == len(mailoutbox) and "britt@demo.samverkan.example" in recipients
    assert any("Kartlägga" in m.body for m in mailoutbox)


def test_a_measure_with_children_is_followed_up_through_them(small_plan, person):
    p = small_plan
    with pytest.raises(ActionPlanError, match="följs upp genom sina delinsatser"):
        services.submit_report(
            actor=person("hanna"),
            round=p.round,
            measure=p.homes,
            organisation=p.huddinge,
            status="on_track",
            progress=10,
        )
