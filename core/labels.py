"""Translated labels for enum values, registered by each feature and shown by the `label` filter."""
from __future__ import annotations

import enum
from collections.abc import Mapping

from flask_babel.speaklater import LazyString

_LABELS: dict[enum.Enum, LazyString] = {}


def register_labels(labels: Mapping[enum.Enum, LazyString]) -> None:
    """Add translated labels for enum members."""
    _LABELS.update(labels)


def label(value: enum.Enum | None) -> str:
    """Return the translated label of an enum member ("" for None)."""
    if value is None:
        return ""
    found = _LABELS.get(value)
    return str(found) if found is not None else str(value.value)
