"""Read model of a project's audit trail: translated names, people instead of ids, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from core.labels import label
from phases import audit
from phases.audit import AuditEntry
from phases.projects.methodology import phase_name
from phases.projects.models import Project

AUDIT_PAGE_SIZE = 100
_PHASE_ENTITIES = {"phase", "signoff"}  # their audit label is the phase key


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as a reader sees it: translated names, people's names instead of ids."""

    at: datetime
    user_name: str
    entity: str
    entity_label: str
    action: str
    field: str
    old_value: str
    new_value: str


@dataclass(frozen=True)
class AuditPage:
    """One page of a project's audit trail."""

    rows: list[AuditRow]
    page: int
    has_next: bool
    entities: list[tuple[str, str]]  # (key, translated name) of the records the trail names, for the filter


def _audit_rows(project: Project, found: list[tuple[AuditEntry, str | None]], locale: str) -> list[AuditRow]:
    user_ids = {
        int(value)
        for entry, _name in found
        if audit.is_user_field(entry.field)
        for value in (entry.old_value, entry.new_value)
        if value.isdigit()
    }
    user_names: dict[int, str] = {}
    if user_ids:  # one look-up for every owner and reviewer named on the page
        user_names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())
    phases = {str(phase.id): phase_name(project.methodology, phase.key, locale) for phase in project.phases}

    def shown(entry: AuditEntry, value: str) -> str:
        kind = audit.enum_of(entry.entity, entry.field)
        if kind is not None and value in {member.value for member in kind}:
            return label(kind(value))
        if audit.is_user_field(entry.field) and value.isdigit():
            return user_names.get(int(value), value)
        if entry.field == "phase_id" and value:
            return phases.get(value, value)
        return value

    return [
        AuditRow(
            at=entry.at,
            user_name=name or "—",
            entity=audit.entity_name(entry.entity),
            entity_label=phase_name(project.methodology, entry.entity_label, locale)
            if entry.entity in _PHASE_ENTITIES
            else entry.entity_label,
            action=audit.action_name(entry.action),
            field=audit.field_name(entry.field),
            old_value=shown(entry, entry.old_value),
            new_value=shown(entry, entry.new_value),
        )
        for entry, name in found
    ]


def audit_page(project: Project, entity: str | None, page: int, locale: str) -> AuditPage:
    """Return one page of a project's audit trail, newest first, optionally of one kind of record."""
    page = max(page, 1)
    statement = (
        select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.project_id == project.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE + 1)  # one more tells whether a next page exists
    )
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    found = [(entry, name) for entry, name in db.session.execute(statement).all()]
    entities = [
        (key, audit.entity_name(key))
        for key in db.session.scalars(
            select(AuditEntry.entity).where(AuditEntry.project_id == project.id).distinct().order_by(AuditEntry.entity)
        )
    ]
    return AuditPage(
        rows=_audit_rows(project, found[:AUDIT_PAGE_SIZE], locale),
        page=page,
        has_next=len(found) > AUDIT_PAGE_SIZE,
        entities=entities,
    )


def record_history(project: Project, entity: str, entity_id: int, locale: str) -> list[AuditRow]:
    """Return the audit entries of one record, oldest first."""
    found = db.session.execute(
        select(AuditEntry, User.name)
        .outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.project_id == project.id, AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return _audit_rows(project, [(entry, name) for entry, name in found], locale)
