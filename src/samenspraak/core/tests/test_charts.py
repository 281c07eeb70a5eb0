"""core.charts: where the bars of a horizontal bar chart go (shared by budgeting and surveys)."""

from samenspraak.core.charts import BarLayout, bar_places, shorten

LAYOUT = BarLayout(row_height=30, bar_height=20, label_width=200, bar_area=300, value_width=80)


def test_bars_are_scaled_to_the_largest_value_and_stacked():
    places = bar_places([10, 5, None, 0], LAYOUT)
    assert [p.width for p in places] == [300.0, 150.0, 0.0, 0.0]
    assert [p.y for p in places] == [6, 36, 66, 96]
    assert places[0].text_y == 6 + 20 - 5
    assert places[1].value_x == 200 + 8 + 150.0


def test_all_zero_or_no_values_draw_no_bar_and_keep_one_row_of_height():
    assert [p.width for p in bar_places([0, 0], LAYOUT)] == [0.0, 0.0]
    assert bar_places([], LAYOUT) == []
    assert LAYOUT.height(0) == LAYOUT.height(1) == 36
    assert LAYOUT.width == 580


def test_lengths_are_rounded_to_a_tenth():
    assert bar_places([3, 1], LAYOUT)[1].width == 100.0
    assert bar_places([7, 1], LAYOUT)[1].width == 42.9


def test_long_labels_are_cut_with_an_ellipsis():
    assert shorten("Kort", 10) == "Kort"
    assert shorten("Een heel lange naam", 10) == "Een heel …"
    assert len(shorten("x" * 50, 36)) == 36
