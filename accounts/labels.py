"""Translated names of roles."""

from flask_babel import lazy_gettext as _l

from accounts.models import Role
from core.labels import register_labels

LABELS = {
    Role: {
        Role.ADMIN: _l("Administrator"),
        Role.CONSULTANT: _l("Consultant"),
        Role.SPONSOR: _l("Sponsor"),
        Role.MEMBER: _l("Team member"),
    },
}


def register() -> None:
    """Register the feature's enum labels; app.py calls it, and a second call changes nothing."""
    register_labels(LABELS)
