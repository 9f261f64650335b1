"""Lay a timeline's days onto its plot: the day-to-x scale, the month grid with its labels, and the time axis."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from charts.palette import GRID, GRID_STRONG, MUTED
from charts.svg import EDGE, _n
from charts.text import SMALL_FONT_SIZE, _text_width

_MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)  # label spacings in months, so long spans never crowd their labels

_MONTH_LABEL_Y = EDGE + 10  # baselines of the two header lines
_TODAY_LABEL_Y = EDGE + 24
_AXIS_Y = EDGE + 29


@dataclass(frozen=True)
class _TimeScale:
    """Map days onto the plot: every day from first to last is a column day_width wide, starting at left."""

    first: date
    last: date
    left: float
    day_width: float

    def x_of(self, day: date) -> float:
        """Return the left edge of the day."""
        return self.left + (day.toordinal() - self.first.toordinal()) * self.day_width

    def centre(self, day: date) -> float:
        """Return the middle of the day."""
        return self.x_of(day) + self.day_width / 2

    def end_of(self, day: date) -> float:
        """Return the right edge of the day."""
        return self.x_of(day) + self.day_width


def _month_starts(first: date, last: date) -> list[date]:
    """Return the first day of every month that starts within first..last."""
    start = first.year * 12 + first.month - 1 + (first.day != 1)
    end = last.year * 12 + last.month - 1
    return [date(index // 12, index % 12 + 1, 1) for index in range(start, end + 1)]


def _month_label_step(months: Sequence[date], month_width: float) -> int:
    """Return how many months apart the labels go: every month, or every few months as space allows."""
    label_width = _text_width("0000-00", SMALL_FONT_SIZE) + 3
    minimum_step = 3 if len(months) > 24 else 1
    return next((s for s in _MONTH_STEPS if s >= minimum_step and s * month_width >= label_width), _MONTH_STEPS[-1])


def _month_grid(scale: _TimeScale, width: float, rows_bottom: float) -> list[str]:
    """Draw a light line at every month start and label the months the label step picks."""
    months = _month_starts(scale.first, scale.last)
    month_width = 30.4 * scale.day_width
    step = _month_label_step(months, month_width)
    elements = []
    for month in months:
        x = scale.x_of(month)
        labelled = (month.year * 12 + month.month - 1) % step == 0
        if not labelled and month_width < 4:
            continue  # decades of months would turn the grid grey
        text = f"{month.year:04d}-{month.month:02d}"
        labelled = labelled and x + 3 + _text_width(text, SMALL_FONT_SIZE) <= width - EDGE
        # A labelled month's line rises through the header beside its label; the others start at the axis.
        elements.append(
            f'<line x1="{_n(x)}" y1="{_n(EDGE if labelled else _AXIS_Y)}" x2="{_n(x)}" y2="{_n(rows_bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        if labelled:
            elements.append(
                f'<text x="{_n(x + 3)}" y="{_n(_MONTH_LABEL_Y)}" font-size="{SMALL_FONT_SIZE}" '
                f'fill="{MUTED}">{text}</text>'
            )
    return elements


def _axis_lines(plot_left: float, width: float, rows_bottom: float) -> list[str]:
    """Draw the time axis above the rows and the rule that closes them below."""
    return [
        (
            f'<line x1="{_n(plot_left)}" y1="{_n(_AXIS_Y)}" x2="{_n(width - EDGE)}" y2="{_n(_AXIS_Y)}" '
            f'stroke="{GRID_STRONG}" stroke-width="1"/>'
        ),
        (
            f'<line x1="{EDGE}" y1="{_n(rows_bottom)}" x2="{_n(width - EDGE)}" y2="{_n(rows_bottom)}" '
            f'stroke="{GRID_STRONG}" stroke-width="1"/>'
        ),
    ]
