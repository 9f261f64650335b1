"""Small helpers shared by views: safe redirects and showing a rule error on a form."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import flash
from flask_wtf import FlaskForm

from core.errors_domain import RuleError


def is_safe_next(target: str | None) -> bool:
    """Return whether a redirect target stays on this site (a path, not another host)."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def form_rule_error(form: FlaskForm, error: RuleError) -> None:
    """Show a service's rule error next to its field, or as a message when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")
