"""Translated names of rollout stages, tiers, supervision seats, deviation states and training audiences."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.enums import CellStage, DeviationStatus, SupervisorRole, TrainingAudience, UnitTier

register_labels(
    {
        CellStage.NOT_STARTED: lazy_pgettext("rollout", "Not started"),
        CellStage.PILOT: _l("Pilot"),
        CellStage.TEMPLATE_READY: _l("Template ready"),
        CellStage.ROLLING_OUT: _l("Rolling out"),
        CellStage.LIVE: _l("Live"),
        CellStage.OPTIMISING: _l("Optimising"),
        UnitTier.A: _l("Tier A"),
        UnitTier.B: _l("Tier B"),
        UnitTier.C: _l("Tier C"),
        SupervisorRole.LEAD: _l("Head of supervision"),
        SupervisorRole.BUSINESS_LEAD: _l("Business lead"),
        SupervisorRole.REGIONAL_LEAD: _l("Regional lead"),
        DeviationStatus.PROPOSED: _l("Awaiting decision"),
        DeviationStatus.APPROVED: _l("Approved"),
        DeviationStatus.REJECTED: _l("Rejected"),
        TrainingAudience.MANAGERS: _l("Managers"),
        TrainingAudience.SALES: _l("Sales"),
        TrainingAudience.MARKETING: _l("Marketing"),
        TrainingAudience.SERVICE: _l("Service and support"),
        TrainingAudience.KEY_USERS: _l("Key users and administrators"),
    }
)
