"""Translated names of issue states and of the records, actions and fields the audit trail names."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_babel.speaklater import LazyString

from core.labels import register_labels
from phases.enums import IssueSeverity, IssueStatus

register_labels(
    {
        IssueSeverity.CRITICAL: _l("Critical"),
        IssueSeverity.HIGH: _l("High"),
        IssueSeverity.MEDIUM: _l("Medium"),
        IssueSeverity.LOW: _l("Low"),
        IssueStatus.OPEN: lazy_pgettext("issue", "Open"),
        IssueStatus.IN_PROGRESS: lazy_pgettext("issue", "In progress"),
        IssueStatus.CLOSED: lazy_pgettext("issue", "Closed"),
    }
)

# The audit trail stores plain keys (phases/audit.py); these are their names for readers.
AUDIT_ENTITIES: dict[str, LazyString] = {
    "project": _l("Project"),
    "phase": _l("Phase"),
    "milestone": _l("Milestone"),
    "criterion": _l("Gate criterion"),
    "signoff": _l("Gate sign-off"),
    "issue": _l("Issue"),
    "recovery": _l("Recovery"),
    "recovery_item": _l("Recovery check item"),
    "expectation": _l("Re-based expectation"),
    "scope_item": _l("Scope decision"),
    "finding": _l("Finding"),
}

AUDIT_ACTIONS: dict[str, LazyString] = {
    "created": _l("created"),
    "updated": _l("changed"),
    "status": _l("status changed"),
    "closed": _l("closed"),
    "reviewed": _l("reviewed"),
    "signed": _l("signed off"),
    "waiver": _l("signed off with a waiver"),
    "plan_approved": _l("plan approved"),
    "rebaselined": _l("re-baselined"),
    "started": _l("started"),
    "accepted": _l("accepted"),
    "acceptance_reset": _l("acceptance withdrawn after a change"),
}

AUDIT_FIELDS: dict[str, LazyString] = {
    "title": _l("Title"),
    "description": _l("Description"),
    "severity": _l("Severity"),
    "status": _l("Status"),
    "phase_id": _l("Phase"),
    "owner_id": _l("Owner"),
    "due_date": _l("Due date"),
    "root_cause": _l("Root cause"),
    "prevention": _l("Preventive measure"),
    "name": lazy_pgettext("field", "Name"),
    "planned_date": _l("Planned date"),
    "baseline_date": _l("Baseline date"),
    "actual_date": _l("Actual date"),
    "percent_done": _l("Percent done"),
    "planned_start": _l("Planned start"),
    "planned_end": _l("Planned end"),
    "actual_start": _l("Actual start"),
    "actual_end": _l("Actual end"),
    "investment": _l("Investment released (CNY)"),
    "visible_result": _l("Visible result for management"),
    "state": _l("Review"),
    "note": _l("Note"),
    "decision": _l("Decision"),
    "comment": _l("Comment"),
    "waived_criteria": _l("Waived criteria"),
    "reason": _l("Reason for re-baselining"),
    "trigger": _l("Health check when started"),
    "evidence": _l("Evidence"),
    "original_claim": _l("Original claim"),
    "small_win": _l("Small win"),
    "metric": _l("Metric"),
    "baseline_value": _l("Baseline value"),
    "target_value": _l("Target value"),
    "target_date": _l("Target date"),
    "expectations_accepted_at": _l("Expectations accepted"),
    "feature": _l("Feature"),
    "category": _l("Category"),
    "what_went_wrong": _l("What went wrong"),
}
