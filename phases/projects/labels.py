"""Translated names of phase states and RAG colours."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.audit import AuditTerms, register_terms
from phases.projects.enums import (
    CriterionStanding,
    CriterionState,
    GateDecision,
    GateState,
    MilestoneRag,
    PhaseStatus,
    Rag,
)
from phases.projects.methodology import Methodology

LABELS = {
    PhaseStatus.NOT_STARTED: _l("Not started"),
    PhaseStatus.ACTIVE: _l("Active"),
    PhaseStatus.RUN_OPTIMISE: _l("Run and optimise"),
    PhaseStatus.CLOSED: _l("Closed"),
    Rag.GREEN: _l("On track"),
    Rag.AMBER: _l("At risk"),
    Rag.RED: _l("Off track"),
    Methodology.FIVE_STEP: _l("Five-step method"),
    Methodology.SIX_STAGE: _l("Six-stage lifecycle"),
}

MILESTONE_AND_GATE_LABELS = {
    MilestoneRag.DONE: _l("Done"),
    MilestoneRag.OVERDUE: _l("Overdue"),
    MilestoneRag.BEHIND: _l("Behind schedule"),
    MilestoneRag.AT_RISK: _l("At risk"),
    MilestoneRag.ON_TRACK: _l("On track"),
    CriterionState.UNREVIEWED: _l("Not reviewed"),
    CriterionState.PASS: _l("Pass"),
    CriterionState.REWORK: _l("Rework"),
    CriterionState.WAIVED: _l("Waived"),
    GateDecision.GO: _l("Go"),
    GateDecision.NO_GO: _l("No-go"),
}

# Where a criterion stands once the sponsor's latest sign-off is counted, and what the gate's sign-off decided.
# One table per enum: members of different StrEnums with one value ("passed") are equal keys in one dict.
STANDING_LABELS = {
    CriterionStanding.PASSED: _l("Pass"),
    CriterionStanding.WAIVED: _l("Waived"),
    CriterionStanding.WAIVED_AT_SIGNOFF: _l("Waived by the sponsor"),
    CriterionStanding.OPEN: _l("Not reviewed"),
    CriterionStanding.REWORK: _l("Rework"),
}

GATE_STATE_LABELS = {
    GateState.AWAITING: _l("Awaiting the sponsor's sign-off"),
    GateState.PASSED: _l("Go signed"),
    GateState.PASSED_WITH_WAIVER: _l("Go signed with a waiver"),
    GateState.REOPENED: _l("Go signed, criteria reopened since"),
    GateState.REJECTED: _l("No-go signed"),
}

AUDIT_TERMS = AuditTerms(
    entities={
        "project": _l("Project"),
        "phase": _l("Phase"),
        "milestone": _l("Milestone"),
        "criterion": _l("Gate criterion"),
        "signoff": _l("Gate sign-off"),
    },
    actions={
        "reviewed": _l("reviewed"),
        "signed": _l("signed off"),
        "waiver": _l("signed off with a waiver"),
        "plan_approved": _l("plan approved"),
        "rebaselined": _l("re-baselined"),
    },
    fields={
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
        "waiver_reason": _l("Reason for the waiver"),
        "reason": _l("Reason for re-baselining"),
    },
    enum_fields={
        ("phase", "status"): PhaseStatus,
        ("criterion", "state"): CriterionState,
        ("signoff", "decision"): GateDecision,
    },
    user_fields=frozenset({"owner_id", "reviewer_id"}),
)


def register() -> None:
    """Register the feature's enum labels and audit names; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_labels(MILESTONE_AND_GATE_LABELS)
    register_labels(STANDING_LABELS)
    register_labels(GATE_STATE_LABELS)
    register_terms(AUDIT_TERMS)
