import pytest

from samverkan.actionplans import services
from samverkan.actionplans.models import Area, Measure
from samverkan.actionplans.services import ActionPlanError
from samverkan.audit.models import AuditEvent


def _order(area):
    return list(Measure.objects.filter(area=area, parent=None).order_by("rank").values_list("title", flat=True))


def test_a_measure_moves_up_and_down_one_step(small_plan, person):
    p = small_plan
    version = Area.objects.get(pk=p.housing.pk).order_version
    services.move_measure(actor=person("cecilia"), measure=p.guidance, direction="up", expected_order_version=version)
    assert _order(p.housing) == ["Bostadsvägledning", "Bostäder för nyanlända"]
    assert AuditEvent.objects.filter(action="actionplans.measure.reorder").exists()
    services.move_measure(
        actor=person("cecilia"), measure=p.guidance, direction="down", expected_order_version=version + 1
    )
    assert _order(p.housing) == ["Bostäder för nyanlända", "Bostadsvägledning"]


def test_a_reorder_from_a_stale_page_is_refused_in_swedish_and_loses_nothing(small_plan, person):
    p = small_plan
    seen = Area.objects.get(pk=p.housing.pk).order_version
    # Cecilia and a colleague both look at the same order; the colleague moves first.
    services.move_measure(actor=person("cecilia"), measure=p.guidance, direction="up", expected_order_version=seen)
    with pytest.raises(ActionPlanError) as refused:
        services.move_measure(actor=person("cecilia"), measure=p.homes, direction="down", expected_order_version=seen)
    assert "Någon annan har ändrat prioritetsordningen" in refused.value.message
    assert _order(p.housing) == ["Bostadsvägledning", "Bostäder för nyanlända"]
    ranks = sorted(Measure.objects.filter(area=p.housing, parent=None).values_list("rank", flat=True))
    assert ranks == [1, 2]


def test_the_first_measure_cannot_move_up(small_plan, person):
    version = Area.objects.get(pk=small_plan.housing.pk).order_version
    with pytest.raises(ActionPlanError, match="redan först"):
        services.move_measure(
            actor=person("cecilia"), measure=small_plan.homes, direction="up", expected_order_version=version
        )


def test_a_whole_new_order_must_hold_every_sibling_once(small_plan, person):
    p = small_plan
    version = Area.objects.get(pk=p.housing.pk).order_version
    with pytest.raises(ActionPlanError, match="var och en en gång"):
        services.reorder_measures(
            actor=person("cecilia"),
            area=p.housing,
            parent=None,
            ordered_ids=[p.homes.pk],
            expected_order_version=version,
        )
    services.reorder_measures(
        actor=person("cecilia"),
        area=p.housing,
        parent=p.homes,
        ordered_ids=[p.homes_b.pk, p.homes_a.pk],
        expected_order_version=version,
    )
    assert list(p.homes.children.order_by("rank").values_list("title", flat=True)) == ["Avtal", "Kartlägga"]
