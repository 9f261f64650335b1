"""Map values onto chart scales: clamp them to the plotted range and choose the grid levels."""

from __future__ import annotations

import math


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _grid_levels(max_value: float) -> list[float]:
    """Return the grid values from 0 to max_value: whole numbers up to 10, about five rings beyond."""
    step = 1.0
    if max_value > 10:
        raw = max_value / 5
        magnitude = 10 ** math.floor(math.log10(raw))
        step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    levels = [step * index for index in range(int(max_value / step + 1e-9) + 1)]
    if max_value - levels[-1] > 1e-9:
        levels.append(max_value)
    return levels
