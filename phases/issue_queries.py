"""Read models of the issue log and the audit trail: a fixed number of queries however many rows there are."""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload

from accounts.models import ConsultantAssignment, User
from core.extensions import db
from core.labels import label
from phases.enums import (
    CellStage,
    CriterionState,
    DeviationStatus,
    GateDecision,
    IssueSeverity,
    IssueStatus,
    PhaseStatus,
    SupervisorRole,
    UnitTier,
)
from phases.issue_labels import AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_FIELDS
from phases.methodology import phase_name
from phases.models import AuditEntry, Issue, Project
from phases.recovery import FindingCategory, ItemStatus, ScopeDecision

AUDIT_PAGE_SIZE = 100

# Stored audit values are enum values; these fields are shown with the enum's translated label.
_ENUM_FIELDS: dict[tuple[str, str], type[enum.Enum]] = {
    ("issue", "severity"): IssueSeverity,
    ("issue", "status"): IssueStatus,
    ("phase", "status"): PhaseStatus,
    ("criterion", "state"): CriterionState,
    ("signoff", "decision"): GateDecision,
    ("rollout_cell", "stage"): CellStage,
    ("rollout_unit", "tier"): UnitTier,
    ("deviation", "status"): DeviationStatus,
    ("supervisor", "role"): SupervisorRole,
    ("recovery_item", "status"): ItemStatus,
    ("scope_item", "decision"): ScopeDecision,
    ("finding", "category"): FindingCategory,
}
_USER_FIELDS = {"owner_id", "reviewer_id", "trainer_id"}
_PHASE_ENTITIES = {"phase", "signoff"}  # their audit label is the phase key


class IssueFilter(enum.StrEnum):
    """Which issues the log lists."""

    OPEN = "open"  # open and in progress
    CLOSED = "closed"
    ALL = "all"


def issue_filter(value: str | None) -> IssueFilter:
    """Return the filter a query argument asks for; open issues unless it names another."""
    try:
        return IssueFilter(value or IssueFilter.OPEN)
    except ValueError:
        return IssueFilter.OPEN


def issue_people(client_id: int, keep_id: int | None = None) -> list[User]:
    """Return who may own an issue: the client's active users and its consultants (and the current owner)."""
    consultants = select(ConsultantAssignment.user_id).where(ConsultantAssignment.client_id == client_id)
    eligible = or_(User.client_id == client_id, User.id.in_(consultants))
    active = User.is_active_user.is_(True)
    if keep_id is not None:
        active = or_(active, User.id == keep_id)
    return list(db.session.scalars(select(User).where(eligible, active).order_by(User.name)))


def project_issues(project_id: int, shown: IssueFilter) -> list[Issue]:
    """Return a project's issues: open ones first, then by severity (critical first), then by due date."""
    severity_rank = case({severity: rank for rank, severity in enumerate(IssueSeverity)}, value=Issue.severity)
    statement = (
        select(Issue).options(joinedload(Issue.owner), joinedload(Issue.phase))
        .where(Issue.project_id == project_id)
        .order_by(Issue.status == IssueStatus.CLOSED, severity_rank, Issue.due_date.is_(None), Issue.due_date, Issue.id)
    )
    if shown is IssueFilter.OPEN:
        statement = statement.where(Issue.status != IssueStatus.CLOSED)
    elif shown is IssueFilter.CLOSED:
        statement = statement.where(Issue.status == IssueStatus.CLOSED)
    return list(db.session.scalars(statement).unique())


def open_issue_counts(project_id: int) -> dict[IssueSeverity, int]:
    """Return how many issues of a project are not closed, per severity (critical first)."""
    counts = dict(db.session.execute(
        select(Issue.severity, func.count(Issue.id))
        .where(Issue.project_id == project_id, Issue.status != IssueStatus.CLOSED).group_by(Issue.severity)
    ).all())
    return {severity: counts.get(severity, 0) for severity in IssueSeverity}


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
    user_ids = {int(value) for entry, _name in found if entry.field in _USER_FIELDS
                for value in (entry.old_value, entry.new_value) if value.isdigit()}
    user_names: dict[int, str] = {}
    if user_ids:  # one look-up for every owner and reviewer named on the page
        user_names = dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())
    phases = {str(phase.id): phase_name(project.methodology, phase.key, locale) for phase in project.phases}

    def shown(entry: AuditEntry, value: str) -> str:
        kind = _ENUM_FIELDS.get((entry.entity, entry.field))
        if kind is not None and value in {member.value for member in kind}:
            return label(kind(value))
        if entry.field in _USER_FIELDS and value.isdigit():
            return user_names.get(int(value), value)
        if entry.field == "phase_id" and value:
            return phases.get(value, value)
        return value

    return [
        AuditRow(
            at=entry.at, user_name=name or "—", entity=str(AUDIT_ENTITIES.get(entry.entity, entry.entity)),
            entity_label=phase_name(project.methodology, entry.entity_label, locale)
            if entry.entity in _PHASE_ENTITIES else entry.entity_label,
            action=str(AUDIT_ACTIONS.get(entry.action, entry.action)),
            field=str(AUDIT_FIELDS.get(entry.field, entry.field)) if entry.field else "",
            old_value=shown(entry, entry.old_value), new_value=shown(entry, entry.new_value),
        )
        for entry, name in found
    ]


def audit_page(project: Project, entity: str | None, page: int, locale: str) -> AuditPage:
    """Return one page of a project's audit trail, newest first, optionally of one kind of record."""
    page = max(page, 1)
    statement = (
        select(AuditEntry, User.name).outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.project_id == project.id)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .offset((page - 1) * AUDIT_PAGE_SIZE).limit(AUDIT_PAGE_SIZE + 1)  # one more tells whether a next page exists
    )
    if entity:
        statement = statement.where(AuditEntry.entity == entity)
    found = [(entry, name) for entry, name in db.session.execute(statement).all()]
    entities = [(key, str(AUDIT_ENTITIES.get(key, key))) for key in db.session.scalars(
        select(AuditEntry.entity).where(AuditEntry.project_id == project.id).distinct().order_by(AuditEntry.entity)
    )]
    return AuditPage(rows=_audit_rows(project, found[:AUDIT_PAGE_SIZE], locale), page=page,
                     has_next=len(found) > AUDIT_PAGE_SIZE, entities=entities)


def issue_history(project: Project, issue_id: int, locale: str) -> list[AuditRow]:
    """Return the audit entries of one issue, oldest first."""
    found = db.session.execute(
        select(AuditEntry, User.name).outerjoin(User, User.id == AuditEntry.user_id)
        .where(AuditEntry.project_id == project.id, AuditEntry.entity == "issue", AuditEntry.entity_id == issue_id)
        .order_by(AuditEntry.at, AuditEntry.id)
    ).all()
    return _audit_rows(project, [(entry, name) for entry, name in found], locale)
