"""Read models of the issue log and of one issue: frozen rows, a fixed number of queries however many rows there are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from core.extensions import db
from phases.issues.enums import FILTER_STATUSES, OPEN_STATUSES, IssueFilter, IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.issues.rules import is_closed
from phases.projects.methodology import Methodology, phase_name


@dataclass(frozen=True)
class IssueRow:
    """An issue as the log lists it, with its phase in the reader's language."""

    id: int
    title: str
    severity: IssueSeverity
    status: IssueStatus
    is_closed: bool
    phase_name: str
    owner_name: str
    due_date: date | None


@dataclass(frozen=True)
class IssueDetail(IssueRow):
    """An issue as its own page shows it: who reported it and when, and what closing it recorded."""

    description: str
    reporter_name: str
    created_at: datetime
    root_cause: str
    prevention: str


@dataclass(frozen=True)
class FilterTab:
    """One filter of the log and whether it is the one shown."""

    filter: IssueFilter
    current: bool


@dataclass(frozen=True)
class OpenIssues:
    """How many issues of a project are not closed, per severity (critical first)."""

    by_severity: Mapping[IssueSeverity, int]

    @property
    def total(self) -> int:
        """Return how many issues are open in all."""
        return sum(self.by_severity.values())


@dataclass(frozen=True)
class IssueLog:
    """The issue log page: the listed issues, open issues per severity (critical first) and the filters."""

    rows: tuple[IssueRow, ...]
    open_counts: OpenIssues
    tabs: tuple[FilterTab, ...]


def issue_filter(value: str | None) -> IssueFilter:
    """Return the filter a query argument asks for; open issues unless it names another."""
    try:
        return IssueFilter(value or IssueFilter.OPEN)
    except ValueError:
        return IssueFilter.OPEN


def _issue_row(issue: Issue, methodology: Methodology, locale: str) -> IssueRow:
    return IssueRow(
        id=issue.id,
        title=issue.title,
        severity=issue.severity,
        status=issue.status,
        is_closed=is_closed(issue.status),
        phase_name=phase_name(methodology, issue.phase.key, locale) if issue.phase else "",
        owner_name=issue.owner.name if issue.owner else "",
        due_date=issue.due_date,
    )


def issue_log(project_id: int, methodology: Methodology, shown: IssueFilter, locale: str) -> IssueLog:
    """Return a project's issue log: open issues first, then by severity (critical first), then by due date."""
    severity_rank = case({severity: rank for rank, severity in enumerate(IssueSeverity)}, value=Issue.severity)
    issues = db.session.scalars(
        select(Issue)
        .options(joinedload(Issue.owner), joinedload(Issue.phase))
        .where(Issue.project_id == project_id, Issue.status.in_(FILTER_STATUSES[shown]))
        .order_by(Issue.status.not_in(OPEN_STATUSES), severity_rank, Issue.due_date.is_(None), Issue.due_date, Issue.id)
    ).unique()
    return IssueLog(
        rows=tuple(_issue_row(issue, methodology, locale) for issue in issues),
        open_counts=open_issues(project_id),
        tabs=tuple(FilterTab(option, option is shown) for option in IssueFilter),
    )


def issue_detail(issue_id: int, methodology: Methodology, locale: str) -> IssueDetail:
    """Return one issue as its page shows it (the caller has already checked the reader may see it)."""
    issue = db.session.scalars(
        select(Issue)
        .options(joinedload(Issue.owner), joinedload(Issue.phase), joinedload(Issue.reporter))
        .where(Issue.id == issue_id)
    ).one()
    return IssueDetail(
        **vars(_issue_row(issue, methodology, locale)),
        description=issue.description,
        reporter_name=issue.reporter.name if issue.reporter else "",
        created_at=issue.created_at,
        root_cause=issue.root_cause,
        prevention=issue.prevention,
    )


def open_issue_counts(project_id: int) -> dict[IssueSeverity, int]:
    """Return how many issues of a project are not closed, per severity (critical first)."""
    counts = dict(
        db.session.execute(
            select(Issue.severity, func.count(Issue.id))
            .where(Issue.project_id == project_id, Issue.status.in_(OPEN_STATUSES))
            .group_by(Issue.severity)
        ).all()
    )
    return {severity: counts.get(severity, 0) for severity in IssueSeverity}


def open_issues(project_id: int) -> OpenIssues:
    """Return the open-issue counts of a project, for its page, its health check and its report."""
    return OpenIssues(MappingProxyType(open_issue_counts(project_id)))
