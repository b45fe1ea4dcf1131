import datetime as dt

from samverkan.actionplans import followup
from samverkan.actionplans.generate import generate as generate_plans
from samverkan.actionplans.generate import plan_title
from samverkan.actionplans.models import ActionPlan, Report
from samverkan.core.generation import GenerateContext
from samverkan.governance.generate import generate as generate_governance
from samverkan.governance.models import Body, Membership


def _ctx(seed: int) -> GenerateContext:
    return GenerateContext(scale="smoke", seed=seed, today=dt.date(2014, 9, 1), county_code="01", quiet=True)


def test_the_generators_build_a_full_size_plan_once_and_deterministically(db):
    generate_governance(_ctx(7))
    generate_plans(_ctx(7))
    plan = ActionPlan.objects.get(title__startswith="[Genererad]")
    assert plan.title == plan_title(plan.county) and plan.adopted_by is not None
    first = sorted(
        Report.objects.filter(round__plan=plan).values_list("measure__title", "organisation__code", "progress")
    )
    assert plan.measures.count() == 6 * (8 + 2 * 3) and len(first) > 500
    assert Membership.objects.filter(body__name__startswith="[Genererad] Styrgrupp").count() == 2 * 26
    generate_governance(_ctx(7))
    generate_plans(_ctx(7))
    assert ActionPlan.objects.filter(title__startswith="[Genererad]").count() == 1
    assert Body.objects.filter(name__startswith="[Genererad]").count() == 2
    report = followup.build(plan.rounds.order_by("-opened_on").first(), dt.date(2014, 9, 1))
    assert report.missing and report.counts.get("on_track")
