"""Check the SVG charts: well-formed, CSP-safe, escaped, deterministic and laid out inside their viewBox."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from markupsafe import Markup

from charts.gaps import GapBar, gap_bars
from charts.heatmap import heatmap
from charts.radar import RadarSeries, radar_chart
from charts.svg import FONT_FAMILY
from tests.charts.helpers import HOSTILE, SVG, TEN_AXES, TEN_VALUES, elements, parse, ten_axis_radar
from tests.charts.test_timeline import CHARTS as TIMELINE_CHARTS

CHARTS: dict[str, Callable[[], Markup]] = {
    "radar ten axes": ten_axis_radar,
    "radar no axes": lambda: radar_chart([], [RadarSeries("a", ())]),
    "radar one axis": lambda: radar_chart(["客户数据"], [RadarSeries("a", (3.0,))]),
    "radar two axes": lambda: radar_chart(
        ["a", "b"], [RadarSeries("a", (3.0, 4.0)), RadarSeries("t", (4.0, 4.0), "target")]
    ),
    "radar no series": lambda: radar_chart(["a", "b", "c"], []),
    "radar all None": lambda: radar_chart(["a", "b", "c"], [RadarSeries("a", (None, None, None))]),
    "radar small": lambda: radar_chart(TEN_AXES, [RadarSeries("a", TEN_VALUES)], size=200),
    "bars ten": lambda: gap_bars(
        [
            GapBar(axis, value, 4.0, flagged=index % 3 == 0)
            for index, (axis, value) in enumerate(zip(TEN_AXES, TEN_VALUES))
        ]
    ),
    "bars empty": lambda: gap_bars([]),
    "bars all None": lambda: gap_bars([GapBar("a", None, None), GapBar("b", None, None)]),
    "bars narrow": lambda: gap_bars([GapBar(TEN_AXES[2], 3.0, 4.0, flagged=True)], width=120),
    "heatmap 10x5": lambda: heatmap(
        TEN_AXES,
        ["销售部", "市场部", "Customer service", "财务与行政管理部", "IT"],
        [[None if (r + c) % 4 == 0 else 1 + (r + c) % 5 for c in range(5)] for r in range(10)],
    ),
    "heatmap empty": lambda: heatmap([], [], []),
    "heatmap all None": lambda: heatmap(["a", "b"], ["x"], [[None], [None]]),
    **{f"timeline {name}": build for name, build in TIMELINE_CHARTS.items()},
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
    ids=[
        "radar axis",
        "radar series",
        "gap bar",
        "heatmap row",
        "heatmap column",
        "heatmap empty label",
        "radar title",
        "gap bars title",
        "heatmap title",
    ],
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
