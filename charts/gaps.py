"""Draw a gap chart: a horizontal bar per score, its target marked and the gap between them shaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from charts.palette import BRAND, FLAG, GAP, GRID, MUTED, TARGET, TRACK, WHITE
from charts.scale import _clamp, _grid_levels
from charts.svg import EDGE, FONT_SIZE, _n, _svg
from charts.text import LINE_HEIGHT, NO_VALUE, SMALL_FONT_SIZE, _block_width, _text_block, _text_width, _wrap


@dataclass(frozen=True)
class GapBar:
    """One row of a gap chart: a score against its target."""

    label: str
    score: float | None
    target: float | None
    flagged: bool = False  # e.g. respondents disagree: shows a small warning marker


_BAR_HEIGHT = 14
_HEADER = SMALL_FONT_SIZE + 8  # room above the rows for the scale's numbers
_MIN_TRACK = 160


@dataclass(frozen=True)
class _Track:
    """The horizontal scale every bar shares: where 0 and max_value fall."""

    left: float
    right: float
    max_value: float

    def x_of(self, value: float) -> float:
        """Return the x of value on the track, clamped to its ends."""
        return self.left + (self.right - self.left) * _clamp(value, 0.0, self.max_value) / self.max_value


def _score_text(score: float | None, target: float | None) -> str:
    def shown(value: float | None) -> str:
        return NO_VALUE if value is None else f"{value:.1f}"

    return f"{shown(score)} / {shown(target)}"


def _track_background(track: _Track, bar_top: float) -> str:
    return (
        f'<rect x="{_n(track.left)}" y="{_n(bar_top)}" width="{_n(track.right - track.left)}" '
        f'height="{_BAR_HEIGHT}" fill="{TRACK}"/>'
    )


def _scale(track: _Track, grid_bottom: float) -> list[str]:
    """Draw a grid line down through the rows at every level, its number above the rows."""
    elements = []
    for level in _grid_levels(track.max_value):
        x = track.x_of(level)
        elements.append(
            f'<line x1="{_n(x)}" y1="{_n(_HEADER - 2)}" x2="{_n(x)}" y2="{_n(grid_bottom)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        elements.append(
            f'<text x="{_n(x)}" y="{_n(_HEADER - 6)}" text-anchor="middle" font-size="{SMALL_FONT_SIZE}" '
            f'fill="{MUTED}">{escape(_n(level))}</text>'
        )
    return elements


def _bar_marks(bar: GapBar, bar_top: float, track: _Track) -> list[str]:
    """Draw the score bar, the shaded gap up to the target and the target marker, as far as they are known."""
    marks = []
    if bar.score is not None and bar.score > 0:
        marks.append(
            f'<rect x="{_n(track.left)}" y="{_n(bar_top)}" width="{_n(track.x_of(bar.score) - track.left)}" '
            f'height="{_BAR_HEIGHT}" fill="{BRAND}"/>'
        )
    if bar.score is not None and bar.target is not None and bar.score < bar.target:
        start = track.x_of(bar.score)
        marks.append(
            f'<rect x="{_n(start)}" y="{_n(bar_top)}" width="{_n(track.x_of(bar.target) - start)}" '
            f'height="{_BAR_HEIGHT}" fill="{GAP}"/>'
        )
    if bar.target is not None:
        x = track.x_of(bar.target)
        marks.append(
            f'<line x1="{_n(x)}" y1="{_n(bar_top - 4)}" x2="{_n(x)}" y2="{_n(bar_top + _BAR_HEIGHT + 4)}" '
            f'stroke="{TARGET}" stroke-width="2.5"/>'
        )
    return marks


def _flag(x: float, middle: float) -> list[str]:
    return [
        f'<circle cx="{_n(x)}" cy="{_n(middle)}" r="8" fill="{FLAG}"/>',
        f'<text x="{_n(x)}" y="{_n(middle + 4.5)}" text-anchor="middle" font-weight="700" fill="{WHITE}">!</text>',
    ]


def _gap_row(
    bar: GapBar, lines: Sequence[str], value_text: str, middle: float, track: _Track, flag_x: float
) -> list[str]:
    """Draw one row as a group: label, bar marks, the score against the target, and the flag if raised."""
    row = [
        "<g>",
        _text_block(lines, track.left - 12, middle - len(lines) * LINE_HEIGHT / 2, anchor="end", full_text=bar.label),
        *_bar_marks(bar, middle - _BAR_HEIGHT / 2, track),
        f'<text x="{_n(track.right + 10)}" y="{_n(middle + FONT_SIZE * 0.36)}">{escape(value_text)}</text>',
    ]
    if bar.flagged:
        row.extend(_flag(flag_x, middle))
    row.append("</g>")
    return row


def gap_bars(bars: Sequence[GapBar], *, max_value: float = 5.0, title: str = "", width: int = 640) -> Markup:
    """Render horizontal bars of scores with target markers and the gap between them."""
    if max_value <= 0:
        raise ValueError("max_value must be positive")
    labels = [_wrap(bar.label) for bar in bars]
    value_texts = [_score_text(bar.score, bar.target) for bar in bars]
    value_width = max((_text_width(text, FONT_SIZE) for text in value_texts), default=0.0)
    flag_column = 22 if any(bar.flagged for bar in bars) else 0
    track_left = EDGE + _block_width([line for lines in labels for line in lines]) + 12
    width = max(width, track_left + _MIN_TRACK + 10 + value_width + flag_column + EDGE)
    track = _Track(track_left, width - EDGE - flag_column - value_width - 10, max_value)
    row_height = 2 * LINE_HEIGHT + 6 if any(len(lines) > 1 for lines in labels) else LINE_HEIGHT + 13
    grid_bottom = max(_HEADER + len(bars) * row_height, _HEADER + 4)  # the grid shows even without rows

    body = [
        _track_background(track, _HEADER + index * row_height + (row_height - _BAR_HEIGHT) / 2)
        for index in range(len(bars))
    ]
    body.extend(_scale(track, grid_bottom))
    for index, (bar, lines, value_text) in enumerate(zip(bars, labels, value_texts)):
        middle = _HEADER + index * row_height + row_height / 2
        body.extend(_gap_row(bar, lines, value_text, middle, track, width - EDGE - 8))
    return _svg(width, grid_bottom + EDGE, title or "Gap chart", body)
