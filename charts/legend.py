"""Pack chart legend items into rows that fit the chart's width."""

from __future__ import annotations

from collections.abc import Sequence


def _pack_rows(widths: Sequence[float], available: float, spacing: float) -> list[list[int]]:
    """Split legend items (by width) into rows that fit `available`; return the item indices per row."""
    rows: list[list[int]] = [[]]
    row_width = 0.0
    for index, item_width in enumerate(widths):
        needed = item_width + (spacing if rows[-1] else 0)
        if rows[-1] and row_width + needed > available:
            rows.append([])
            row_width = 0.0
            needed = item_width
        rows[-1].append(index)
        row_width += needed
    return rows
