from samverkan.actionplans.followup import rollup, worst


def test_children_without_figures_do_not_drag_the_parent_down():
    assert rollup([(1, 40.0), (3, None)]) == 40.0


def test_progress_rolls_up_as_a_weighted_average():
    assert rollup([(1, 40.0), (3, 80.0)]) == 70.0


def test_no_figures_at_all_is_no_figure_rather_than_zero():
    assert rollup([(1, None), (2, None)]) is None
    assert rollup([]) is None


def test_a_parent_is_as_bad_as_its_worst_child():
    assert worst(["on_track", "off_track", "at_risk"]) == "off_track"
    assert worst(["done", "on_track"]) == "on_track"
    assert worst([None, None]) is None
