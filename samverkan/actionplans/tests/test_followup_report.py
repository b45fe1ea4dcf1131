import datetime as dt

from samverkan.actionplans import followup, services


def _report(person, p, user, measure, org, status, progress, value=None, round_=None):
    return services.submit_report(
        actor=person(user),
        round=round_ or p.round,
        measure=measure,
        organisation=org,
        status=status,
        progress=progress,
        value=value,
    )


def test_the_report_shows_status_progress_missing_reports_and_rolls_children_up(small_plan, person):
    p = small_plan
    _report(person, p, "hanna", p.homes_a, p.huddinge, "on_track", 40, "40")
    _report(person, p, "britt", p.homes_a, p.botkyrka, "at_risk", 20, "60")
    _report(person, p, "hanna", p.guidance, p.huddinge, "off_track", 10)
    report = followup.build(p.round, dt.date(2013, 5, 20))
    housing = report.areas[0]
    homes = housing.rows[0]
    # Kartlägga: mean of 40 and 20 = 30; Avtal (weight 3) has no figures and does not drag it down.
    assert homes.children[0].progress == 30 and homes.children[1].progress is None
    assert homes.progress == 30 and homes.status == "at_risk"
    assert homes.children[0].value == 50  # the mean of the two percentages
    assert housing.rows[1].status == "off_track"
    missing = {org.code: [m.title for m in ms] for org, ms in report.missing}
    assert missing["0127"] == ["Avtal"]
    assert report.counts["off_track"] == 1 and report.counts["none"] == 2 and report.counts["at_risk"] == 2
    assert [d.text for d in report.decisions] == ["Handlingsplanen antas."]


def test_progress_is_followed_over_the_rounds_and_decisions_are_those_since_the_last(small_plan, person):
    p = small_plan
    _report(person, p, "cecilia", p.guardians, p.guardians.responsible.get(), "on_track", 20, "40")
    services.close_round(actor=person("cecilia"), round=p.round, closed_on=dt.date(2013, 6, 1))
    autumn = services.open_round(
        actor=person("cecilia"),
        plan=p.plan,
        title="Hösten 2013",
        opened_on=dt.date(2013, 10, 1),
        deadline=dt.date(2013, 10, 31),
    )
    _report(person, p, "cecilia", p.guardians, p.guardians.responsible.get(), "on_track", 60, "120", round_=autumn)
    report = followup.build(autumn, dt.date(2013, 10, 20))
    guardians = report.areas[1].rows[0]
    assert [(f.value, f.progress) for f in guardians.series] == [(40, 20), (120, 60)]
    assert report.decisions == []  # the adoption in March came before the spring round
    svg = str(guardians.chart())
    assert svg.startswith("<svg") and "<title>" in svg and "polyline" in svg


def test_the_report_is_built_with_a_fixed_number_of_queries(small_plan, django_assert_num_queries):
    with django_assert_num_queries(8):
        followup.build(small_plan.round, dt.date(2013, 5, 20))
