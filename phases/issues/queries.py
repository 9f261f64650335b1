"""Read models of the issue log and of one issue: frozen rows, a fixed number of queries however many rows there are."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import aliased, joinedload

from accounts.models import User
from core.extensions import db
from core.listing import Direction, Listing, ListingSpec, Shown, parse_listing
from phases.issues.enums import FILTER_STATUSES, OPEN_STATUSES, IssueFilter, IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.issues.rules import is_closed
from phases.projects.methodology import Methodology, phase_name
from phases.projects.models import Phase

NOBODY = "none"  # the owner filter's value for issues nobody owns

# The log's sortable columns and filters, read from the page's GET parameters (?sort=due&dir=desc&severity=high).
ISSUE_LISTING = ListingSpec(
    prefix="",
    sort_keys=("severity", "title", "status", "phase", "owner", "due"),
    default_sort="severity",
    filters=("status", "severity", "owner"),
    anchor="issues",
)


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
    """The issue log page: the listed issues, open issues per severity (critical first), the sort and filters."""

    rows: tuple[IssueRow, ...]
    open_counts: OpenIssues
    tabs: tuple[FilterTab, ...]
    listing: Listing
    shown: Shown


def issue_listing(args: Mapping[str, str], owner_ids: Iterable[int] = ()) -> Listing:
    """Read the log's sort and filters from GET parameters; owners are checked against the given people."""
    allowed = {
        "status": [option.value for option in IssueFilter],
        "severity": [severity.value for severity in IssueSeverity],
        "owner": [*(str(owner_id) for owner_id in owner_ids), NOBODY],
    }
    return parse_listing(ISSUE_LISTING, args, allowed)


def issue_filter(listing: Listing) -> IssueFilter:
    """Return which issues the status tabs list; open issues unless the listing names another."""
    return IssueFilter(listing.value("status") or IssueFilter.OPEN)


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


def _filtered(listing: Listing) -> list[ColumnElement[bool]]:
    conditions = [Issue.status.in_(FILTER_STATUSES[issue_filter(listing)])]
    if listing.value("severity"):
        conditions.append(Issue.severity == IssueSeverity(listing.value("severity")))
    owner = listing.value("owner")
    if owner:
        conditions.append(Issue.owner_id.is_(None) if owner == NOBODY else Issue.owner_id == int(owner))
    return conditions


def _ordered(listing: Listing, owner: Any) -> list[ColumnElement[Any]]:
    """Return the ORDER BY of a listing: its column (empty values last either way), then the log's own order."""
    severity_rank = case({severity: rank for rank, severity in enumerate(IssueSeverity)}, value=Issue.severity)
    status_rank = case({status: rank for rank, status in enumerate(IssueStatus)}, value=Issue.status)
    column = {
        "severity": severity_rank,
        "title": Issue.title,
        "status": status_rank,
        "phase": Phase.position,
        "owner": owner.name,
        "due": Issue.due_date,
    }[listing.sort]
    # The default order is the log's own: open issues first (they share the "all" tab with closed ones).
    first = (
        []
        if listing.is_sorted_by_default
        else [column.is_(None), column.desc() if listing.direction is Direction.DESC else column]
    )
    return [
        *first,
        Issue.status.not_in(OPEN_STATUSES),
        severity_rank,
        Issue.due_date.is_(None),
        Issue.due_date,
        Issue.id,
    ]


def issue_log(project_id: int, methodology: Methodology, locale: str, listing: Listing | None = None) -> IssueLog:
    """Return a project's issue log, by default its open issues by severity (critical first), then by due date."""
    listing = listing or issue_listing({})
    owner = aliased(User)
    issues = db.session.scalars(
        select(Issue)
        .outerjoin(Phase, Phase.id == Issue.phase_id)
        .outerjoin(owner, owner.id == Issue.owner_id)
        .options(joinedload(Issue.owner), joinedload(Issue.phase))
        .where(Issue.project_id == project_id, *_filtered(listing))
        .order_by(*_ordered(listing, owner))
    ).unique()
    rows = tuple(_issue_row(issue, methodology, locale) for issue in issues)
    totals = _totals(project_id)
    shown = issue_filter(listing)
    return IssueLog(
        rows=rows,
        open_counts=OpenIssues(MappingProxyType({severity: totals[severity] for severity in IssueSeverity})),
        tabs=tuple(FilterTab(option, option is shown) for option in IssueFilter),
        listing=listing,
        shown=Shown(len(rows), totals[None]),
    )


def _totals(project_id: int) -> dict[IssueSeverity | None, int]:
    """Return the open issues per severity and, under None, how many issues the project has in all: one query."""
    totals: dict[IssueSeverity | None, int] = {severity: 0 for severity in IssueSeverity} | {None: 0}
    for severity, status, count in db.session.execute(
        select(Issue.severity, Issue.status, func.count(Issue.id))
        .where(Issue.project_id == project_id)
        .group_by(Issue.severity, Issue.status)
    ):
        totals[None] += count
        if status in OPEN_STATUSES:
            totals[severity] += count
    return totals


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
