"""Who runs a rollout beyond the consultants: the supervision team, which also decides on deviations."""

from __future__ import annotations

from sqlalchemy import select

from accounts.models import User
from core.extensions import db
from phases.rollout.models import Supervisor


def is_supervisor(project_id: int, user: User) -> bool:
    """Return whether the user sits on the project's supervision team."""
    return (
        db.session.scalar(
            select(Supervisor.id).where(Supervisor.project_id == project_id, Supervisor.user_id == user.id).limit(1)
        )
        is not None
    )


def may_run_rollout(project_id: int, user: User) -> bool:
    """Return whether the user moves cells, plans them and evaluates units: consultants and the supervision team."""
    return user.is_staff or is_supervisor(project_id, user)
