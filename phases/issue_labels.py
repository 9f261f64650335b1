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
    "rollout": _l("Rollout"),
    "rollout_function": _l("Rollout function"),
    "rollout_unit": _l("Rollout unit"),
    "rollout_cell": _l("Rollout cell"),
    "deviation": _l("Deviation from the template"),
    "wave": _l("Rollout wave"),
    "tier_policy": _l("Tier policy"),
    "supervisor": _l("Supervision team"),
    "training": _l("Training plan"),
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
    "scored": _l("scored"),
    "pilot_chosen": _l("chosen as pilot"),
    "pilot_dropped": _l("no longer a pilot"),
    "pilots_confirmed": _l("pilots confirmed"),
    "decided": _l("decided"),
    "evaluated": _l("evaluated"),
    "planned": _l("planned"),
    "removed": _l("removed"),
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
    "stage": _l("Stage"),
    "planned_live": _l("Planned go-live"),
    "actual_live": _l("Went live"),
    "template_reference": _l("Template"),
    "template_ready_on": _l("Template ready on"),
    "score_typical": _l("Typical business"),
    "score_management": _l("Strong management"),
    "score_staff": _l("Good staff quality"),
    "score_foundation": _l("Solid implementation foundation"),
    "weight_typical": _l("Weight of “typical business”"),
    "weight_management": _l("Weight of “strong management”"),
    "weight_staff": _l("Weight of “good staff quality”"),
    "weight_foundation": _l("Weight of “solid implementation foundation”"),
    "max_pilots_per_region": _l("Pilots allowed per region"),
    "run_period_days": _l("Run period before evaluation (days)"),
    "is_pilot": _l("Pilot"),
    "score": _l("Score"),
    "pilot_note": _l("Why these pilots"),
    "wave_id": _l("Wave"),
    "tier": _l("Tier"),
    "criteria": _l("Who is in this tier"),
    "incentives": _l("Incentives"),
    "penalties": _l("Penalties"),
    "role": _l("Seat"),
    "region": _l("Region"),
    "decision_note": _l("Note"),
    "cells": _l("Cells"),
    "sessions": _l("Sessions"),
    "participants": _l("Participants"),
    "done_on": _l("Held on"),
    "trainer_id": _l("Trainer"),
}
