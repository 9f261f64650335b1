"""States of issues."""
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

