"""Translated names of rollout stages, tiers, supervision seats, deviation states and training audiences."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.audit import AuditTerms, register_terms
from phases.rollout.enums import CellStage, DeviationStatus, SupervisorRole, TrainingAudience, UnitTier
from phases.rollout.models import (
    Deviation,
    RolloutCell,
    RolloutFunction,
    RolloutProgramme,
    RolloutUnit,
    RolloutWave,
    Supervisor,
    TierPolicy,
    TrainingSession,
)
from phases.rollout.records import cell_names, function_names, tier_policy_names, training_names

LABELS = {
    CellStage: {
        CellStage.NOT_STARTED: lazy_pgettext("rollout", "Not started"),
        CellStage.PILOT: _l("Pilot"),
        CellStage.TEMPLATE_READY: _l("Template ready"),
        CellStage.ROLLING_OUT: _l("Rolling out"),
        CellStage.LIVE: _l("Live"),
        CellStage.OPTIMISING: _l("Optimising"),
    },
    UnitTier: {
        UnitTier.A: _l("Tier A"),
        UnitTier.B: _l("Tier B"),
        UnitTier.C: _l("Tier C"),
    },
    SupervisorRole: {
        SupervisorRole.LEAD: _l("Head of supervision"),
        SupervisorRole.BUSINESS_LEAD: _l("Business lead"),
        SupervisorRole.REGIONAL_LEAD: _l("Regional lead"),
    },
    DeviationStatus: {
        DeviationStatus.PROPOSED: _l("Awaiting decision"),
        DeviationStatus.APPROVED: _l("Approved"),
        DeviationStatus.REJECTED: _l("Rejected"),
    },
    TrainingAudience: {
        TrainingAudience.MANAGERS: _l("Managers"),
        TrainingAudience.SALES: _l("Sales"),
        TrainingAudience.MARKETING: _l("Marketing"),
        TrainingAudience.SERVICE: _l("Service and support"),
        TrainingAudience.KEY_USERS: _l("Key users and administrators"),
    },
}

AUDIT_TERMS = AuditTerms(
    entities={
        "rollout": _l("Rollout"),
        "rollout_function": _l("Rollout function"),
        "rollout_unit": _l("Rollout unit"),
        "rollout_cell": _l("Rollout cell"),
        "deviation": _l("Deviation from the template"),
        "wave": _l("Rollout wave"),
        "tier_policy": _l("Tier policy"),
        "supervisor": _l("Supervision team"),
        "training": _l("Training plan"),
    },
    actions={
        "scored": _l("scored"),
        "stage": _l("stage changed"),
        "pilot_chosen": _l("chosen as pilot"),
        "pilot_dropped": _l("no longer a pilot"),
        "pilots_confirmed": _l("pilots confirmed"),
        "decided": _l("decided"),
        "evaluated": _l("evaluated"),
    },
    fields={
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
        "name": lazy_pgettext("field", "Name"),
        "planned_start": _l("Planned start"),
        "actual_start": _l("Actual start"),
        "planned_end": _l("Planned end"),
        "pilots_confirmed_at": _l("Pilots confirmed"),
        "pilots_confirmed_by_id": _l("Pilots confirmed by"),
        "description": _l("Description"),
        "reason": _l("Reason"),
        "status": _l("Status"),
        "requested_by_id": _l("Requested by"),
        "requested_at": _l("Requested on"),
        "decided_by_id": _l("Decided by"),
        "decided_at": _l("Decided on"),
        "audience": _l("Audience"),
        "headcount": _l("Headcount"),
    },
    entity_fields={
        ("deviation", "reason"): _l("Business reason"),
        ("rollout_function", "name"): _l("Function"),
    },
    models={
        "rollout": RolloutProgramme,
        "rollout_function": RolloutFunction,
        "rollout_unit": RolloutUnit,
        "rollout_cell": RolloutCell,
        "deviation": Deviation,
        "wave": RolloutWave,
        "tier_policy": TierPolicy,
        "supervisor": Supervisor,
        "training": TrainingSession,
    },
    namers={
        "rollout_function": function_names,
        "rollout_cell": cell_names,
        "training": training_names,
        "tier_policy": tier_policy_names,
    },
    enum_fields={
        ("rollout_cell", "stage"): CellStage,
        ("rollout_unit", "tier"): UnitTier,
        ("deviation", "status"): DeviationStatus,
        ("supervisor", "role"): SupervisorRole,
        ("training", "audience"): TrainingAudience,
    },
    user_fields=frozenset(
        {"trainer_id", "pilots_confirmed_by_id", "requested_by_id", "decided_by_id", "evaluated_by_id"}
    ),
)


def register() -> None:
    """Register the feature's enum labels and audit names; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
    register_terms(AUDIT_TERMS)
