"""The bar-chart geometry shared by the dashboards, the IKÖ profile and the partnership pages."""

from decimal import Decimal

from wirportal.core.charts import COMPACT, EUR, SCORE, WIDE, Chart, Series


def test_bars_scale_to_the_largest_value_and_leave_room_for_their_text():
    chart = Chart(
        ["2025", "2026"], [Series("Bewilligt", [Decimal("50000"), Decimal("25000")])], kind=EUR
    )
    first, second = (group.bars[0] for group in chart.groups)
    assert first.width == chart.width - WIDE.value_width
    assert second.width == first.width // 2
    assert first.label == "50.000,00 €"
    assert chart.groups[1].y > chart.groups[0].y + WIDE.bar
    assert chart.height > chart.groups[-1].y


def test_a_fixed_scale_keeps_scores_comparable_and_clamps_what_lies_beyond():
    chart = Chart(
        ["Leitbild"],
        [Series("2026", [Decimal("2")]), Series("2025", [5])],
        kind=SCORE,
        scale_max=4,
        style=COMPACT,
    )
    half, beyond = chart.groups[0].bars
    room = chart.width - COMPACT.value_width
    assert half.width == room // 2
    assert beyond.width == room
    assert half.label == "2,0"
    assert [colour for _name, colour in chart.legend] == [half.colour, beyond.colour]


def test_missing_and_zero_values_draw_a_hairline_and_a_dash():
    chart = Chart(["a", "b"], [Series("x", [None, 0])])
    bars = [group.bars[0] for group in chart.groups]
    assert [bar.width for bar in bars] == [1, 1]
    assert [bar.label for bar in bars] == ["–", "0"]
    assert Chart([], []).height == 40
