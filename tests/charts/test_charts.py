"""Check the SVG charts: well-formed, CSP-safe, escaped, deterministic and laid out inside their viewBox."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from markupsafe import Markup

from charts.gaps import GapBar, gap_bars
from charts.heatmap import heatmap
from charts.palette import BRAND, FLAG, GAP, GRID, GRID_STRONG, HEAT_STOPS, OVERLAY_PALETTE, TARGET
from charts.radar import RadarSeries, radar_chart
from charts.svg import FONT_FAMILY
from charts.text import _wrap

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ("<script>alert(1)</script>", 'a & b "q"')

TEN_AXES = (
    "客户数据", "销售与营销流程", "客户服务与支持管理体系建设与持续优化", "Sales and marketing process", "数据治理",
    "系统集成与数据迁移", "Reporting and analytics dashboards for management", "组织与人员", "移动办公",
    "Customer relationship management strategy and governance",
)
TEN_VALUES = (3.2, 2.5, 4.1, 1.8, 3.0, None, 2.2, 4.6, 3.3, 2.7)


def parse(svg: Markup) -> ET.Element:
    return ET.fromstring(str(svg))


def elements(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(SVG + tag))


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in elements(root, "text")]


def ten_axis_radar() -> Markup:
    return radar_chart(TEN_AXES, [
        RadarSeries("当前水平", TEN_VALUES),
        RadarSeries("目标", tuple(4.0 for _ in TEN_AXES), "target"),
        RadarSeries("销售部", tuple(2.0 for _ in TEN_AXES), "overlay"),
        RadarSeries("Customer service department", tuple(3.5 for _ in TEN_AXES), "overlay"),
    ], title="成熟度")


CHARTS: dict[str, Callable[[], Markup]] = {
    "radar ten axes": ten_axis_radar,
    "radar no axes": lambda: radar_chart([], [RadarSeries("a", ())]),
    "radar one axis": lambda: radar_chart(["客户数据"], [RadarSeries("a", (3.0,))]),
    "radar two axes": lambda: radar_chart(["a", "b"], [RadarSeries("a", (3.0, 4.0)),
                                                       RadarSeries("t", (4.0, 4.0), "target")]),
    "radar no series": lambda: radar_chart(["a", "b", "c"], []),
    "radar all None": lambda: radar_chart(["a", "b", "c"], [RadarSeries("a", (None, None, None))]),
    "radar small": lambda: radar_chart(TEN_AXES, [RadarSeries("a", TEN_VALUES)], size=200),
    "bars ten": lambda: gap_bars([GapBar(axis, value, 4.0, flagged=index % 3 == 0)
                                  for index, (axis, value) in enumerate(zip(TEN_AXES, TEN_VALUES))]),
    "bars empty": lambda: gap_bars([]),
    "bars all None": lambda: gap_bars([GapBar("a", None, None), GapBar("b", None, None)]),
    "bars narrow": lambda: gap_bars([GapBar(TEN_AXES[2], 3.0, 4.0, flagged=True)], width=120),
    "heatmap 10x5": lambda: heatmap(TEN_AXES, ["销售部", "市场部", "Customer service", "财务与行政管理部", "IT"],
                                    [[None if (r + c) % 4 == 0 else 1 + (r + c) % 5 for c in range(5)]
                                     for r in range(10)]),
    "heatmap empty": lambda: heatmap([], [], []),
    "heatmap all None": lambda: heatmap(["a", "b"], ["x"], [[None], [None]]),
}


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_chart_is_a_single_accessible_svg(build: Callable[[], Markup]) -> None:
    svg = build()
    root = parse(svg)
    assert isinstance(svg, Markup)
    assert root.tag == SVG + "svg"
    assert str(svg).startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    width, height = int(root.get("width", "")), int(root.get("height", ""))
    assert width > 0 and height > 0
    assert root.get("viewBox") == f"0 0 {width} {height}"
    assert root.get("role") == "img"
    assert root.get("aria-label")
    assert root.get("font-family") == FONT_FAMILY
    title = root.find(SVG + "title")
    assert title is not None and title.text == root.get("aria-label")


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_chart_has_no_inline_style(build: Callable[[], Markup]) -> None:
    svg = str(build())
    assert "style=" not in svg
    assert "<style" not in svg
    assert all("style" not in node.attrib for node in parse(build()).iter())


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_chart_is_deterministic(build: Callable[[], Markup]) -> None:
    assert str(build()) == str(build())


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_text_anchors_lie_inside_the_viewbox(build: Callable[[], Markup]) -> None:
    root = parse(build())
    width, height = float(root.get("width", "")), float(root.get("height", ""))
    for node in elements(root, "text"):
        x, y = float(node.get("x", "")), float(node.get("y", ""))
        assert 0 <= x <= width and 10 <= y <= height, node.text


@pytest.mark.parametrize(
    "build",
    [
        lambda label: radar_chart([label, "b", "c"], [RadarSeries("s", (1, 2, 3))]),
        lambda label: radar_chart(["a", "b", "c"], [RadarSeries(label, (1, 2, 3))]),
        lambda label: gap_bars([GapBar(label, 2.0, 3.0)]),
        lambda label: heatmap([label], ["x"], [[2.0]]),
        lambda label: heatmap(["a"], [label], [[2.0]]),
        lambda label: heatmap(["a"], ["x"], [[None]], empty_label=label),
        lambda label: radar_chart([], [], title=label),
        lambda label: gap_bars([], title=label),
        lambda label: heatmap([], [], [], title=label),
    ],
    ids=["radar axis", "radar series", "gap bar", "heatmap row", "heatmap column", "heatmap empty label",
         "radar title", "gap bars title", "heatmap title"],
)
@pytest.mark.parametrize("label", HOSTILE)
def test_labels_are_escaped(build: Callable[[str], Markup], label: str) -> None:
    svg = str(build(label))
    root = parse(Markup(svg))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg or "a &amp; b &#34;q&#34;" in svg
    assert not elements(root, "script")
    # Long labels are wrapped on screen but survive whole, as text, in a title.
    assert any(label in (node.text or "") for node in root.iter() if node is not root)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("客户数据", ("客户数据",)),
        ("销售与营销流程", ("销售与营销流程",)),
        ("系统集成与数据迁移", ("系统集成与", "数据迁移")),  # balanced, not 8 + 1
        ("Sales and marketing process", ("Sales and", "marketing process")),
        ("客户服务与支持管理体系建设与持续优化", ("客户服务与支持管", "理体系建设与持…")),
        ("Customer relationship management strategy", ("Customer", "relationship mana…")),
        ("数据治理，质量与安全", ("数据治理，", "质量与安全")),  # the comma never starts a line
        ("  spaced   out  ", ("spaced out",)),
        ("", ()),
    ],
)
def test_labels_wrap_in_two_lines_at_most(text: str, lines: tuple[str, ...]) -> None:
    assert _wrap(text) == lines


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
    current = [p for p in elements(root, "polygon") if p.get("stroke") == BRAND][0]
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
    assert [n.text for n in elements(root, "text")][5:5 + len(axes)] == axes


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


def cells(root: ET.Element) -> list[ET.Element]:
    return [r for r in elements(root, "rect") if r.get("rx") == "2"]


@pytest.mark.parametrize(("rows", "columns"), [(1, 1), (3, 2), (10, 5), (2, 0), (0, 3)])
def test_heatmap_draws_a_cell_per_value(rows: int, columns: int) -> None:
    values = [[3.0] * columns for _ in range(rows)]
    root = parse(heatmap([f"r{r}" for r in range(rows)], [f"c{c}" for c in range(columns)], values))
    assert len(cells(root)) == rows * columns
    assert texts(root).count("3.0") == rows * columns


def test_heatmap_colours_run_from_red_to_green() -> None:
    root = parse(heatmap(["r"], ["low", "middle", "high", "below", "above"], [[1.0, 3.0, 5.0, -2.0, 9.0]]))
    assert [c.get("fill") for c in cells(root)] == [HEAT_STOPS[0], HEAT_STOPS[1], HEAT_STOPS[2], HEAT_STOPS[0],
                                                    HEAT_STOPS[2]]


def test_heatmap_empty_cells_show_the_empty_label() -> None:
    root = parse(heatmap(["a", "b"], ["x", "y"], [[None, 2.0], [None, None]], empty_label="n/a"))
    assert texts(root).count("n/a") == 3
    assert len({c.get("fill") for c in cells(root)}) == 2


def test_heatmap_formats_values() -> None:
    root = parse(heatmap(["a"], ["x"], [[0.456]], min_value=0.0, max_value=1.0, value_format="{:.0%}"))
    assert "46%" in texts(root)


def test_heatmap_text_contrasts_with_its_cell() -> None:
    root = parse(heatmap(["a"], ["x", "y"], [[1.0, 3.0]]))
    value_texts = [t for t in elements(root, "text") if t.text in ("1.0", "3.0")][:2]
    assert value_texts[0].get("fill") != value_texts[1].get("fill")


def test_heatmap_grows_with_rows_and_columns() -> None:
    def size(rows: int, columns: int) -> tuple[int, int]:
        root = parse(heatmap([str(r) for r in range(rows)], [str(c) for c in range(columns)],
                             [[2.0] * columns for _ in range(rows)]))
        return int(root.get("width", "")), int(root.get("height", ""))

    assert size(3, 8)[0] > size(3, 4)[0]
    assert size(8, 3)[1] > size(4, 3)[1]


@pytest.mark.parametrize(
    ("rows", "columns", "values", "min_value", "max_value"),
    [
        (["a"], ["x"], [], 1.0, 5.0),
        (["a"], ["x"], [[1.0, 2.0]], 1.0, 5.0),
        (["a"], ["x"], [[1.0]], 5.0, 5.0),
    ],
    ids=["missing row", "extra column", "no range"],
)
def test_heatmap_rejects_bad_input(rows: list[str], columns: list[str], values: list[list[float | None]],
                                   min_value: float, max_value: float) -> None:
    with pytest.raises(ValueError):
        heatmap(rows, columns, values, min_value=min_value, max_value=max_value)
