"""Pure rules of undoing a deletion: until when it may be undone, and reading a deleted field's stored text back."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
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


@dataclass(frozen=True)
class LoggedRow:
    """One audit row of a record, as the undo rules read it."""

    action: str
    field: str
    old_value: str
    at: datetime
    label: str
    user_id: int | None


@dataclass(frozen=True)
class Deletion:
    """The latest deletion of a record, not undone since: when, by whom, and the stored text of each field."""

    at: datetime
    label: str
    user_id: int | None
    values: Mapping[str, str]


def latest_deletion(rows: Sequence[LoggedRow]) -> Deletion | None:
    """Return the last "deleted" rows of a record (oldest rows first) that no "restored" row follows, or None."""
    restored = [index for index, row in enumerate(rows) if row.action == "restored"]
    deleted = [row for row in rows[restored[-1] + 1 if restored else 0 :] if row.action == "deleted"]
    if not deleted:
        return None
    values = MappingProxyType({row.field: row.old_value for row in deleted if row.field})
    return Deletion(deleted[0].at, deleted[0].label, deleted[0].user_id, values)


def restored_values(columns: Iterable[tuple[str, type, bool]], texts: Mapping[str, str]) -> dict[str, Any]:
    """Return the typed value of each (name, type, nullable) column from a deletion's stored texts."""
    return {name: value_from_text(kind, texts.get(name), nullable) for name, kind, nullable in columns}
