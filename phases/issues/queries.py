"""Read models of the issue log: a fixed number of queries however many rows there are."""
from __future__ import annotations

import enum

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from core.extensions import db
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue


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
