"""Read model of a project's audit trail: translated names, people instead of ids, one page at a time."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from core.i18n import day, moment
from core.labels import label
from phases import audit
from phases.audit import AuditEntry
from phases.projects.methodology import (
    criterion_text,
    milestone_name,
    phase_content,
    phase_name,
    recorded_criterion_text,
)
from phases.projects.models import GateCriterion, Milestone, Phase, Project

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


def shown_value(kind: type | None, value: str) -> str:
    """Return a stored audit value as words in the reader's locale: labels, yes/no, local dates, amounts."""
    if not value or kind is None:
        return value
    try:
        if issubclass(kind, Enum):
            return label(kind(value))
        if kind is bool:
            return _("yes") if value == "True" else _("no")
        if kind is datetime:
            return moment(datetime.fromisoformat(value))
        if kind is date:
            return day(date.fromisoformat(value))
        if kind is Decimal:
            return format_decimal(Decimal(value))
    except (ValueError, ArithmeticError):
        return value  # written before its field had this type: shown as stored
    return value


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
    ids: dict[str, set[int]] = {}
    for entry, _name in found:
        if entry.entity_id is not None:
            ids.setdefault(entry.entity, set()).add(entry.entity_id)
    # One look-up per kind of record whose name follows the reader's language (suggested milestones, criteria...).
    names = {entity: audit.record_names(entity, entity_ids, locale) for entity, entity_ids in ids.items()}

    def shown(entry: AuditEntry, value: str) -> str:
        if audit.is_user_field(entry.field) and value.isdigit():
            return user_names.get(int(value), value)
        if entry.field == "phase_id" and value:
            return phases.get(value, value)
        if entry.field == "waived_criteria":  # template criteria, recorded in the signer's language
            content = phase_content(project.methodology, entry.entity_label)
            return "\n".join(recorded_criterion_text(content, line, locale) for line in value.splitlines())
        return shown_value(audit.value_type(entry.entity, entry.field), value)

    def record_name(entry: AuditEntry) -> str:
        if entry.entity in _PHASE_ENTITIES:
            return phase_name(project.methodology, entry.entity_label, locale)
        return names.get(entry.entity, {}).get(entry.entity_id or 0, entry.entity_label)

    return [
        AuditRow(
            at=entry.at,
            user_name=name or "—",
            entity=audit.entity_name(entry.entity),
            entity_label=record_name(entry),
            action=audit.action_name(entry.action),
            field=audit.field_name(entry.entity, entry.field),
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


def milestone_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return milestones' names in the locale (a suggested milestone's from its template), for the audit trail."""
    found = db.session.execute(
        select(Milestone.id, Milestone.template_key, Milestone.name, Project.methodology)
        .join(Project, Project.id == Milestone.project_id)
        .where(Milestone.id.in_(ids))
    ).all()
    return {row_id: milestone_name(methodology, key, name, locale) for row_id, key, name, methodology in found}


def criterion_names(ids: Collection[int], locale: str) -> Mapping[int, str]:
    """Return gate criteria's texts in the locale (a template criterion's from its template), for the audit trail."""
    found = db.session.execute(
        select(GateCriterion.id, GateCriterion.template_key, GateCriterion.text, Phase.key, Project.methodology)
        .join(Phase, Phase.id == GateCriterion.phase_id)
        .join(Project, Project.id == GateCriterion.project_id)
        .where(GateCriterion.id.in_(ids))
    ).all()
    return {
        row_id: criterion_text(phase_content(methodology, phase_key), key, text, locale)
        for row_id, key, text, phase_key, methodology in found
    }
