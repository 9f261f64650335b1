"""Translated names of recovery states: check items, scope decisions, finding categories, health levels."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from core.labels import register_labels
from phases.health import HealthLevel
from phases.recovery import FindingCategory, ItemStatus, ScopeDecision

register_labels(
    {
        ItemStatus.OPEN: lazy_pgettext("recovery item", "Open"),
        ItemStatus.IN_PROGRESS: lazy_pgettext("recovery item", "In progress"),
        ItemStatus.DONE: lazy_pgettext("recovery item", "Done"),
        ItemStatus.NOT_APPLICABLE: _l("Not applicable"),
        ScopeDecision.KEPT: _l("Kept"),
        ScopeDecision.DEFERRED: _l("Deferred"),
        ScopeDecision.DROPPED: _l("Dropped"),
        FindingCategory.VENDOR: _l("Vendor"),
        FindingCategory.TECHNOLOGY: _l("Technology"),
        FindingCategory.PROCESS: _l("Business process"),
        FindingCategory.DATA: _l("Data"),
        FindingCategory.SCOPE: _l("Scope"),
        FindingCategory.EXPECTATIONS: _l("Expectations"),
        FindingCategory.TRAINING: _l("Training"),
        FindingCategory.STAKEHOLDERS: _l("Stakeholders"),
        HealthLevel.HEALTHY: _l("Healthy"),
        HealthLevel.WATCH: _l("Warning signs"),
        HealthLevel.TROUBLED: _l("In trouble"),
    }
)
