"""Record changes to a project's phases, milestones, gates, sign-offs and issues (who, when, what, old → new)."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from accounts.models import User
from core.extensions import db
from phases.models import AuditEntry


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def record(project_id: int, client_id: int, actor: User | None, entity: str, entity_id: int | None, label: str,
           action: str, changes: Mapping[str, tuple[Any, Any]] | None = None) -> None:
    """Add audit rows for a change (call inside the service's write transaction); unchanged fields are skipped."""
    rows = [(field, old, new) for field, (old, new) in (changes or {}).items() if _text(old) != _text(new)]
    if changes is not None and not rows:
        return
    for field, old, new in rows or [("", None, None)]:
        db.session.add(AuditEntry(
            project_id=project_id, client_id=client_id, user_id=actor.id if actor else None, entity=entity,
            entity_id=entity_id, entity_label=label[:200], action=action, field=field,
            old_value=_text(old), new_value=_text(new),
        ))


def apply_changes(record_object: Any, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set attributes on a record and return {field: (old, new)} for the audit trail."""
    changes = {}
    for field, value in values.items():
        changes[field] = (getattr(record_object, field), value)
        setattr(record_object, field, value)
    return changes
