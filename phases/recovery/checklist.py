"""Pure recovery rules: states of check items, scope decisions and findings; progress of steps and of the whole plan."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


class ItemStatus(enum.StrEnum):
    """Where a recovery check item stands."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class ScopeDecision(enum.StrEnum):
    """What the recovery does with a feature."""

    KEPT = "kept"
    DEFERRED = "deferred"
    DROPPED = "dropped"


class FindingCategory(enum.StrEnum):
    """What kind of thing went wrong (never who)."""

    VENDOR = "vendor"
    TECHNOLOGY = "technology"
    PROCESS = "process"
    DATA = "data"
    SCOPE = "scope"
    EXPECTATIONS = "expectations"
    TRAINING = "training"
    STAKEHOLDERS = "stakeholders"


# Items that are done or do not apply no longer hold the step up.
CLOSED_ITEMS = (ItemStatus.DONE, ItemStatus.NOT_APPLICABLE)
# Deferring or dropping a feature takes something away from somebody, so it must say why.
NEEDS_REASON = (ScopeDecision.DEFERRED, ScopeDecision.DROPPED)


def is_overdue(due_date: date | None, status: ItemStatus, today: date) -> bool:
    """Return whether an item is past its due date and still holds its step up."""
    return bool(due_date and due_date < today and status not in CLOSED_ITEMS)


def evidence_missing(status: ItemStatus, evidence: str) -> bool:
    """Return whether an item is marked done without saying what shows it is done."""
    return status is ItemStatus.DONE and not evidence.strip()


def may_update_item(user_id: int, is_staff: bool, owner_id: int | None) -> bool:
    """Return whether a user may update a check item: consultants and admins plan it, its owner reports on it."""
    return is_staff or user_id == owner_id


def awaits_acceptance(expectations: int, accepted: bool) -> bool:
    """Return whether the sponsor has a re-based expectations table to accept."""
    return expectations > 0 and not accepted


def percent_of(closed: int, total: int) -> int:
    """Return the closed share in whole percent (100 for nothing to do)."""
    return round(100 * closed / total) if total else 100


@dataclass(frozen=True)
class Progress:
    """How far a step or a whole recovery is: closed items of all items, and the resulting state."""

    closed: int
    total: int
    status: ItemStatus

    @property
    def percent(self) -> int:
        """Return the closed share in whole percent."""
        return percent_of(self.closed, self.total)


def progress(statuses: Sequence[ItemStatus]) -> Progress:
    """Return the progress of a set of items: done when every item is closed, open while none has moved."""
    closed = sum(1 for status in statuses if status in CLOSED_ITEMS)
    if closed == len(statuses):
        state = ItemStatus.DONE
    elif closed or ItemStatus.IN_PROGRESS in statuses:
        state = ItemStatus.IN_PROGRESS
    else:
        state = ItemStatus.OPEN
    return Progress(closed, len(statuses), state)


@dataclass(frozen=True)
class ScopeCut:
    """The scope before the recovery (every feature) and after it (the kept ones)."""

    before: int
    kept: int
    deferred: int
    dropped: int


def scope_cut(decisions: Sequence[ScopeDecision]) -> ScopeCut:
    """Count the features before and after the cut."""
    return ScopeCut(
        len(decisions),
        decisions.count(ScopeDecision.KEPT),
        decisions.count(ScopeDecision.DEFERRED),
        decisions.count(ScopeDecision.DROPPED),
    )


def scope_reason_missing(decision: ScopeDecision, reason: str) -> bool:
    """Return whether a scope decision lacks the reason it needs."""
    return decision in NEEDS_REASON and not reason.strip()
