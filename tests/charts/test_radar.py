"""Check the radar chart: grid rings, one polygon per series, missing values, legend, palette and clamping."""

from __future__ import annotations

import pytest

from charts.palette import BRAND, GRID, GRID_STRONG, OVERLAY_PALETTE, TARGET
from charts.radar import RadarSeries, radar_chart
from tests.charts.helpers import elements, parse, ten_axis_radar, texts


def test_radar_draws_grid_rings_and_one_polygon_per_series() -> None:
    root = parse(ten_axis_radar())
    polygons = elements(root, "polygon")
    grid = [p for p in polygons if p.get("stroke") in (GRID, GRID_STRONG)]
    series = [p for p in polygons if p.get("stroke") not in (GRID, GRID_STRONG)]
    assert len(grid) == 5
    assert all(len(p.get("points", "").split()) == 10 for p in grid)
    assert [p.get("stroke") for p in series] == [BRAND, TARGET, OVERLAY_PALETTE[0], OVERLAY_PALETTE[1]]
    current, target = series[0], series[1]
    assert current.get("fill") == BRAND and 0 < float(current.get("fill-opacity", "")) < 1
    assert target.get("fill") == "none" and target.get("stroke-dasharray")
    assert {"1", "2", "3", "4", "5"} <= set(texts(root))


def test_radar_skips_missing_values() -> None:
    root = parse(ten_axis_radar())
    current_dots = [c for c in elements(root, "circle") if c.get("fill") == BRAND]
    current = next(p for p in elements(root, "polygon") if p.get("stroke") == BRAND)
    assert len(current_dots) == 9
    assert len(current.get("points", "").split()) == 9


def test_radar_legend_lists_every_series_in_order() -> None:
    labels = texts(parse(ten_axis_radar()))
    assert labels[-4:] == ["当前水平", "目标", "销售部", "Customer service department"]


@pytest.mark.parametrize(
    ("axes", "grid_tag"),
    [(["a"], "circle"), (["a", "b"], "circle"), (["a", "b", "c"], "polygon")],
)
def test_radar_with_few_axes_uses_circles(axes: list[str], grid_tag: str) -> None:
    root = parse(radar_chart(axes, [RadarSeries("s", tuple(3.0 for _ in axes))]))
    assert len([n for n in elements(root, grid_tag) if n.get("stroke") in (GRID, GRID_STRONG)]) == 5
    assert [n.text for n in elements(root, "text")][5 : 5 + len(axes)] == axes


@pytest.mark.parametrize(
    ("axes", "series", "max_value"),
    [
        (["a", "b", "c"], [RadarSeries("s", (1.0, 2.0))], 5.0),
        (["a", "b", "c"], [RadarSeries("s", (1.0, 2.0, 3.0), "bogus")], 5.0),
        (["a", "b", "c"], [], 0.0),
    ],
    ids=["values do not match axes", "unknown kind", "no range"],
)
def test_radar_rejects_bad_input(axes: list[str], series: list[RadarSeries], max_value: float) -> None:
    with pytest.raises(ValueError):
        radar_chart(axes, series, max_value=max_value)


def test_radar_palette_cycles_for_many_overlays() -> None:
    series = [RadarSeries(f"d{index}", (1.0, 2.0, 3.0), "overlay") for index in range(8)]
    strokes = [p.get("stroke") for p in elements(parse(radar_chart("abc", series)), "polygon")][5:]
    assert strokes == [*OVERLAY_PALETTE, *OVERLAY_PALETTE[:2]]


def test_radar_clamps_values_to_the_plot() -> None:
    inside = parse(radar_chart("abc", [RadarSeries("s", (5.0, 5.0, 5.0))]))
    beyond = parse(radar_chart("abc", [RadarSeries("s", (9.0, 7.0, 50.0))]))
    assert elements(inside, "polygon")[-1].get("points") == elements(beyond, "polygon")[-1].get("points")
