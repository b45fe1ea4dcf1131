from samverkan.actionplans import services
from samverkan.actionplans.models import MeasureDecision
from samverkan.governance import services as governance


def test_a_decision_creates_a_measure_and_the_measure_shows_it(small_plan):
    link = MeasureDecision.objects.get(measure=small_plan.homes)
    assert link.decision == small_plan.decision and link.kind == "created"
    assert link.changes["title"] == "Bostäder för nyanlända"


def test_a_later_decision_changes_a_measure_and_records_what_it_changed(small_plan, person):
    p = small_plan
    meeting = p.decision.meeting
    later = governance.record_decision(actor=person("cecilia"), meeting=meeting, text="Insatsen förlängs.")
    services.save_measure(
        actor=person("cecilia"),
        area=p.housing,
        measure=p.guidance,
        title="Bostadsvägledning",
        ends_on=p.plan.period_end,
        decision=later,
    )
    link = p.guidance.decision_links.get()
    assert link.kind == "changed" and list(link.changes) == ["ends_on"]
    assert [d.number for d in meeting.decisions.order_by("number")] == [1, 2]
    assert later.measure_links.get().measure == p.guidance
