"""Draw a heatmap: a table of rows × columns, each cell coloured from red (low) through amber to green (high)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from charts.palette import EMPTY_CELL, HEAT_STOPS, MUTED, _mix, _text_colour
from charts.scale import _clamp
from charts.svg import EDGE, FONT_SIZE, _n, _svg
from charts.text import LINE_HEIGHT, _block_width, _text_block, _text_width, _wrap

_CELL_GAP = 2
_LEGEND_STEPS = 5
_SWATCH_WIDTH = 26


@dataclass(frozen=True)
class _HeatGrid:
    """Where the grid of cells starts and how large each cell is."""

    left: float
    top: float
    column_width: float
    cell_height: float

    def column_left(self, index: int) -> float:
        """Return the left edge of the column at index."""
        return self.left + index * (self.column_width + _CELL_GAP)

    def row_top(self, index: int) -> float:
        """Return the top edge of the row at index."""
        return self.top + index * (self.cell_height + _CELL_GAP)


def _heat_colour(value: float, min_value: float, max_value: float) -> str:
    share = (_clamp(value, min_value, max_value) - min_value) / (max_value - min_value)
    if share <= 0.5:
        return _mix(HEAT_STOPS[0], HEAT_STOPS[1], share * 2)
    return _mix(HEAT_STOPS[1], HEAT_STOPS[2], share * 2 - 1)


def _check_heatmap_input(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    min_value: float,
    max_value: float,
) -> None:
    if max_value <= min_value:
        raise ValueError("max_value must be greater than min_value")
    if len(values) != len(row_labels):
        raise ValueError(f"{len(values)} rows of values for {len(row_labels)} row labels")
    for index, row in enumerate(values):
        if len(row) != len(column_labels):
            raise ValueError(f"row {index} has {len(row)} values for {len(column_labels)} columns")


def _heat_grid(
    rows: Sequence[Sequence[str]], columns: Sequence[Sequence[str]], cell_texts: Sequence[Sequence[str]]
) -> _HeatGrid:
    """Size the cells to the widest header or value and place the grid right of the row labels, below the headers."""
    widest_cell = max((_text_width(text, FONT_SIZE) for row in cell_texts for text in row), default=0.0)
    column_width = max(56.0, _block_width([line for lines in columns for line in lines]) + 10, widest_cell + 12)
    cell_height = 2 * LINE_HEIGHT + 4 if any(len(lines) > 1 for lines in rows) else 28
    label_width = _block_width([line for lines in rows for line in lines])
    header = max((len(lines) for lines in columns), default=0) * LINE_HEIGHT + 6
    return _HeatGrid(EDGE + label_width + (10 if rows else 0), EDGE + header, column_width, cell_height)


def _heat_cell(
    value: float | None, text: str, left: float, top: float, grid: _HeatGrid, min_value: float, max_value: float
) -> list[str]:
    """Draw a cell in its value's colour with the value written in whichever ink contrasts more."""
    if value is None:
        fill, ink = EMPTY_CELL, MUTED
    else:
        fill = _heat_colour(value, min_value, max_value)
        ink = _text_colour(fill)
    middle = top + grid.cell_height / 2
    return [
        (
            f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(grid.column_width)}" height="{_n(grid.cell_height)}" '
            f'rx="2" fill="{fill}"/>'
        ),
        (
            f'<text x="{_n(left + grid.column_width / 2)}" y="{_n(middle + FONT_SIZE * 0.36)}" '
            f'text-anchor="middle" fill="{ink}">{escape(text)}</text>'
        ),
    ]


def _heat_row(
    row_index: int,
    lines: Sequence[str],
    label: str,
    row_values: Sequence[float | None],
    row_texts: Sequence[str],
    grid: _HeatGrid,
    min_value: float,
    max_value: float,
) -> list[str]:
    """Draw one row as a group: its label right-aligned before the grid, then its cells."""
    top = grid.row_top(row_index)
    middle = top + grid.cell_height / 2
    row = [
        "<g>",
        _text_block(lines, grid.left - 10, middle - len(lines) * LINE_HEIGHT / 2, anchor="end", full_text=label),
    ]
    for column_index, (value, text) in enumerate(zip(row_values, row_texts)):
        row.extend(_heat_cell(value, text, grid.column_left(column_index), top, grid, min_value, max_value))
    row.append("</g>")
    return row


def _heat_legend(
    legend_values: Sequence[float],
    legend_texts: Sequence[str],
    left: float,
    top: float,
    min_value: float,
    max_value: float,
) -> list[str]:
    """Draw the colour scale as a strip of swatches, numbered at both ends."""
    elements = []
    for step, value in enumerate(legend_values):
        x = left + step * _SWATCH_WIDTH
        elements.append(
            f'<rect x="{_n(x)}" y="{_n(top)}" width="{_SWATCH_WIDTH}" height="8" '
            f'fill="{_heat_colour(value, min_value, max_value)}"/>'
        )
    for step in (0, _LEGEND_STEPS - 1):
        x = left + step * _SWATCH_WIDTH + _SWATCH_WIDTH / 2
        elements.append(
            f'<text x="{_n(x)}" y="{_n(top + 20)}" text-anchor="middle" font-size="9" '
            f'fill="{MUTED}">{escape(legend_texts[step])}</text>'
        )
    return elements


def heatmap(
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    min_value: float = 1.0,
    max_value: float = 5.0,
    title: str = "",
    value_format: str = "{:.1f}",
    empty_label: str = "–",
) -> Markup:
    """Render a table-like heatmap: rows × columns, each cell coloured by its value."""
    _check_heatmap_input(row_labels, column_labels, values, min_value, max_value)
    rows = [_wrap(label) for label in row_labels]
    columns = [_wrap(label, max_units=14) for label in column_labels]
    cell_texts = [[empty_label if value is None else value_format.format(value) for value in row] for row in values]
    grid = _heat_grid(rows, columns, cell_texts)
    legend_values = [min_value + (max_value - min_value) * step / (_LEGEND_STEPS - 1) for step in range(_LEGEND_STEPS)]
    legend_texts = [value_format.format(value) for value in legend_values]
    legend_width = _LEGEND_STEPS * _SWATCH_WIDTH + _text_width(legend_texts[-1], 9)
    width = max(grid.column_left(len(columns)) - _CELL_GAP, grid.left + legend_width) + EDGE

    body = [
        _text_block(
            lines,
            grid.column_left(index) + grid.column_width / 2,
            grid.top - 4 - len(lines) * LINE_HEIGHT,
            anchor="middle",
            weight="600",
            full_text=label,
        )
        for index, (lines, label) in enumerate(zip(columns, column_labels))
    ]
    for row_index, (lines, label, row_values, row_texts) in enumerate(zip(rows, row_labels, values, cell_texts)):
        body.extend(_heat_row(row_index, lines, label, row_values, row_texts, grid, min_value, max_value))
    legend_top = grid.row_top(len(rows)) + 8
    body.extend(_heat_legend(legend_values, legend_texts, grid.left, legend_top, min_value, max_value))
    return _svg(width, legend_top + 24 + EDGE, title or "Heatmap", body)
