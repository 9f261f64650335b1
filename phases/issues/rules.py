"""Pure issue-log rules: when an issue counts as closed, what closing one needs, and who may change one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from phases.issues.enums import OPEN_STATUSES, IssueStatus

# Closing an issue records why it happened and what keeps it from coming back, in this order.
CLOSING_NEEDS = ("root_cause", "prevention")


def is_closed(status: IssueStatus) -> bool:
    """Return whether an issue with this status is settled."""
    return status not in OPEN_STATUSES


def closes(old: IssueStatus, new: IssueStatus | None) -> bool:
    """Return whether a change of status closes the issue (saving a closed issue again does not close it anew)."""
    return new is not None and is_closed(new) and not is_closed(old)


def reopens(new: IssueStatus | None) -> bool:
    """Return whether a change of status leaves the issue open, so it has no closing date."""
    return new is not None and not is_closed(new)


def closing_gap(texts: Mapping[str, Any]) -> str | None:
    """Return the first text a closing still lacks (by field name), or None when it has them all."""
    return next((name for name in CLOSING_NEEDS if not (texts.get(name) or "").strip()), None)


def may_change(user_id: int, is_staff: bool, reporter_id: int | None, owner_id: int | None) -> bool:
    """Return whether a user may change an issue: consultants and admins, its reporter and its owner."""
    return is_staff or user_id in (reporter_id, owner_id)


def may_delete(status: IssueStatus) -> bool:
    """Return whether an issue may be deleted: a closed one keeps its root cause and prevention as lessons learned."""
    return not is_closed(status)
