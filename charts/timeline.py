"""Draw a project timeline (Gantt): phases as planned and actual bars, milestones as diamonds, and a today line."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from charts.legend import _pack_rows
from charts.palette import BRAND, INK, WHITE
from charts.scale import _clamp
from charts.svg import EDGE, FONT_SIZE, _n, _svg
from charts.text import (
    LINE_HEIGHT,
    NO_VALUE,
    SMALL_FONT_SIZE,
    _block_width,
    _fit_lines,
    _text_block,
    _text_width,
    _wrap,
)
from charts.timescale import _AXIS_Y, _TODAY_LABEL_Y, _axis_lines, _month_grid, _TimeScale


@dataclass(frozen=True)
class GanttPhase:
    """One phase row of a timeline."""

    label: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None  # None while the phase runs: the actual bar then ends at `today`
    state: str = "not_started"  # not_started | active | run_optimise | closed


@dataclass(frozen=True)
class GanttMilestone:
    """One milestone row under its phase."""

    label: str
    phase: int  # index into the phases sequence it belongs to
    planned: date | None  # the current planned (due) date
    baseline: date | None  # the frozen baseline date, if any
    actual: date | None  # when it was done, if done
    rag: str = "on_track"  # done | overdue | behind | at_risk | on_track
    slip: str = ""  # the planned date against the baseline, in the reader's words ("31 days late")


PLANNED_FILL = "#d5e3e8"
PLANNED_STROKE = "#9bb7c1"
PHASE_COLOURS = {"not_started": BRAND, "active": BRAND, "run_optimise": "#f4d35e", "closed": "#5b8a97"}
RAG_COLOURS = {"done": "#2e7d32", "overdue": "#c62828", "behind": "#e67e22", "at_risk": "#b26a00", "on_track": BRAND}
# A symbol beside each milestone's diamond, so its status does not rest on the colour alone.
RAG_SYMBOLS = {"done": "✓", "overdue": "!", "behind": "▼", "at_risk": "△", "on_track": "→"}
BASELINE_STROKE = "#7f8c93"
TODAY_STROKE = "#c62828"
PHASE_BAND = "#f3f6f7"
GANTT_LEGEND = {
    "planned": "Planned",
    "actual": "Actual",
    "baseline": "Baseline",
    "today": "Today",
    "done": "Done",
    "overdue": "Overdue",
    "behind": "Behind",
    "at_risk": "At risk",
    "on_track": "On track",
}

GANTT_LABEL_COLUMN = 200  # the label column, left of the time axis
GANTT_MIN_PLOT = 240
GANTT_ROW = 22
GANTT_INDENT = 14  # milestone labels sit this far right of their phase's label
MILESTONE_FONT_SIZE = 11
DIAMOND = 6.0  # half the diagonal of a milestone diamond
BASELINE_DIAMOND = 4.5


@dataclass(frozen=True)
class _RowBox:
    """A timeline row with its fitted label lines and its place below the axis."""

    row: GanttPhase | GanttMilestone
    lines: tuple[str, ...]
    line_height: float
    top: float
    height: float


def _diamond(x: float, y: float, half: float, fill: str, stroke: str = "", stroke_width: float = 0.0) -> str:
    points = f"{_n(x)},{_n(y - half)} {_n(x + half)},{_n(y)} {_n(x)},{_n(y + half)} {_n(x - half)},{_n(y)}"
    outline = f' stroke="{stroke}" stroke-width="{_n(stroke_width)}"' if stroke else ""
    return f'<polygon points="{points}" fill="{fill}"{outline}/>'


def _gantt_range(phases: Sequence[GanttPhase], milestones: Sequence[GanttMilestone], today: date) -> tuple[date, date]:
    """Return the first and last day shown: every date given and today, with a few days either side."""
    dates = [
        day
        for phase in phases
        for day in (phase.planned_start, phase.planned_end, phase.actual_start, phase.actual_end)
        if day is not None
    ]
    dates += [
        day
        for milestone in milestones
        for day in (milestone.planned, milestone.baseline, milestone.actual)
        if day is not None
    ]
    if not dates:
        return today - timedelta(days=30), today + timedelta(days=30)
    first, last = min(*dates, today), max(*dates, today)
    span = (last - first).days
    pad = 3 + span // 60
    short = max(0, 14 - span - 2 * pad)  # a few days only: widen to two weeks
    return first - timedelta(days=pad + short // 2), last + timedelta(days=pad + short - short // 2)


def _gantt_legend_swatch(key: str, x: float, mid: float, swatch: float) -> list[str]:
    """Draw the legend's sample of one mark, as the rows draw it."""
    if key == "planned":
        return [
            (
                f'<rect x="{_n(x)}" y="{_n(mid - 2.5)}" width="{_n(swatch)}" height="5" fill="{PLANNED_FILL}" '
                f'stroke="{PLANNED_STROKE}" stroke-width="1"/>'
            )
        ]
    if key == "actual":
        return [f'<rect x="{_n(x)}" y="{_n(mid - 4.5)}" width="{_n(swatch)}" height="9" fill="{BRAND}"/>']
    if key == "baseline":
        return [
            (
                f'<line x1="{_n(x + BASELINE_DIAMOND)}" y1="{_n(mid)}" x2="{_n(x + swatch)}" y2="{_n(mid)}" '
                f'stroke="{BASELINE_STROKE}" stroke-width="1.2" stroke-dasharray="3 2"/>'
            ),
            _diamond(x + BASELINE_DIAMOND + 0.75, mid, BASELINE_DIAMOND, WHITE, BASELINE_STROKE, 1.5),
        ]
    if key == "today":
        return [
            (
                f'<line x1="{_n(x + swatch / 2)}" y1="{_n(mid - 7)}" x2="{_n(x + swatch / 2)}" y2="{_n(mid + 7)}" '
                f'stroke="{TODAY_STROKE}" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
        ]
    return [_diamond(x + DIAMOND, mid, DIAMOND, RAG_COLOURS[key]), _status_symbol(key, x + 2 * DIAMOND + 1, mid)]


def _status_symbol(rag: str, left: float, mid: float) -> str:
    """Write a milestone status's symbol starting at left, centred on the row's middle."""
    return (
        f'<text x="{_n(left)}" y="{_n(mid + 3.5)}" font-size="10" font-weight="600" fill="{INK}" '
        f'aria-hidden="true">{escape(RAG_SYMBOLS[rag])}</text>'
    )


def _gantt_legend_items(texts: Mapping[str, str], x0: float, right: float, top: float) -> tuple[list[str], float]:
    """Lay the legend out in left-aligned rows; return the elements and the legend's bottom edge."""
    spacing = 16
    swatch_widths = {"planned": 20.0, "actual": 20.0, "baseline": 22.0, "today": 8.0}
    entries = []
    for key in GANTT_LEGEND:
        name = _wrap(texts[key], max_units=28, max_lines=1)
        swatch = swatch_widths.get(key, 2 * DIAMOND + 12)  # a milestone's diamond and its symbol
        entries.append((key, name, swatch, swatch + 6 + _block_width(name)))
    rows = [
        [entries[index] for index in row] for row in _pack_rows([entry[3] for entry in entries], right - x0, spacing)
    ]
    elements = []
    for row_index, row in enumerate(rows):
        row_top = top + row_index * (LINE_HEIGHT + 6)
        mid = row_top + LINE_HEIGHT / 2
        x = x0
        for key, name, swatch, item_width in row:
            elements.extend(_gantt_legend_swatch(key, x, mid, swatch))
            elements.append(_text_block(name, x + swatch + 6, row_top, full_text=texts[key]))
            x += item_width + spacing
    return elements, top + len(rows) * (LINE_HEIGHT + 6) - 6


def _check_gantt_input(phases: Sequence[GanttPhase], milestones: Sequence[GanttMilestone]) -> None:
    for phase in phases:
        if phase.state not in PHASE_COLOURS:
            raise ValueError(f"unknown phase state {phase.state!r}; expected one of {sorted(PHASE_COLOURS)}")
    for milestone in milestones:
        if milestone.rag not in RAG_COLOURS:
            raise ValueError(f"unknown milestone rag {milestone.rag!r}; expected one of {sorted(RAG_COLOURS)}")


def _gantt_rows(
    phases: Sequence[GanttPhase], milestones: Sequence[GanttMilestone]
) -> list[GanttPhase | GanttMilestone]:
    """Order the rows: each phase followed by its milestones; milestones of no known phase come last."""
    grouped: list[list[GanttMilestone]] = [[] for _ in phases]
    orphans: list[GanttMilestone] = []
    for milestone in milestones:
        if 0 <= milestone.phase < len(phases):
            grouped[milestone.phase].append(milestone)
        else:
            orphans.append(milestone)
    rows: list[GanttPhase | GanttMilestone] = []
    for phase, own in zip(phases, grouped):
        rows.append(phase)
        rows.extend(own)
    rows.extend(orphans)
    return rows


def _row_boxes(rows: Sequence[GanttPhase | GanttMilestone]) -> tuple[list[_RowBox], float]:
    """Fit each row's label first and size the row to it; the rows then stack below the axis."""
    boxes = []
    top: float = _AXIS_Y
    for row in rows:
        if isinstance(row, GanttPhase):
            lines = _fit_lines(row.label, GANTT_LABEL_COLUMN - 10, FONT_SIZE, bold=True)
            line_height = 14.0
        else:
            lines = _fit_lines(row.label, GANTT_LABEL_COLUMN - GANTT_INDENT - 10, MILESTONE_FONT_SIZE)
            line_height = 13.0
        height = max(GANTT_ROW, len(lines) * line_height + 6)
        boxes.append(_RowBox(row, lines, line_height, top, height))
        top += height
    return boxes, max(top, _AXIS_Y + GANTT_ROW)


def _phase_bands(boxes: Sequence[_RowBox], width: float) -> list[str]:
    return [
        f'<rect x="{EDGE}" y="{_n(box.top)}" width="{_n(width - 2 * EDGE)}" height="{_n(box.height)}" '
        f'fill="{PHASE_BAND}"/>'
        for box in boxes
        if isinstance(box.row, GanttPhase)
    ]


# How a chart writes a date in its tooltips; the caller passes the reader's own date format.
DayText = Callable[[date], str]


def _span_text(start: date | None, end: date | None, day_text: DayText) -> str:
    return f"{day_text(start) if start else NO_VALUE} – {day_text(end) if end else NO_VALUE}"


def _phase_bars(
    phase: GanttPhase, mid: float, today: date, texts: Mapping[str, str], scale: _TimeScale, day_text: DayText
) -> list[str]:
    """Draw a phase's thin planned bar and, above it, its thicker actual bar; a phase with no dates gets none."""
    bars = []
    planned = [day for day in (phase.planned_start, phase.planned_end) if day is not None]
    if planned:
        left, right = scale.x_of(min(planned)), scale.end_of(max(planned))
        bars.append(
            f'<rect x="{_n(left)}" y="{_n(mid + 3)}" width="{_n(max(right - left, 2.0))}" height="5" '
            f'fill="{PLANNED_FILL}" stroke="{PLANNED_STROKE}" stroke-width="1"/>'
        )
    if phase.actual_start is not None:
        finish = phase.actual_end if phase.actual_end is not None else today
        left, right = scale.x_of(min(phase.actual_start, finish)), scale.end_of(max(phase.actual_start, finish))
        bars.append(
            f'<rect x="{_n(left)}" y="{_n(mid - 7)}" width="{_n(max(right - left, 2.0))}" height="9" '
            f'fill="{PHASE_COLOURS[phase.state]}"/>'
        )
    if not bars:
        return []
    tooltip = (
        f"{phase.label}\n{texts['planned']}: {_span_text(phase.planned_start, phase.planned_end, day_text)}\n"
        f"{texts['actual']}: {_span_text(phase.actual_start, phase.actual_end, day_text)}"
    )
    return [f"<g><title>{escape(tooltip)}</title>", *bars, "</g>"]


def _milestone_marks(
    milestone: GanttMilestone, mid: float, texts: Mapping[str, str], scale: _TimeScale, day_text: DayText
) -> list[str]:
    """Draw the slip from baseline to planned date, the hollow baseline diamond and the milestone's diamond."""
    marks = []
    slipped = milestone.baseline is not None and milestone.baseline != milestone.planned
    if slipped and milestone.baseline is not None:
        if milestone.planned is not None:
            marks.append(
                f'<line x1="{_n(scale.centre(milestone.baseline))}" y1="{_n(mid)}" '
                f'x2="{_n(scale.centre(milestone.planned))}" y2="{_n(mid)}" stroke="{BASELINE_STROKE}" '
                f'stroke-width="1.2" stroke-dasharray="3 2"/>'
            )
        marks.append(_diamond(scale.centre(milestone.baseline), mid, BASELINE_DIAMOND, WHITE, BASELINE_STROKE, 1.5))
    shown = milestone.actual if milestone.actual is not None else milestone.planned
    if shown is not None:
        marks.append(_diamond(scale.centre(shown), mid, DIAMOND, RAG_COLOURS[milestone.rag], WHITE, 1.0))
        marks.append(_status_symbol(milestone.rag, scale.centre(shown) + DIAMOND + 2, mid))
    if not marks:
        return []
    details = [texts[milestone.rag]]
    for key, day in (("planned", milestone.planned), ("baseline", milestone.baseline), ("actual", milestone.actual)):
        if day is not None:
            details.append(f"{texts[key]}: {day_text(day)}")
    if milestone.slip:
        details.append(milestone.slip)
    tooltip = f"{milestone.label}\n" + " · ".join(details)
    return [f"<g><title>{escape(tooltip)}</title>", *marks, "</g>"]


def _row_marks(box: _RowBox, today: date, texts: Mapping[str, str], scale: _TimeScale, day_text: DayText) -> list[str]:
    """Draw one row as a group: its label in the label column, then its bars or diamonds on the plot."""
    mid = box.top + box.height / 2
    label_top = mid - len(box.lines) * box.line_height / 2
    if isinstance(box.row, GanttPhase):
        label = _text_block(
            box.lines, EDGE + 2, label_top, line_height=box.line_height, weight="700", full_text=box.row.label
        )
        marks = _phase_bars(box.row, mid, today, texts, scale, day_text)
    else:
        label = _text_block(
            box.lines,
            EDGE + 2 + GANTT_INDENT,
            label_top,
            font_size=MILESTONE_FONT_SIZE,
            line_height=box.line_height,
            fill=INK,
            full_text=box.row.label,
        )
        marks = _milestone_marks(box.row, mid, texts, scale, day_text)
    return ["<g>", label, *marks, "</g>"]


def _today_marker(today: date, text: str, scale: _TimeScale, width: float, rows_bottom: float) -> list[str]:
    """Draw today as a dashed red line over every row, its label on a pale backing just above the axis."""
    today_x = scale.centre(today)
    text_width = _text_width(text, SMALL_FONT_SIZE)
    label_x = _clamp(today_x, scale.left + text_width / 2 + 2, width - EDGE - text_width / 2 - 2)
    return [
        (
            f'<rect x="{_n(label_x - text_width / 2 - 2)}" y="{_n(_TODAY_LABEL_Y - 9)}" width="{_n(text_width + 4)}" '
            f'height="12" fill="{WHITE}"/>'
        ),
        (
            f'<text x="{_n(label_x)}" y="{_n(_TODAY_LABEL_Y)}" text-anchor="middle" font-size="{SMALL_FONT_SIZE}" '
            f'fill="{TODAY_STROKE}">{escape(text)}</text>'
        ),
        (
            f'<line x1="{_n(today_x)}" y1="{_n(_TODAY_LABEL_Y + 3)}" x2="{_n(today_x)}" y2="{_n(rows_bottom)}" '
            f'stroke="{TODAY_STROKE}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        ),
    ]


def gantt_chart(
    phases: Sequence[GanttPhase],
    milestones: Sequence[GanttMilestone],
    *,
    today: date,
    legend: Mapping[str, str] | None = None,
    title: str = "",
    width: int = 960,
    day_text: DayText = date.isoformat,
) -> Markup:
    """Render a timeline: phases as bars, milestones as diamonds, baseline against actual, and a today line.

    Tooltips write their dates with `day_text` (ISO 8601 unless the caller passes the reader's format).
    """
    _check_gantt_input(phases, milestones)
    given = legend or {}
    texts = {key: str(given.get(key) or default) for key, default in GANTT_LEGEND.items()}
    width = max(width, EDGE + GANTT_LABEL_COLUMN + GANTT_MIN_PLOT + EDGE)
    plot_left, plot_right = EDGE + GANTT_LABEL_COLUMN, width - EDGE - 6
    first, last = _gantt_range(phases, milestones, today)
    scale = _TimeScale(first, last, plot_left, (plot_right - plot_left) / ((last - first).days + 1))
    boxes, rows_bottom = _row_boxes(_gantt_rows(phases, milestones))

    body = _phase_bands(boxes, width)
    body.extend(_month_grid(scale, width, rows_bottom))
    body.extend(_axis_lines(plot_left, width, rows_bottom))
    for box in boxes:
        body.extend(_row_marks(box, today, texts, scale, day_text))
    body.extend(_today_marker(today, texts["today"], scale, width, rows_bottom))
    legend_elements, bottom = _gantt_legend_items(texts, EDGE, width - EDGE, rows_bottom + 12)
    body.extend(legend_elements)
    return _svg(width, bottom + EDGE, title or "Timeline", body)
