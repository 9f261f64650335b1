"""Pure rules of undoing a deletion: until when it may be undone, and reading a deleted field's stored text back."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

# Long enough to notice a slip and click "Undo"; short enough that nobody restores into a list that moved on.
UNDO_WINDOW = timedelta(minutes=30)


class UndoRefusal(enum.StrEnum):
    """Why a deleted record cannot come back."""

    TOO_LATE = "too_late"  # the undo window has passed
    CLASH = "clash"  # a record with the same number exists again


def undo_refusal(deleted_at: datetime, now: datetime, number_taken: bool) -> UndoRefusal | None:
    """Return why a deletion made at `deleted_at` cannot be undone at `now`, or None when it can."""
    if now - deleted_at > UNDO_WINDOW:
        return UndoRefusal.TOO_LATE
    if number_taken:
        return UndoRefusal.CLASH
    return None


def value_from_text(python_type: type, text: str | None, nullable: bool) -> Any:
    """Return a field's value from the text the audit trail stored (None when it stored none and the field allows it).

    An empty field is not written to the audit trail, so a missing text is None, or the type's empty value ("", 0)
    for a field that cannot be empty.
    """
    if text is None or (text == "" and python_type is not str):
        return None if nullable else python_type()
    if python_type is bool:
        return text == "True"
    if python_type in (date, datetime):
        return python_type.fromisoformat(text)
    if python_type is Decimal:
        return Decimal(text)
    return python_type(text)  # str, int and the enums of states, from their stored value
