"""Translated names of issue states, of the log's filters and of what the audit trail records of issues."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.audit import AuditTerms, register_terms
from phases.issues.enums import IssueFilter, IssueSeverity, IssueStatus
from phases.issues.models import Issue

LABELS = {
    IssueSeverity: {
        IssueSeverity.CRITICAL: _l("Critical"),
        IssueSeverity.HIGH: _l("High"),
        IssueSeverity.MEDIUM: _l("Medium"),
        IssueSeverity.LOW: _l("Low"),
    },
    IssueStatus: {
        IssueStatus.OPEN: lazy_pgettext("issue", "Open"),
        IssueStatus.IN_PROGRESS: lazy_pgettext("issue", "In progress"),
        IssueStatus.CLOSED: lazy_pgettext("issue", "Closed"),
    },
    IssueFilter: {
        IssueFilter.OPEN: lazy_pgettext("issue", "Open"),
        IssueFilter.CLOSED: lazy_pgettext("issue", "Closed"),
        IssueFilter.ALL: _l("All"),
    },
}

AUDIT_TERMS = AuditTerms(
    entities={
        "issue": _l("Issue"),
    },
    fields={
        "title": _l("Title"),
        "description": _l("Description"),
        "severity": _l("Severity"),
        "status": _l("Status"),
        "phase_id": _l("Phase"),
        "owner_id": _l("Owner"),
        "due_date": _l("Due date"),
        "root_cause": _l("Root cause"),
        "prevention": _l("Preventive measure"),
        "reporter_id": _l("Reported by"),
        "closed_at": _l("Closed on"),
    },
    models={"issue": Issue},
    enum_fields={("issue", "severity"): IssueSeverity, ("issue", "status"): IssueStatus},
    user_fields=frozenset({"owner_id", "reporter_id"}),
)


def register() -> None:
    """Register the feature's enum labels and audit names; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_terms(AUDIT_TERMS)
