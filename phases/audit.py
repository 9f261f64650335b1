"""The audit trail: its model, how a change is recorded (who, when, what, old → new) and the names readers see."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from accounts.models import TenantOwned, User
from core.db import utcnow
from core.deletions import ensure_undoable
from core.extensions import db
from core.undo import Deletion, LoggedRow, latest_deletion, restored_values


class AuditEntry(TenantOwned, db.Model):
    """One recorded change: who changed what on which record, from which value to which."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    entity_label: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")

    user: Mapped[User | None] = relationship()


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


def record(
    project_id: int,
    client_id: int,
    actor: User | None,
    entity: str,
    entity_id: int | None,
    label: str,
    action: str,
    changes: Mapping[str, tuple[Any, Any]] | None = None,
) -> None:
    """Add audit rows for a change (call inside the service's write transaction); unchanged fields are skipped."""
    rows = [(field, old, new) for field, (old, new) in (changes or {}).items() if _text(old) != _text(new)]
    if changes is not None and not rows:
        return
    for field, old, new in rows or [("", None, None)]:
        db.session.add(
            AuditEntry(
                project_id=project_id,
                client_id=client_id,
                user_id=actor.id if actor else None,
                entity=entity,
                entity_id=entity_id,
                entity_label=label[:200],
                action=action,
                field=field,
                old_value=_text(old),
                new_value=_text(new),
            )
        )


def add_created(
    row: Any, actor: User | None, entity: str, label: str, changes: Mapping[str, tuple[Any, Any]] | None = None
) -> None:
    """Add a new record of a project and its "created" audit row (call inside the service's write transaction)."""
    db.session.add(row)
    db.session.flush()  # the audit row names the new record's id
    record(row.project_id, row.client_id, actor, entity, row.id, label, "created", changes)


def apply_changes(record_object: Any, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set attributes on a record and return {field: (old, new)} for the audit trail."""
    changes = {}
    for field, value in values.items():
        changes[field] = (getattr(record_object, field), value)
        setattr(record_object, field, value)
    return changes


def record_deleted(row: Any, actor: User | None, entity: str, label: str, fields: tuple[str, ...]) -> None:
    """Delete a record of a project and keep every field of it in "deleted" audit rows (inside the transaction)."""
    record(row.project_id, row.client_id, actor, entity, row.id, label, "deleted", snapshot(row, fields))
    db.session.delete(row)


def snapshot(row: Any, fields: tuple[str, ...]) -> dict[str, tuple[Any, None]]:
    """Return {field: (value, None)}: what a deletion writes to the audit trail, empty values left out."""
    return {field: (getattr(row, field), None) for field in fields}


def last_deletion(project_id: int, entity: str, entity_id: int) -> Deletion | None:
    """Return the latest deletion of a project's record that nothing has restored since, or None."""
    entries = db.session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.project_id == project_id,
            AuditEntry.entity == entity,
            AuditEntry.entity_id == entity_id,
            AuditEntry.action.in_(("deleted", "restored")),
        )
        .order_by(AuditEntry.id)
    ).all()
    return latest_deletion(
        [LoggedRow(e.action, e.field, e.old_value, e.at, e.entity_label, e.user_id) for e in entries]
    )


def deletion_or_404(project_id: int, entity: str, entity_id: int) -> Deletion:
    """Return the deletion an "Undo" button undoes, or answer 404 when the project has none left to undo."""
    deletion = last_deletion(project_id, entity, entity_id)
    if deletion is None:
        abort(404)
    return deletion


def stored_id(deletion: Deletion, field: str) -> int | None:
    """Return a user or record id a deletion kept (for checking who may undo it)."""
    text = deletion.values.get(field)
    return int(text) if text else None


def restore_deleted(
    model: type, project_id: int, client_id: int, entity: str, entity_id: int, deletion: Deletion, actor: User
) -> Any:
    """Put a deleted record back with its number and every field, and record "restored" (inside the transaction).

    Refused when the undo window has passed or the number is taken again; a person who has since left the site is
    dropped from the record, as the database does for records that stayed.
    """
    ensure_undoable(deletion, db.session.get(model, entity_id) is not None)
    values: dict[str, Any] = {"id": entity_id, "project_id": project_id, "client_id": client_id}
    columns = [column for column in model.__table__.columns if column.name not in values]  # type: ignore[attr-defined]
    values.update(restored_values(((c.name, c.type.python_type, c.nullable) for c in columns), deletion.values))
    people = [column.name for column in columns if any(key.column.table.name == "users" for key in column.foreign_keys)]
    named = {values[name] for name in people if values[name] is not None}
    present = set(db.session.scalars(select(User.id).where(User.id.in_(named)))) if named else set()
    values.update({name: None for name in people if values[name] not in present})
    row = model(**values)
    db.session.add(row)
    db.session.flush()
    record(project_id, client_id, actor, entity, entity_id, deletion.label, "restored")
    return row


@dataclass(frozen=True)
class AuditTerms:
    """The names a sub-feature gives to the records, actions and fields it writes to the audit trail."""

    entities: Mapping[str, LazyString]
    actions: Mapping[str, LazyString] = dataclass_field(default_factory=dict)
    fields: Mapping[str, LazyString] = dataclass_field(default_factory=dict)
    # Stored values of these (entity, field) pairs are enum values, shown with the enum's translated label.
    enum_fields: Mapping[tuple[str, str], type[Enum]] = dataclass_field(default_factory=dict)
    user_fields: frozenset[str] = frozenset()  # fields that store a user id, shown as the user's name
    # The model of each kind of record: its columns' types say how a stored value reads (a date, yes/no, an amount).
    models: Mapping[str, type] = dataclass_field(default_factory=dict)
    # A name that means something else on one kind of record ("reason" of a scope decision, not of a re-baseline).
    entity_fields: Mapping[tuple[str, str], LazyString] = dataclass_field(default_factory=dict)
    # Record names that follow the reader's language (template items): ids and a locale in, {id: name} out.
    namers: Mapping[str, Callable[[Collection[int], str], Mapping[int, str]]] = dataclass_field(default_factory=dict)


# Verbs every sub-feature uses; each sub-feature's labels module registers the rest.
_ENTITIES: dict[str, LazyString] = {}
_ACTIONS: dict[str, LazyString] = {
    "created": _l("created"),
    "updated": _l("changed"),
    "status": _l("status changed"),
    "closed": _l("closed"),
    "planned": _l("planned"),
    "removed": _l("removed"),
    "started": _l("started"),
    "deleted": _l("deleted"),
    "restored": _l("restored"),
}
_FIELDS: dict[str, LazyString] = {}
_ENUM_FIELDS: dict[tuple[str, str], type[Enum]] = {}
_USER_FIELDS: set[str] = set()
_MODELS: dict[str, type] = {}
_ENTITY_FIELDS: dict[tuple[str, str], LazyString] = {}
_NAMERS: dict[str, Callable[[Collection[int], str], Mapping[int, str]]] = {}


def register_terms(terms: AuditTerms) -> None:
    """Add a sub-feature's audit names (called once by its labels module)."""
    _ENTITIES.update(terms.entities)
    _ACTIONS.update(terms.actions)
    _FIELDS.update(terms.fields)
    _ENUM_FIELDS.update(terms.enum_fields)
    _USER_FIELDS.update(terms.user_fields)
    _MODELS.update(terms.models)
    _ENTITY_FIELDS.update(terms.entity_fields)
    _NAMERS.update(terms.namers)


def entity_name(entity: str) -> str:
    """Return the translated name of a kind of record (the key itself when unknown)."""
    return str(_ENTITIES.get(entity, entity))


def action_name(action: str) -> str:
    """Return the translated name of an audit action (the key itself when unknown)."""
    return str(_ACTIONS.get(action, action))


def field_name(entity: str, name: str) -> str:
    """Return the translated name of a changed field of a kind of record ("" for a row that names none)."""
    if not name:
        return ""
    return str(_ENTITY_FIELDS.get((entity, name)) or _FIELDS.get(name, name))


def has_field_name(entity: str, name: str) -> bool:
    """Return whether a field of a kind of record has a translated name."""
    return (entity, name) in _ENTITY_FIELDS or name in _FIELDS


def value_type(entity: str, name: str) -> type | None:
    """Return the Python type a field stores (an enum, date, datetime, bool, Decimal...), None when unknown."""
    kind = _ENUM_FIELDS.get((entity, name))
    if kind is not None:
        return kind
    model = _MODELS.get(entity)
    column = model.__table__.columns.get(name) if model is not None else None  # type: ignore[attr-defined]
    if column is None:
        return None
    if getattr(column.type, "enum_class", None) is not None:
        return column.type.enum_class  # type: ignore[no-any-return]
    try:
        return column.type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def audited_models() -> Mapping[str, type]:
    """Return the model of every kind of record the audit trail names."""
    return dict(_MODELS)


def record_names(entity: str, ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return the current names of records whose names follow the reader's language ({} for other kinds)."""
    namer = _NAMERS.get(entity)
    return namer(ids, locale) if namer is not None and ids else {}


def enum_of(entity: str, name: str) -> type[Enum] | None:
    """Return the enum whose values an (entity, field) pair stores, if any."""
    return _ENUM_FIELDS.get((entity, name))


def is_user_field(name: str) -> bool:
    """Return whether a field stores a user id."""
    return name in _USER_FIELDS
