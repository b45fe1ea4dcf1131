"""The follow-up report, list pages and API lists cost the same number of queries at 10 rows as at 1,000."""

import datetime as dt
import itertools

from django.urls import reverse

from samverkan.actionplans.models import ActionPlan, Area, FollowUpRound, Measure, Report, SubGoal
from samverkan.core.query_budget import assert_queries_do_not_grow
from samverkan.organisations.models import County, Organisation

_serial = itertools.count(1)


def _grow_measures(p):
    """n measures with a sub-goal, both municipalities responsible and both reporting in the round."""

    def grow(count):
        start = 1000 + next(_serial) * 10_000
        measures = Measure.objects.bulk_create(
            Measure(plan=p.plan, area=p.children_area, rank=start + i, title=f"Insats {start + i}")
            for i in range(count)
        )
        SubGoal.objects.bulk_create(
            SubGoal(measure=m, indicator="Antal", unit="count", baseline=0, target=10, direction="increase")
            for m in measures
        )
        through = Measure.responsible.through
        through.objects.bulk_create(
            through(measure=m, organisation=o) for m in measures for o in (p.huddinge, p.botkyrka)
        )
        Report.objects.bulk_create(
            Report(round=p.round, measure=m, organisation=p.huddinge, value=3, status="on_track", progress=30)
            for m in measures
        )

    return grow


def test_the_follow_up_report_has_a_query_budget(small_plan, client_for):
    url = reverse("actionplans:followup_report", args=[small_plan.round.pk])
    assert_queries_do_not_grow(client_for("stefan"), url, _grow_measures(small_plan), budget=16, sizes=(10, 200))


def test_the_plan_and_round_pages_have_a_query_budget(small_plan, client_for):
    grow = _grow_measures(small_plan)
    plan_url = reverse("actionplans:plan_detail", args=[small_plan.plan.pk])
    assert_queries_do_not_grow(client_for("cecilia"), plan_url, grow, budget=16, sizes=(10, 300))
    round_url = reverse("actionplans:round_detail", args=[small_plan.round.pk])
    assert_queries_do_not_grow(client_for("hanna"), round_url, grow, budget=16, sizes=(10, 300))


def test_the_plan_list_and_api_lists_have_a_query_budget(small_plan, client_for):
    county = County.objects.get(code="01")

    def grow_plans(count):
        start = next(_serial) * 10_000
        ActionPlan.objects.bulk_create(
            ActionPlan(
                county=county,
                title=f"Plan {start + i}",
                period_start=dt.date(2013, 1, 1),
                period_end=dt.date(2013, 12, 31),
            )
            for i in range(count)
        )

    client = client_for("stefan")
    assert_queries_do_not_grow(client, reverse("actionplans:plan_list"), grow_plans, budget=10)
    assert_queries_do_not_grow(client, "/api/actionplans/plans/", grow_plans, budget=8)
    grow = _grow_measures(small_plan)
    assert_queries_do_not_grow(client, f"/api/actionplans/plans/{small_plan.plan.pk}/measures/", grow, budget=12)
    assert_queries_do_not_grow(client, f"/api/actionplans/rounds/{small_plan.round.pk}/reports/", grow, budget=10)
    assert_queries_do_not_grow(client, f"/api/actionplans/rounds/{small_plan.round.pk}/followup/", grow, budget=14)

    def grow_rounds(count):
        start = next(_serial) * 10_000
        plans = ActionPlan.objects.bulk_create(
            ActionPlan(
                county=county,
                title=f"P {start + i}",
                period_start=dt.date(2013, 1, 1),
                period_end=dt.date(2013, 12, 31),
            )
            for i in range(count)
        )
        FollowUpRound.objects.bulk_create(
            FollowUpRound(plan=pl, title="R", opened_on=dt.date(2013, 2, 1), deadline=dt.date(2013, 3, 1))
            for pl in plans
        )

    assert_queries_do_not_grow(client, "/api/actionplans/rounds/", grow_rounds, budget=8)
    assert Area.objects.exists() and Organisation.objects.exists()
