from samverkan.lib.svgchart import bar_chart


def test_bars_are_scaled_to_the_largest_value_and_none_draws_nothing():
    chart = bar_chart(
        [("2023", [("a", 100, "A 2023"), ("b", 50, "B 2023")]), ("2024", [("a", 200, "A 2024"), ("b", None, "")])],
        width=300,
        height=130,
    )
    assert [b.title for b in chart.bars] == ["A 2023", "B 2023", "A 2024"]
    heights = {b.title: b.height for b in chart.bars}
    assert heights["A 2024"] == 92.0  # the whole plot: 130 - 10 - 28
    assert heights["A 2023"] == heights["A 2024"] / 2 == heights["B 2023"] * 2
    assert all(b.y + b.height == chart.baseline for b in chart.bars)
    assert [g.text for g in chart.group_labels] == ["2023", "2024"]
    assert chart.gridlines[-1].text == "200"


def test_an_empty_chart_has_no_bars():
    chart = bar_chart([])
    assert chart.bars == []
    assert chart.gridlines[0].text == "0"
