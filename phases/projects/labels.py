"""Translated names of phase states and RAG colours."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.audit import AuditTerms, register_terms
from phases.projects.audit_trail import criterion_names, milestone_names
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
from phases.projects.models import GateCriterion, GateSignoff, Milestone, Phase, Project

LABELS = {
    PhaseStatus: {
        PhaseStatus.NOT_STARTED: _l("Not started"),
        PhaseStatus.ACTIVE: _l("Active"),
        PhaseStatus.RUN_OPTIMISE: _l("Run and optimise"),
        PhaseStatus.CLOSED: _l("Closed"),
    },
    Rag: {
        Rag.GREEN: _l("On track"),
        Rag.AMBER: _l("At risk"),
        Rag.RED: _l("Off track"),
    },
    Methodology: {
        Methodology.FIVE_STEP: _l("Five-step method"),
        Methodology.SIX_STAGE: _l("Six-stage lifecycle"),
    },
    MilestoneRag: {
        MilestoneRag.DONE: _l("Done"),
        MilestoneRag.OVERDUE: _l("Overdue"),
        MilestoneRag.BEHIND: _l("Behind schedule"),
        MilestoneRag.AT_RISK: _l("At risk"),
        MilestoneRag.ON_TRACK: _l("On track"),
    },
    CriterionState: {
        CriterionState.UNREVIEWED: _l("Not reviewed"),
        CriterionState.PASS: _l("Pass"),
        CriterionState.REWORK: _l("Rework"),
        CriterionState.WAIVED: _l("Waived"),
    },
    GateDecision: {
        GateDecision.GO: _l("Go"),
        GateDecision.NO_GO: _l("No-go"),
    },
    # Where a criterion stands once the sponsor's latest sign-off is counted, and what the gate's sign-off decided.
    CriterionStanding: {
        CriterionStanding.PASSED: _l("Pass"),
        CriterionStanding.WAIVED: _l("Waived"),
        CriterionStanding.WAIVED_AT_SIGNOFF: _l("Waived by the sponsor"),
        CriterionStanding.OPEN: _l("Not reviewed"),
        CriterionStanding.REWORK: _l("Rework"),
    },
    GateState: {
        GateState.AWAITING: _l("Awaiting the sponsor's sign-off"),
        GateState.PASSED: _l("Go signed"),
        GateState.PASSED_WITH_WAIVER: _l("Go signed with a waiver"),
        GateState.REOPENED: _l("Go signed, criteria reopened since"),
        GateState.REJECTED: _l("No-go signed"),
    },
}

AUDIT_TERMS = AuditTerms(
    entities={
        "project": _l("Project"),
        "phase": _l("Phase"),
        "milestone": _l("Milestone"),
        "criterion": _l("Gate criterion"),
        "signoff": _l("Gate sign-off"),
        "status_update": _l("Status update"),
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
        "waived_criterion_ids": _l("Waived criteria"),
        "reason": _l("Reason"),
        "methodology": _l("Methodology"),
        "start_date": _l("Start date"),
        "target_date": _l("Target date"),
        "plan_approved_at": _l("Plan approved"),
        "plan_approved_by_id": _l("Plan approved by"),
        "status": _l("Status"),
        "phase_id": _l("Phase"),
        "owner_id": _l("Owner"),
        "text": _l("Criterion"),
        "reviewer_id": _l("Reviewed by"),
        "reviewed_at": _l("Reviewed on"),
        "waiver": _l("With a waiver"),
        "signed_by_id": _l("Signed by"),
        "signed_at": _l("Signed on"),
        "unit_id": _l("Unit"),
        "created_at": _l("Created on"),
        "rag": _l("Overall status"),
        "summary": _l("Summary"),
        "next_steps": _l("Next steps"),
        "author_id": _l("Author"),
        "waiver_reason": _l("Reason for the waiver"),
    },
    entity_fields={
        ("project", "reason"): _l("Reason for re-baselining"),
    },
    models={
        "project": Project,
        "phase": Phase,
        "milestone": Milestone,
        "criterion": GateCriterion,
        "signoff": GateSignoff,
    },
    namers={"milestone": milestone_names, "criterion": criterion_names},
    enum_fields={
        ("phase", "status"): PhaseStatus,
        ("criterion", "state"): CriterionState,
        ("signoff", "decision"): GateDecision,
        ("status_update", "rag"): Rag,
    },
    user_fields=frozenset({"owner_id", "reviewer_id", "signed_by_id", "plan_approved_by_id", "author_id"}),
)


def register() -> None:
    """Register the feature's enum labels and audit names; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_terms(AUDIT_TERMS)
