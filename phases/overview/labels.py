"""Translated names of the computed project status."""

from flask_babel import lazy_gettext as _l

from core.labels import register_labels
from phases.overview.status import ProjectStatus

LABELS = {
    ProjectStatus: {
        ProjectStatus.NOT_STARTED: _l("Not started"),
        ProjectStatus.ON_TRACK: _l("On track"),
        ProjectStatus.AT_RISK: _l("At risk"),
        ProjectStatus.IN_TROUBLE: _l("In trouble"),
    },
}


def register() -> None:
    """Register the computed status's labels; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
