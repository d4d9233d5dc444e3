"""The bar geometry both server-drawn charts use."""

from enforcement.charts import stacked_bars


def test_bars_scale_to_the_tallest_and_stand_on_one_baseline():
    rows = [{"month": "a", "all": 10, "ok": 9}, {"month": "b", "all": 5, "ok": 0}]
    a, b = stacked_bars(
        rows, total=lambda r: r["all"], part=lambda r: r["ok"], height=100, left=30, step=50
    )
    assert (a["x"], b["x"]) == (30, 80)
    assert (a["total_h"], a["part_h"], b["total_h"], b["part_h"]) == (100, 90, 50, 0)
    assert a["total_y"] + a["total_h"] == b["total_y"] + b["total_h"] == 110  # the baseline
    assert a["part_y"] + a["part_h"] == 110 and a["month"] == "a"


def test_no_rows_or_only_zeros_draw_nothing_tall():
    assert stacked_bars([], total=len, part=len, height=100, left=0, step=10) == []
    (bar,) = stacked_bars(
        [{"n": 0}], total=lambda r: r["n"], part=lambda r: r["n"], height=100, left=0, step=10
    )
    assert bar["total_h"] == 0 and bar["total_y"] == 110
