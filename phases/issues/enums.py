"""States of issues, which of them still need work, and which issues the log lists."""

from __future__ import annotations

import enum


class IssueSeverity(enum.StrEnum):
    """How badly an issue hurts the implementation."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class IssueStatus(enum.StrEnum):
    """Where an issue stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


# An issue somebody is still working on counts as open; only a closed one is settled.
OPEN_STATUSES = (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)


class IssueFilter(enum.StrEnum):
    """Which issues the log lists."""

    OPEN = "open"  # open and in progress
    CLOSED = "closed"
    ALL = "all"


# The statuses each filter lists: a lookup table, so a new filter is one line here and one label.
FILTER_STATUSES: dict[IssueFilter, tuple[IssueStatus, ...]] = {
    IssueFilter.OPEN: OPEN_STATUSES,
    IssueFilter.CLOSED: (IssueStatus.CLOSED,),
    IssueFilter.ALL: tuple(IssueStatus),
}
