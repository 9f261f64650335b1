"""Read models for project lists: a fixed number of queries however many projects there are."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask_babel import get_locale
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from accounts.tenancy import scoped
from core.extensions import db
from phases.lifecycle import PhaseState, current_phase, phases_closed
from phases.methodology import phase_name
from phases.enums import PhaseStatus, Rag
from phases.models import Project, StatusUpdate


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


def _latest_updates(project_ids: list[int]) -> dict[int, StatusUpdate]:
    newest = (
        select(func.max(StatusUpdate.id))
        .where(StatusUpdate.project_id.in_(project_ids))
        .group_by(StatusUpdate.project_id)
    )
    updates = db.session.scalars(select(StatusUpdate).where(StatusUpdate.id.in_(newest))).all()
    return {update.project_id: update for update in updates}


def project_summaries(client_id: int | None = None) -> list[ProjectSummary]:
    """Return summaries of the projects the current user may see, optionally of one client."""
    statement = scoped(select(Project), Project).options(selectinload(Project.phases)).order_by(Project.name)
    if client_id is not None:
        statement = statement.where(Project.client_id == client_id)
    projects = db.session.scalars(statement).all()
    latest = _latest_updates([project.id for project in projects]) if projects else {}
    locale = str(get_locale())
    summaries = []
    for project in projects:
        states = [PhaseState(phase.position, phase.key, phase.status) for phase in project.phases]
        current = current_phase(states)
        update = latest.get(project.id)
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
                rag=update.rag if update else None,
                status_summary=update.summary if update else None,
                status_date=update.created_at if update else None,
            )
        )
    return summaries


def client_projects(client_id: int) -> list[ProjectSummary]:
    """Return the summaries of one client's projects."""
    return project_summaries(client_id)
