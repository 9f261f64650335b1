"""Pure rules of target levels: the level a client aims for in each dimension lies on the maturity scale."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assess.questionnaire import LEVEL_COUNT

MIN_TARGET, MAX_TARGET = 1, LEVEL_COUNT
DEFAULT_TARGET = 3


def target_levels(dimension_keys: Sequence[str], wanted: Mapping[str, float]) -> dict[str, float]:
    """Return a target per dimension, in the dimensions' order: the wanted one, else the default."""
    return {key: float(wanted.get(key, DEFAULT_TARGET)) for key in dimension_keys}


def first_off_scale(targets: Mapping[str, float]) -> str | None:
    """Return the first dimension whose target lies off the scale, or None when every target is on it."""
    return next((key for key, value in targets.items() if not MIN_TARGET <= value <= MAX_TARGET), None)
