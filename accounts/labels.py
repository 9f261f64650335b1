"""Translated names of roles."""
from flask_babel import lazy_gettext as _l

from accounts.models import Role
from core.labels import register_labels


def register() -> None:
    """Register its enum labels (app.py calls it once per app; registering again changes nothing)."""
    register_labels(
        {
            Role.ADMIN: _l("Administrator"),
            Role.CONSULTANT: _l("Consultant"),
            Role.SPONSOR: _l("Sponsor"),
            Role.MEMBER: _l("Team member"),
        }
    )
