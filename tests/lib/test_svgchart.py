import re

from samverkan.lib.svgchart import Point, bar_chart, line_chart


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


def test_a_line_chart_draws_each_known_value_with_baseline_and_target_and_escapes_its_texts():
    svg = str(
        line_chart(
            [Point("2013", 10.0), Point("2014", None), Point("2015 <höst>", 30.0)],
            title='Andel i arbete "totalt"',
            baseline=5,
            target=40,
            baseline_label="Utgångsläge",
            target_label="Mål",
        )
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'aria-label="Andel i arbete &quot;totalt&quot;"' in svg
    assert "2015 &lt;höst&gt;" in svg and "<höst>" not in svg
    assert svg.count('class="ap-chart__point"') == 2  # the missing value leaves a gap
    points = re.search(r'<polyline class="ap-chart__line" points="([^"]+)"', svg).group(1).split()
    (x1, y1), (x2, y2) = (tuple(map(float, p.split(","))) for p in points)
    assert x1 < x2 and y1 > y2  # 30 is drawn higher than 10
    assert "ap-chart__baseline" in svg and "ap-chart__target" in svg and ">Mål<" in svg


def test_a_line_chart_of_one_value_draws_no_line():
    svg = str(line_chart([Point("2013", 1.0)], title="En"))
    assert "<polyline" not in svg and svg.count("<circle") == 1
