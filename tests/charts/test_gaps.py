"""Check the gap chart: score bars, shaded gaps, target markers, flags and row heights."""

from __future__ import annotations

import pytest

from charts.gaps import GapBar, gap_bars
from charts.palette import BRAND, FLAG, GAP, GRID, TARGET
from tests.charts.helpers import TEN_AXES, TEN_VALUES, elements, parse, texts


@pytest.mark.parametrize(
    ("bar", "shown", "gap_rects", "targets", "flags"),
    [
        (GapBar("a", 2.0, 4.0), "2.0 / 4.0", 1, 1, 0),
        (GapBar("a", 4.5, 4.0), "4.5 / 4.0", 0, 1, 0),
        (GapBar("a", None, 4.0), "– / 4.0", 0, 1, 0),
        (GapBar("a", 3.0, None), "3.0 / –", 0, 0, 0),
        (GapBar("a", None, None, flagged=True), "– / –", 0, 0, 1),
    ],
)
def test_gap_bar_row(bar: GapBar, shown: str, gap_rects: int, targets: int, flags: int) -> None:
    root = parse(gap_bars([bar]))
    assert shown in texts(root)
    assert len([r for r in elements(root, "rect") if r.get("fill") == GAP]) == gap_rects
    assert len([line for line in elements(root, "line") if line.get("stroke") == TARGET]) == targets
    assert len([c for c in elements(root, "circle") if c.get("fill") == FLAG]) == flags
    assert texts(root).count("!") == flags


def test_gap_bars_draw_one_row_per_bar_and_grid_per_integer() -> None:
    bars = [GapBar(axis, value, 4.0) for axis, value in zip(TEN_AXES, TEN_VALUES)]
    root = parse(gap_bars(bars))
    assert len([r for r in elements(root, "rect") if r.get("fill") == BRAND]) == 9
    assert len([line for line in elements(root, "line") if line.get("stroke") == TARGET]) == 10
    assert len([line for line in elements(root, "line") if line.get("stroke") == GRID]) == 6
    assert "– / 4.0" in texts(root)


def test_gap_bar_lengths_follow_scores() -> None:
    root = parse(gap_bars([GapBar("a", 1.0, None), GapBar("b", 4.0, None)]))
    short, long = (float(r.get("width", "")) for r in elements(root, "rect") if r.get("fill") == BRAND)
    assert long == pytest.approx(4 * short, abs=0.02)


def test_gap_bars_grow_with_rows() -> None:
    heights = [int(parse(gap_bars([GapBar(str(i), 3.0, 4.0) for i in range(n)])).get("height", "")) for n in (1, 5)]
    assert heights[0] < heights[1]
