from django.test import override_settings

from samverkan.lib.suppression import is_small, suppress


def test_counts_from_one_to_four_are_suppressed_and_zero_and_five_are_not():
    assert [suppress(n) for n in (0, 1, 4, 5, 120)] == [0, None, None, 5, 120]
    assert not is_small(None)


@override_settings(SMALL_COUNT_THRESHOLD=3)
def test_the_threshold_comes_from_the_settings():
    assert suppress(3) == 3
    assert suppress(2) is None
