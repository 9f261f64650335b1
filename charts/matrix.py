"""Draw the rollout matrix: units (grouped by region) × functions, each cell coloured by its rollout stage."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from charts.legend import _pack_rows
from charts.palette import EMPTY_CELL, MUTED, WHITE, _text_colour
from charts.svg import EDGE, FONT_SIZE, _n, _svg
from charts.text import LINE_HEIGHT, _block_width, _text_block, _text_width, _wrap

# Colours of a rollout cell's stage, from not started (grey) through pilot and rollout to live (green).
STAGE_COLOURS = {
    "not_started": EMPTY_CELL,
    "pilot": "#8e44ad",
    "template_ready": "#2e86c1",
    "rolling_out": "#f0ad4e",
    "live": "#5cb85c",
    "optimising": "#1e8449",
}
LATE = "#c0392b"
# A second carrier beside the colour (the two greens, and for readers who cannot tell the hues apart):
# each stage has its own symbol, drawn in the cell and in the legend; a late cell also gets an exclamation mark.
STAGE_SYMBOLS = {
    "not_started": "○",
    "pilot": "◇",
    "template_ready": "◆",
    "rolling_out": "◐",
    "live": "●",
    "optimising": "▲",
}
LATE_SYMBOL = "!"

_CELL_HEIGHT = 20
_CELL_GAP = 3
_GROUP_HEIGHT = LINE_HEIGHT + 8  # a region's heading above its units
_MIN_WIDTH = 320  # wide enough for the legend even when there are few functions


@dataclass(frozen=True)
class MatrixCell:
    """One unit × function cell: its stage key, whether it is late, a link and a tooltip."""

    stage: str
    late: bool = False
    href: str = ""
    title: str = ""


@dataclass(frozen=True)
class MatrixRow:
    """One unit of the matrix, under its group (region) heading."""

    label: str
    group: str
    cells: tuple[MatrixCell, ...]


def _symbol(symbol: str, x: float, top: float, fill: str, weight: str = "normal") -> str:
    """Write a stage or lateness symbol centred on x, vertically centred in a cell whose top is given."""
    return (
        f'<text x="{_n(x)}" y="{_n(top + _CELL_HEIGHT / 2 + 4)}" font-size="11" font-weight="{weight}" '
        f'text-anchor="middle" fill="{fill}" aria-hidden="true">{escape(symbol)}</text>'
    )


def _matrix_cell(cell: MatrixCell, left: float, top: float, column_width: float) -> str:
    """Draw a cell in its stage's colour and symbol, a late one outlined in red and marked "!", linked when it has an address."""
    inset = 1 if cell.late else 0  # the 2px outline is drawn inside the box, so late cells line up with the rest
    stroke = f' stroke="{LATE}" stroke-width="2"' if cell.late else ""
    tooltip = f"<title>{escape(cell.title)}</title>" if cell.title else ""
    fill = STAGE_COLOURS.get(cell.stage, EMPTY_CELL)
    rect = (
        f'<rect x="{_n(left + inset)}" y="{_n(top + inset)}" width="{_n(column_width - 2 * inset)}" '
        f'height="{_n(_CELL_HEIGHT - 2 * inset)}" rx="2" fill="{fill}"{stroke}>{tooltip}</rect>'
    )
    parts = [
        rect,
        _symbol(STAGE_SYMBOLS.get(cell.stage, ""), left + column_width / 2, top, _text_colour(fill)),
    ]
    if cell.late:
        parts.append(_symbol(LATE_SYMBOL, left + column_width - 9, top, _text_colour(fill), weight="700"))
    if cell.href:
        label = f' aria-label="{escape(cell.title)}"' if cell.title else ""
        return f'<a href="{escape(cell.href)}"{label}>{"".join(parts)}</a>'
    return "".join(parts)


def _matrix_rows(
    rows: Sequence[MatrixRow], labels: Sequence[tuple[str, ...]], grid_left: float, grid_top: float, column_width: float
) -> tuple[list[str], float]:
    """Draw each unit's label and cells, with a heading wherever the group changes; return them and the bottom."""
    elements = []
    y = grid_top
    group = None
    for lines, row in zip(labels, rows):
        if row.group != group:
            group = row.group
            elements.append(_text_block([group], EDGE, y + 4, weight="600", fill=MUTED))
            y += _GROUP_HEIGHT
        elements.append(
            _text_block(
                lines,
                grid_left - 8,
                y + (_CELL_HEIGHT - LINE_HEIGHT) / 2,
                anchor="end",
                font_size=11,
                full_text=row.label,
            )
        )
        for index, cell in enumerate(row.cells):
            elements.append(_matrix_cell(cell, grid_left + index * (column_width + _CELL_GAP), y, column_width))
        y += _CELL_HEIGHT + _CELL_GAP
    return elements, y


def _matrix_legend(
    legend: Sequence[tuple[str, str]], late_label: str, width: float, top: float
) -> tuple[list[str], float]:
    """Lay the stage swatches and the late outline out in left-aligned rows; return them and the bottom edge."""
    items = [*legend, ("late", late_label)]
    widths = [22 + _text_width(text, 11) for _key, text in items]
    rows = _pack_rows(widths, width - 2 * EDGE, 14)
    elements = []
    for row_index, row_items in enumerate(rows):
        x = EDGE
        row_top = top + row_index * (LINE_HEIGHT + 4)
        for item_index in row_items:
            key, text = items[item_index]
            if key == "late":
                swatch = (
                    f'<rect x="{_n(x + 1)}" y="{_n(row_top + 3)}" width="14" height="10" rx="2" fill="{WHITE}" '
                    f'stroke="{LATE}" stroke-width="2"/>'
                )
                symbol, ink, weight = LATE_SYMBOL, _text_colour(WHITE), "700"
            else:
                swatch = (
                    f'<rect x="{_n(x)}" y="{_n(row_top + 2)}" width="16" height="12" rx="2" '
                    f'fill="{STAGE_COLOURS[key]}"/>'
                )
                symbol, ink, weight = STAGE_SYMBOLS[key], _text_colour(STAGE_COLOURS[key]), "normal"
            elements.append(swatch)
            elements.append(
                f'<text x="{_n(x + 8)}" y="{_n(row_top + 12)}" font-size="9" font-weight="{weight}" '
                f'text-anchor="middle" fill="{ink}" aria-hidden="true">{escape(symbol)}</text>'
            )
            elements.append(_text_block([text], x + 20, row_top, font_size=11))
            x += widths[item_index] + 14
    return elements, top + len(rows) * (LINE_HEIGHT + 4)


def stage_matrix(
    columns: Sequence[str],
    rows: Sequence[MatrixRow],
    *,
    legend: Sequence[tuple[str, str]],
    late_label: str,
    title: str = "",
) -> Markup:
    """Render the rollout matrix: units (grouped by region) × functions, each cell coloured by its stage."""
    for index, row in enumerate(rows):
        if len(row.cells) != len(columns):
            raise ValueError(f"row {index} has {len(row.cells)} cells for {len(columns)} columns")
    headers = [_wrap(label, max_units=14) for label in columns]
    labels = [_wrap(row.label, max_units=24, max_lines=1) for row in rows]
    column_width = max(64.0, _block_width([line for lines in headers for line in lines]) + 10)
    label_width = max(
        _block_width([line for lines in labels for line in lines]), _block_width([row.group for row in rows], FONT_SIZE)
    )
    grid_left = EDGE + label_width + 10
    grid_top = EDGE + max((len(lines) for lines in headers), default=1) * LINE_HEIGHT + 6
    body = [
        _text_block(
            lines,
            grid_left + index * (column_width + _CELL_GAP) + column_width / 2,
            grid_top - 4 - len(lines) * LINE_HEIGHT,
            anchor="middle",
            weight="600",
            full_text=text,
        )
        for index, (lines, text) in enumerate(zip(headers, columns))
    ]
    row_elements, rows_bottom = _matrix_rows(rows, labels, grid_left, grid_top, column_width)
    body.extend(row_elements)
    width = grid_left + len(columns) * (column_width + _CELL_GAP) - _CELL_GAP + EDGE
    legend_elements, legend_bottom = _matrix_legend(legend, late_label, max(width, _MIN_WIDTH), rows_bottom + 10)
    body.extend(legend_elements)
    linked = any(cell.href for row in rows for cell in row.cells)
    return _svg(max(width, _MIN_WIDTH), legend_bottom + EDGE, title or "Rollout matrix", body, linked=linked)
