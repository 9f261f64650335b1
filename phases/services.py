"""Every write to projects, phases and status updates; each function commits once."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from flask_babel import gettext as _

from accounts.models import Client, User
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from core.extensions import db
from phases.enums import PhaseStatus, Rag
from phases.methodology import Methodology, methodology_template
from phases.models import Phase, Project, StatusUpdate


def create_project(
    client: Client, name: str, methodology: Methodology, start_date: date | None, target_date: date | None
) -> Project:
    """Create a project with the phases of its methodology, planned evenly between start and target."""
    if start_date and target_date and target_date <= start_date:
        raise RuleError(_("The target date must be after the start date."), field="target_date")
    phase_keys = [phase["key"] for phase in methodology_template(methodology)["phases"]]
    with write_transaction():
        project = Project(
            client_id=client.id, name=name.strip(), methodology=methodology, start_date=start_date, target_date=target_date
        )
        db.session.add(project)
        db.session.flush()
        for position, (key, (begins, ends)) in enumerate(
            zip(phase_keys, _even_plan(start_date, target_date, len(phase_keys))), start=1
        ):
            db.session.add(
                Phase(project_id=project.id, client_id=client.id, position=position, key=key,
                      planned_start=begins, planned_end=ends)
            )
    return project


def _even_plan(start: date | None, end: date | None, count: int) -> list[tuple[date | None, date | None]]:
    if not start or not end:
        return [(None, None)] * count
    length = (end - start).days / count
    return [
        (start + timedelta(days=round(length * index)), start + timedelta(days=round(length * (index + 1)) - 1))
        for index in range(count)
    ]


def record_phase_progress(
    phase: Phase, status: PhaseStatus, actual_start: date | None, actual_end: date | None
) -> None:
    """Record where a phase stands and when it really started and ended."""
    if actual_start and actual_end and actual_end < actual_start:
        raise RuleError(_("The end date must not be before the start date."), field="actual_end")
    with write_transaction():
        phase.status = status
        phase.actual_start = actual_start
        phase.actual_end = actual_end


def add_status_update(
    project: Project, author: User | None, rag: Rag, summary: str, next_steps: str, created_at: datetime | None = None
) -> StatusUpdate:
    """Publish a status update of a project, dated now unless a date is given (imports, demo data)."""
    if not summary.strip():
        raise RuleError(_("This field is required."), field="summary")
    with write_transaction():
        update = StatusUpdate(
            project_id=project.id, client_id=project.client_id, rag=rag, summary=summary.strip(),
            next_steps=next_steps.strip(), author_id=author.id if author else None, created_at=created_at or utcnow(),
        )
        db.session.add(update)
    return update
