"""Check the Gantt timeline: well-formed, CSP-safe, escaped, deterministic, and its marks where the dates say."""

from __future__ import annotations

import itertools
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from markupsafe import Markup

from charts.palette import WHITE
from charts.timeline import (
    BASELINE_STROKE,
    GANTT_LEGEND,
    PHASE_COLOURS,
    PLANNED_FILL,
    RAG_COLOURS,
    RAG_SYMBOLS,
    TODAY_STROKE,
    GanttMilestone,
    GanttPhase,
    gantt_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ("<script>alert(1)</script>", 'a & b "q"')
TODAY = date(2025, 5, 20)
RAGS = ("done", "overdue", "behind", "at_risk", "on_track")
STATES = ("closed", "run_optimise", "active", "not_started", "not_started")
PHASE_NAMES = ("评估", "采集", "过程", "流程", "协同")


def crm_project(milestones_per_phase: int = 6) -> tuple[list[GanttPhase], list[GanttMilestone]]:
    """Five phases of a CRM project with mixed rags, some slipped baselines, and today in the middle."""
    phases = []
    for index, (name, state) in enumerate(zip(PHASE_NAMES, STATES)):
        start = date(2025, 1, 6) + timedelta(days=index * 55)
        actual = start + timedelta(days=3) if state != "not_started" else None
        end = start + timedelta(days=60) if state == "closed" else None
        phases.append(GanttPhase(f"{name}阶段", start, start + timedelta(days=58), actual, end, state))
    milestones = []
    for index in range(len(phases) * milestones_per_phase):
        phase = index // milestones_per_phase
        planned = phases[phase].planned_start + timedelta(days=5 + (index % milestones_per_phase) * 8)
        baseline = planned - timedelta(days=10) if index % 4 == 1 else (planned if index % 4 == 2 else None)
        rag = RAGS[index % len(RAGS)]
        actual = planned + timedelta(days=2) if rag == "done" else None
        milestones.append(GanttMilestone(f"里程碑 {index}", phase, planned, baseline, actual, rag))
    return phases, milestones


def crm_chart() -> Markup:
    phases, milestones = crm_project()
    return gantt_chart(phases, milestones, today=TODAY, title="项目时间线")


def parse(svg: Markup) -> ET.Element:
    return ET.fromstring(str(svg))


def elements(root: ET.Element, tag: str) -> list[ET.Element]:
    return list(root.iter(SVG + tag))


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in elements(root, "text")]


def today_line(root: ET.Element) -> ET.Element:
    (line,) = [
        n
        for n in elements(root, "line")
        if n.get("stroke") == TODAY_STROKE
        and n.get("x1") == n.get("x2")
        and float(n.get("y2", "")) - float(n.get("y1", "")) > 14
    ]
    return line


def diamond_centre(polygon: ET.Element) -> tuple[float, float]:
    points = [tuple(float(v) for v in pair.split(",")) for pair in polygon.get("points", "").split()]
    assert len(points) == 4
    return points[0][0], points[1][1]


def chart_diamonds(root: ET.Element) -> list[ET.Element]:
    """Return the diamonds drawn in the rows, in row order; the legend's lie below the today line."""
    rows_bottom = float(today_line(root).get("y2", ""))
    return [p for p in elements(root, "polygon") if diamond_centre(p)[1] < rows_bottom]


def main_diamonds(root: ET.Element) -> list[ET.Element]:
    return [p for p in chart_diamonds(root) if p.get("fill") != WHITE]


def baseline_diamonds(root: ET.Element) -> list[ET.Element]:
    return [p for p in chart_diamonds(root) if p.get("fill") == WHITE and p.get("stroke") == BASELINE_STROKE]


def bars(root: ET.Element) -> list[ET.Element]:
    rows_bottom = float(today_line(root).get("y2", ""))
    colours = {PLANNED_FILL, *PHASE_COLOURS.values()}
    return [r for r in elements(root, "rect") if r.get("fill") in colours and float(r.get("y", "")) < rows_bottom]


CHARTS: dict[str, Callable[[], Markup]] = {
    "crm project": crm_chart,
    "empty": lambda: gantt_chart([], [], today=TODAY),
    "no dates": lambda: gantt_chart(
        [GanttPhase("p", None, None, None, None)], [GanttMilestone("m", 0, None, None, None)], today=TODAY
    ),
    "milestones only": lambda: gantt_chart([], [GanttMilestone("m", 3, date(2025, 6, 1), None, None)], today=TODAY),
    "long span": lambda: gantt_chart(
        [GanttPhase("p", date(2021, 1, 1), date(2026, 6, 30), date(2021, 2, 1), None, "active")], [], today=TODAY
    ),
    "narrow": lambda: gantt_chart(*crm_project(2), today=TODAY, width=200),
    "today far right": lambda: gantt_chart(
        [GanttPhase("p", date(2024, 1, 1), date(2024, 3, 1), None, None)], [], today=date(2025, 12, 31)
    ),
}


# Every case below also runs through the checks all charts share (tests/charts/test_charts.py): one accessible
# SVG, no inline style, deterministic, text inside the viewBox.
@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_gantt_sets_no_dominant_baseline(build: Callable[[], Markup]) -> None:
    assert "dominant-baseline" not in str(build())


@pytest.mark.parametrize("build", CHARTS.values(), ids=CHARTS.keys())
def test_gantt_marks_lie_inside_the_viewbox(build: Callable[[], Markup]) -> None:
    root = parse(build())
    width, height = float(root.get("width", "")), float(root.get("height", ""))
    for node in elements(root, "rect"):
        x, y = float(node.get("x", "")), float(node.get("y", ""))
        assert 0 <= x and x + float(node.get("width", "")) <= width
        assert 0 <= y and y + float(node.get("height", "")) <= height
    for node in elements(root, "polygon"):
        x, y = diamond_centre(node)
        assert 6 <= x <= width - 6 and 6 <= y <= height - 6


def test_the_default_title_names_the_chart() -> None:
    assert parse(gantt_chart([], [], today=TODAY)).get("aria-label") == "Timeline"
    assert parse(crm_chart()).get("aria-label") == "项目时间线"


@pytest.mark.parametrize(
    "build",
    [
        lambda label: gantt_chart([GanttPhase(label, date(2025, 1, 1), date(2025, 2, 1), None, None)], [], today=TODAY),
        lambda label: gantt_chart(
            [GanttPhase("p", None, None, None, None)],
            [GanttMilestone(label, 0, date(2025, 5, 1), date(2025, 4, 1), None)],
            today=TODAY,
        ),
        lambda label: gantt_chart([], [GanttMilestone(label, 7, None, None, None)], today=TODAY),
        lambda label: gantt_chart([], [], today=TODAY, legend={"overdue": label}),
        lambda label: gantt_chart([], [], today=TODAY, legend={"today": label}),
        lambda label: gantt_chart([], [], today=TODAY, title=label),
    ],
    ids=["phase", "milestone", "orphan milestone", "legend", "today label", "title"],
)
@pytest.mark.parametrize("label", HOSTILE)
def test_gantt_labels_are_escaped(build: Callable[[str], Markup], label: str) -> None:
    svg = str(build(label))
    root = parse(Markup(svg))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg or "a &amp; b &#34;q&#34;" in svg
    assert not elements(root, "script")
    assert any(label in (node.text or "") for node in root.iter() if node is not root)


def test_one_diamond_per_milestone_and_baselines_only_where_they_slipped() -> None:
    phases, milestones = crm_project()
    root = parse(gantt_chart(phases, milestones, today=TODAY))
    assert len(main_diamonds(root)) == len(milestones) == 30
    slipped = [m for m in milestones if m.baseline is not None and m.baseline != m.planned]
    assert 0 < len(slipped) < len([m for m in milestones if m.baseline is not None])
    assert len(baseline_diamonds(root)) == len(slipped)
    slips = [n for n in elements(root, "line") if n.get("stroke") == BASELINE_STROKE]
    assert len(slips) == len(slipped) + 1  # and one in the legend


def test_slip_runs_from_baseline_to_planned_date() -> None:
    milestone = GanttMilestone("m", 0, date(2025, 6, 10), date(2025, 5, 1), None, "behind")
    root = parse(gantt_chart([GanttPhase("p", None, None, None, None)], [milestone], today=TODAY))
    (baseline,) = baseline_diamonds(root)
    (main,) = main_diamonds(root)
    slip = next(n for n in elements(root, "line") if n.get("stroke") == BASELINE_STROKE)
    assert diamond_centre(baseline)[0] < diamond_centre(main)[0]
    assert float(slip.get("x1", "")) == diamond_centre(baseline)[0]
    assert float(slip.get("x2", "")) == diamond_centre(main)[0]
    assert slip.get("stroke-dasharray")


def test_diamonds_are_coloured_by_rag_and_overdue_is_red() -> None:
    phases, milestones = crm_project()
    diamonds = main_diamonds(parse(gantt_chart(phases, milestones, today=TODAY)))
    assert [d.get("fill") for d in diamonds] == [RAG_COLOURS[m.rag] for m in milestones]
    overdue = [d for d, m in zip(diamonds, milestones) if m.rag == "overdue"]
    assert overdue and all(d.get("fill") == "#c62828" for d in overdue)


def test_done_milestones_sit_at_their_actual_date() -> None:
    def x_of(milestone: GanttMilestone) -> float:
        chart = gantt_chart([], [milestone, GanttMilestone("anchor", 0, date(2025, 1, 1), None, None)], today=TODAY)
        return diamond_centre(main_diamonds(parse(chart))[0])[0]

    planned = GanttMilestone("m", 0, date(2025, 3, 1), None, None, "on_track")
    done = GanttMilestone("m", 0, date(2025, 3, 1), None, date(2025, 3, 20), "done")
    assert x_of(done) > x_of(planned)


def test_today_line_lies_between_dates_before_and_after_today() -> None:
    before = GanttMilestone("before", 0, TODAY - timedelta(days=3), None, None)
    after = GanttMilestone("after", 0, TODAY + timedelta(days=3), None, None)
    phase = GanttPhase("p", date(2024, 11, 1), date(2025, 9, 1), None, None)
    root = parse(gantt_chart([phase], [before, after], today=TODAY))
    line = today_line(root)
    x = float(line.get("x1", ""))
    left, right = (diamond_centre(d)[0] for d in main_diamonds(root))
    assert left < x < right
    assert x - left == pytest.approx(right - x, abs=0.02)
    assert line.get("stroke-dasharray")
    label = [n for n in elements(root, "text") if n.get("fill") == TODAY_STROKE]
    assert [n.text for n in label] == ["Today"] and float(label[0].get("y", "")) < float(line.get("y1", ""))


def test_today_line_crosses_every_row() -> None:
    root = parse(crm_chart())
    line = today_line(root)
    ys = [diamond_centre(d)[1] for d in main_diamonds(root)]
    assert float(line.get("y1", "")) < min(ys) and max(ys) < float(line.get("y2", ""))


def test_phase_bars_follow_dates_and_state() -> None:
    phases = [
        GanttPhase("closed", date(2025, 1, 1), date(2025, 2, 1), date(2025, 1, 5), date(2025, 2, 10), "closed"),
        GanttPhase("running", date(2025, 2, 1), date(2025, 6, 30), date(2025, 2, 5), None, "run_optimise"),
        GanttPhase("planned only", date(2025, 6, 1), date(2025, 8, 1), None, None),
    ]
    root = parse(gantt_chart(phases, [], today=TODAY))
    found = bars(root)
    planned = [r for r in found if r.get("fill") == PLANNED_FILL]
    actual = [r for r in found if r.get("fill") != PLANNED_FILL]
    assert len(planned) == 3
    assert [r.get("fill") for r in actual] == ["#5b8a97", "#f4d35e"]
    assert all(float(a.get("height", "")) > float(p.get("height", "")) for a in actual for p in planned)
    # A running phase's actual bar ends at today, as the today line does.
    running_end = float(actual[1].get("x", "")) + float(actual[1].get("width", ""))
    assert running_end == pytest.approx(float(today_line(root).get("x1", "")), abs=2.5)


def test_phases_without_dates_show_no_bar() -> None:
    phases = [GanttPhase("无日期", None, None, None, None), GanttPhase("x", None, None, None, None, "active")]
    root = parse(gantt_chart(phases, [], today=TODAY))
    assert bars(root) == []
    assert {"无日期", "x"} <= set(texts(root))


def test_empty_inputs_still_draw_axis_today_and_legend() -> None:
    root = parse(gantt_chart([], [], today=TODAY))
    assert main_diamonds(root) == [] and bars(root) == []
    assert "Today" in texts(root)
    assert {"2025-05", "2025-06"} <= set(texts(root))  # today ± 30 days


def test_without_dates_the_range_is_centred_on_today() -> None:
    root = parse(gantt_chart([], [], today=TODAY))
    axis = next(n for n in elements(root, "line") if n.get("y1") == n.get("y2"))
    left, right = float(axis.get("x1", "")), float(axis.get("x2", ""))
    assert float(today_line(root).get("x1", "")) == pytest.approx((left + right - 6) / 2, abs=1)


def test_rows_follow_phases_then_orphans() -> None:
    phases = [GanttPhase("P0", None, None, None, None), GanttPhase("P1", None, None, None, None)]
    milestones = [
        GanttMilestone("m1", 1, None, None, None),
        GanttMilestone("lost", 5, None, None, None),
        GanttMilestone("m0", 0, None, None, None),
        GanttMilestone("negative", -1, None, None, None),
    ]
    root = parse(gantt_chart(phases, milestones, today=TODAY))
    labels = [t for t in texts(root) if t in {"P0", "P1", "m0", "m1", "lost", "negative"}]
    assert labels == ["P0", "m0", "P1", "m1", "lost", "negative"]
    nodes = {n.text: n for n in elements(root, "text")}
    assert nodes["P0"].get("font-weight") == "700"
    assert nodes["m0"].get("font-size") == "11" and nodes["m0"].get("font-weight") is None
    assert float(nodes["m0"].get("x", "")) > float(nodes["P0"].get("x", ""))


def test_long_labels_wrap_and_keep_their_full_text() -> None:
    label = "客户服务与支持管理体系建设与持续优化以及客户关系管理战略治理和数据质量提升计划"
    root = parse(gantt_chart([GanttPhase(label, None, None, None, None)], [], today=TODAY))
    lines = [n.text or "" for n in elements(root, "text") if n.get("font-weight") == "700"]
    assert len(lines) == 2 and lines[0].startswith("客户") and lines[-1].endswith("…")
    assert all(len(line) < len(label) for line in lines)
    assert any(node.text == label for node in elements(root, "title"))


def test_month_labels() -> None:
    short = texts(parse(crm_chart()))
    assert ["2025-02", "2025-03", "2025-04"] == [t for t in short if t in ("2025-02", "2025-03", "2025-04")]
    long = parse(gantt_chart([GanttPhase("p", date(2023, 1, 1), date(2025, 6, 30), None, None)], [], today=TODAY))
    months = [t for t in texts(long) if len(t) == 7 and t[4] == "-"]
    assert months and all(int(t[5:]) % 3 == 1 for t in months)  # every third month: 01, 04, 07, 10
    xs = [float(n.get("x", "")) for n in elements(long, "text") if n.text in months]
    assert all(b - a > 40 for a, b in itertools.pairwise(xs))


def test_legend_uses_given_texts_and_falls_back_to_english() -> None:
    root = parse(gantt_chart([], [], today=TODAY, legend={"planned": "计划", "today": "今天", "done": ""}))
    shown = texts(root)
    assert "计划" in shown and "Planned" not in shown
    assert shown.count("今天") == 2  # legend and today line
    assert "Done" in shown  # an empty translation falls back
    assert {"Actual", "Baseline", "Overdue", "Behind", "At risk", "On track"} <= set(shown)
    assert len(GANTT_LEGEND) == 9


def test_height_grows_with_rows() -> None:
    def height(count: int) -> int:
        milestones = [GanttMilestone(str(i), 0, TODAY, None, None) for i in range(count)]
        return int(
            parse(gantt_chart([GanttPhase("p", None, None, None, None)], milestones, today=TODAY)).get("height", "")
        )

    assert height(0) < height(1) < height(10)
    assert height(10) - height(1) == pytest.approx(9 * 22, abs=1)


@pytest.mark.parametrize(
    ("phases", "milestones"),
    [
        ([GanttPhase("p", None, None, None, None, "bogus")], []),
        ([], [GanttMilestone("m", 0, None, None, None, "green")]),
    ],
    ids=["unknown state", "unknown rag"],
)
def test_gantt_rejects_unknown_states(phases: list[GanttPhase], milestones: list[GanttMilestone]) -> None:
    with pytest.raises(ValueError):
        gantt_chart(phases, milestones, today=TODAY)


def test_five_phases_and_forty_milestones_render_quickly() -> None:
    phases, milestones = crm_project(milestones_per_phase=8)
    assert len(phases) == 5 and len(milestones) == 40
    gantt_chart(phases, milestones, today=TODAY)  # warm up
    runs = 20
    started = time.perf_counter()
    for _ in range(runs):
        svg = gantt_chart(phases, milestones, today=TODAY)
    elapsed = (time.perf_counter() - started) / runs
    print(f"gantt 5 phases x 40 milestones: {elapsed * 1000:.2f} ms")
    assert elapsed < 0.2
    assert len(main_diamonds(parse(svg))) == 40


@pytest.mark.parametrize("rag", ["done", "overdue", "behind", "at_risk", "on_track"])
def test_a_milestone_status_has_a_symbol_beside_its_colour(rag: str) -> None:
    phase = GanttPhase("评估", TODAY - timedelta(days=30), TODAY + timedelta(days=30), None, None)
    milestone = GanttMilestone("资料清洗", 0, TODAY + timedelta(days=5), None, None, rag)
    written = [node.text for node in elements(parse(gantt_chart([phase], [milestone], today=TODAY)), "text")]
    assert written.count(RAG_SYMBOLS[rag]) == 2  # beside the milestone's diamond and in the legend


def test_every_milestone_status_has_its_own_symbol() -> None:
    assert set(RAG_SYMBOLS) == set(RAG_COLOURS) and len(set(RAG_SYMBOLS.values())) == len(RAG_SYMBOLS)
