"""Translated names of phase states and RAG colours."""
from flask_babel import lazy_gettext as _l

from core.labels import register_labels
from phases.enums import CriterionState, GateDecision, MilestoneRag, PhaseStatus, Rag
from phases.methodology import Methodology

register_labels(
    {
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
)

register_labels(
    {
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
)
