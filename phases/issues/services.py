"""Every write to the issue log; each commits once and leaves an audit record."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from accounts.models import User
from core.db import utcnow, write_transaction
from core.errors_domain import RuleError
from phases import audit
from phases.issues.enums import IssueSeverity, IssueStatus
from phases.issues.models import Issue
from phases.issues.rules import closes, closing_gap, may_delete, reopens
from phases.projects.models import Project

# Every field a deleted issue keeps in the audit trail, so that undoing the deletion restores it exactly.
ISSUE_FIELDS = (
    "title",
    "description",
    "severity",
    "status",
    "phase_id",
    "reporter_id",
    "owner_id",
    "due_date",
    "root_cause",
    "prevention",
    "created_at",
    "closed_at",
)

# What a closing lacks, said beside the field that lacks it.
CLOSING_REFUSALS = {
    "root_cause": _l("Closing an issue needs its root cause."),
    "prevention": _l("Closing an issue needs the measure that prevents it from happening again."),
}


def report_issue(
    project: Project,
    reporter: User,
    title: str,
    description: str,
    severity: IssueSeverity,
    phase_id: int | None,
    owner_id: int | None,
    due_date: date | None,
) -> Issue:
    """Log a problem met during the implementation."""
    with write_transaction():
        issue = Issue(
            project_id=project.id,
            client_id=project.client_id,
            phase_id=phase_id,
            title=title.strip(),
            description=description.strip(),
            severity=severity,
            reporter_id=reporter.id,
            owner_id=owner_id,
            due_date=due_date,
            status=IssueStatus.OPEN,
        )
        audit.add_created(issue, reporter, "issue", issue.title, {"severity": (None, severity)})
    return issue


def update_issue(issue: Issue, actor: User, values: dict[str, Any]) -> None:
    """Change an issue; closing it needs its root cause and the measure that prevents it coming back."""
    closing = closes(issue.status, values.get("status"))
    if closing:
        missing = closing_gap(values)
        if missing:
            raise RuleError(str(CLOSING_REFUSALS[missing]), field=missing)
        values["closed_at"] = utcnow()
    elif reopens(values.get("status")):
        values["closed_at"] = None
    with write_transaction():
        changes = audit.apply_changes(issue, values)
        changes.pop("closed_at", None)
        audit.record(
            issue.project_id,
            issue.client_id,
            actor,
            "issue",
            issue.id,
            issue.title,
            "closed" if closing else "updated",
            changes,
        )


def delete_issue(issue: Issue, actor: User) -> None:
    """Delete an issue logged by mistake, keeping all of it in the audit trail; a closed issue stays."""
    if not may_delete(issue.status):
        raise RuleError(
            str(
                _l(
                    "A closed issue keeps its root cause and preventive measure for later projects; it cannot be deleted."
                )
            )
        )
    with write_transaction():
        audit.record_deleted(issue, actor, "issue", issue.title, ISSUE_FIELDS)


def restore_issue(project: Project, issue_id: int, deletion: audit.Deletion, actor: User) -> Issue:
    """Undo an issue's deletion: the same number and fields come back, and the audit trail says so."""
    with write_transaction():
        return audit.restore_deleted(Issue, project.id, project.client_id, "issue", issue_id, deletion, actor)
