"""Validators with messages from our own catalogs, so every form error is in the user's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import DataRequired, Email, Length, Optional

MIN_PASSWORD_LENGTH = 8


def required() -> DataRequired:
    """Return a 'this field is required' validator."""
    return DataRequired(message=_l("This field is required."))


def email_address() -> Email:
    """Return an e-mail syntax validator (no DNS look-up)."""
    return Email(message=_l("Enter a valid e-mail address."), check_deliverability=False)


def max_length(limit: int) -> Length:
    """Return a maximum length validator."""
    return Length(max=limit, message=_l("At most %(max)d characters.", max=limit))


def optional() -> Optional:
    """Return the optional-field validator."""
    return Optional()
