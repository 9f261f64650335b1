"""Read models for project lists: a fixed number of queries however many projects there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import get_locale
from sqlalchemy import func, select

from accounts.tenancy import scoped
from core.clock import local_today
from core.extensions import db
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.overview.facts import PhaseRow, ProjectRow, computed_statuses, gates_of, health_facts_of
from phases.overview.status_view import StatusView, status_view
from phases.projects.enums import PhaseStatus, Rag
from phases.projects.lifecycle import PhaseState, current_phase, phases_closed
from phases.projects.methodology import phase_name
from phases.projects.models import Phase, Project, StatusUpdate
from phases.recovery.view import RecoveryProgress, recovery_progress


@dataclass(frozen=True)
class ProjectSummary:
    """What a list shows of a project at a glance."""

    id: int
    client_id: int
    name: str
    phase_name: str
    phase_position: int
    phase_count: int
    phase_status: PhaseStatus | None
    phases_closed: int
    rag: Rag | None
    status_summary: str | None
    status_date: datetime | None
    status: StatusView  # the computed status, with the latest update's colour beside it
    overdue_milestones: int = 0
    gates_awaiting: tuple[tuple[int, str], ...] = ()  # (phase id, phase name) of running phases without a "go"
    open_issues: tuple[tuple[IssueSeverity, int], ...] = ()
    recovery: RecoveryProgress | None = None  # set while a recovery of the project is under way


def _latest_updates(project_ids: list[int]) -> dict[int, tuple[Rag, str, datetime]]:
    newest = (
        select(func.max(StatusUpdate.id))
        .where(StatusUpdate.project_id.in_(project_ids))
        .group_by(StatusUpdate.project_id)
    )
    rows = db.session.execute(
        select(StatusUpdate.project_id, StatusUpdate.rag, StatusUpdate.summary, StatusUpdate.created_at).where(
            StatusUpdate.id.in_(newest)
        )
    ).all()
    return {project_id: (rag, summary, created) for project_id, rag, summary, created in rows}


def _open_issues(project_ids: list[int]) -> dict[int, dict[IssueSeverity, int]]:
    rows = db.session.execute(
        select(Issue.project_id, Issue.severity, func.count(Issue.id))
        .where(Issue.project_id.in_(project_ids), Issue.status != IssueStatus.CLOSED)
        .group_by(Issue.project_id, Issue.severity)
    ).all()
    counts: dict[int, dict[IssueSeverity, int]] = {}
    for project_id, severity, count in rows:
        counts.setdefault(project_id, {})[severity] = count
    return counts


def _phase_rows(project_ids: list[int]) -> list[PhaseRow]:
    statement = select(
        Phase.id,
        Phase.project_id,
        Phase.position,
        Phase.key,
        Phase.status,
        Phase.planned_start,
        Phase.planned_end,
        Phase.actual_start,
    ).where(Phase.project_id.in_(project_ids))
    return [PhaseRow(*row) for row in db.session.execute(statement)]


def _visible_projects(client_id: int | None) -> list[Any]:
    """Return id, client, name, methodology and start of the projects the user may see, by name."""
    statement = scoped(
        select(Project.id, Project.client_id, Project.name, Project.methodology, Project.start_date), Project
    ).order_by(Project.name)
    if client_id is not None:
        statement = statement.where(Project.client_id == client_id)
    return list(db.session.execute(statement).all())


def project_summaries(client_id: int | None = None) -> list[ProjectSummary]:
    """Return summaries of the projects the current user may see, optionally of one client."""
    projects = _visible_projects(client_id)
    if not projects:
        return []
    ids = [project.id for project in projects]
    phase_rows = _phase_rows(ids)
    phases: dict[int, list[PhaseState]] = {}
    for row in phase_rows:
        phases.setdefault(row.project_id, []).append(PhaseState(row.position, row.key, row.status))
    today, locale = local_today(), str(get_locale())
    latest = _latest_updates(ids)
    gates = gates_of([row.id for row in phase_rows])
    awaiting = gates.awaiting_by_project(phase_rows)
    issues = _open_issues(ids)
    recoveries = recovery_progress(ids)
    rows = [ProjectRow(project.id, project.methodology, project.start_date) for project in projects]
    facts = health_facts_of(rows, phase_rows, issues, gates, locale, today)
    statuses = computed_statuses(rows, phase_rows, facts, gates, today)
    summaries = []
    for project in projects:
        states = phases.get(project.id, [])
        current = current_phase(states)
        rag, summary, created = latest.get(project.id, (None, None, None))
        open_issues = issues.get(project.id, {})
        summaries.append(
            ProjectSummary(
                id=project.id,
                client_id=project.client_id,
                name=project.name,
                phase_name=phase_name(project.methodology, current.key, locale) if current else "",
                phase_position=current.position if current else 0,
                phase_count=len(states),
                phase_status=current.status if current else None,
                phases_closed=phases_closed(states),
                rag=rag,
                status_summary=summary,
                status_date=created,
                status=status_view(statuses[project.id], rag),
                overdue_milestones=facts[project.id].overdue_milestones,
                gates_awaiting=tuple(
                    (phase_id, phase_name(project.methodology, key, locale))
                    for phase_id, key in awaiting.get(project.id, [])
                ),
                open_issues=tuple(
                    (severity, open_issues[severity]) for severity in IssueSeverity if open_issues.get(severity)
                ),
                recovery=recoveries.get(project.id),
            )
        )
    return summaries
