"""Translated names of recovery states: check items, scope decisions, finding categories, health levels."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.audit import AuditTerms, register_terms
from phases.recovery.checklist import FindingCategory, ItemStatus, ScopeDecision
from phases.recovery.health import HealthLevel
from phases.recovery.models import ExpectationReset, Finding, Recovery, RecoveryItem, ScopeItem
from phases.recovery.view import item_names

LABELS = {
    ItemStatus: {
        ItemStatus.OPEN: lazy_pgettext("recovery item", "Open"),
        ItemStatus.IN_PROGRESS: lazy_pgettext("recovery item", "In progress"),
        ItemStatus.DONE: lazy_pgettext("recovery item", "Done"),
        ItemStatus.NOT_APPLICABLE: _l("Not applicable"),
    },
    ScopeDecision: {
        ScopeDecision.KEPT: _l("Kept"),
        ScopeDecision.DEFERRED: _l("Deferred"),
        ScopeDecision.DROPPED: _l("Dropped"),
    },
    FindingCategory: {
        FindingCategory.VENDOR: _l("Vendor"),
        FindingCategory.TECHNOLOGY: _l("Technology"),
        FindingCategory.PROCESS: _l("Business process"),
        FindingCategory.DATA: _l("Data"),
        FindingCategory.SCOPE: _l("Scope"),
        FindingCategory.EXPECTATIONS: _l("Expectations"),
        FindingCategory.TRAINING: _l("Training"),
        FindingCategory.STAKEHOLDERS: _l("Stakeholders"),
    },
    HealthLevel: {
        HealthLevel.HEALTHY: _l("Healthy"),
        HealthLevel.WATCH: _l("Warning signs"),
        HealthLevel.TROUBLED: _l("In trouble"),
    },
}

AUDIT_TERMS = AuditTerms(
    entities={
        "recovery": _l("Recovery"),
        "recovery_item": _l("Recovery check item"),
        "expectation": _l("Re-based expectation"),
        "scope_item": _l("Scope decision"),
        "finding": _l("Finding"),
    },
    actions={
        "accepted": _l("accepted"),
        "acceptance_reset": _l("acceptance withdrawn after a change"),
    },
    fields={
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
        "started_at": _l("Started on"),
        "started_by_id": _l("Started by"),
        "expectations_accepted_by_id": _l("Expectations accepted by"),
        "status": _l("Status"),
        "owner_id": _l("Owner"),
        "due_date": _l("Due date"),
        "decision": _l("Decision"),
        "reason": _l("Reason"),
    },
    entity_fields={
        ("scope_item", "reason"): _l("Reason for the decision"),
    },
    models={
        "recovery": Recovery,
        "recovery_item": RecoveryItem,
        "expectation": ExpectationReset,
        "scope_item": ScopeItem,
        "finding": Finding,
    },
    namers={"recovery_item": item_names},
    enum_fields={
        ("recovery_item", "status"): ItemStatus,
        ("scope_item", "decision"): ScopeDecision,
        ("finding", "category"): FindingCategory,
    },
    user_fields=frozenset({"owner_id", "started_by_id", "expectations_accepted_by_id"}),
)


def register() -> None:
    """Register the feature's enum labels and audit names; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_terms(AUDIT_TERMS)
