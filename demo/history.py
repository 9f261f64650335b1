"""Date the demo's audit trail as the story happened: the services record every change as of now."""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import func, select, update

from core.db import write_transaction
from core.extensions import db
from phases.audit import AuditEntry


def next_audit_id() -> int:
    """Return the id the next audit row will get (rows from here on belong to the step about to run)."""
    return (db.session.scalar(select(func.max(AuditEntry.id))) or 0) + 1


def date_audit(project_id: int, since: int, when: datetime) -> None:
    """Give the project's audit rows recorded since `since` the moment they describe."""
    with write_transaction():
        db.session.execute(
            update(AuditEntry).where(AuditEntry.project_id == project_id, AuditEntry.id >= since).values(at=when)
        )


def morning_of(day: date) -> datetime:
    """Return a stored (UTC) time in the working morning of a day."""
    return datetime.combine(day, time(1, 30))  # 09:30 in China and Taiwan
