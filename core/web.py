"""The one route style: the acting user, permission guards, safe redirects and how a rule error reaches the form.

Every view follows the same shape: load the record through the tenancy layer (a foreign id answers 404), check
permission with `guard` or a `requires` decorator (403), then let `saved` run the service call, which either
flashes success or puts the service's `RuleError` beside the form field that caused it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from flask_wtf import FlaskForm

from core.errors_domain import RuleError

ViewT = TypeVar("ViewT", bound=Callable[..., Any])
ResultT = TypeVar("ResultT")


def acting_user() -> Any:
    """Return the signed-in user's record itself (not the request proxy), for services that record who acted."""
    return current_user._get_current_object()  # the documented way to unwrap the proxy


def guard(allowed: bool) -> None:
    """Answer 403 unless the user is allowed; call it after loading the record, so foreign ids still answer 404."""
    if not allowed:
        abort(403)


def requires(check: Callable[[Any], bool]) -> Callable[[ViewT], ViewT]:
    """Return a view decorator that answers 403 unless a signed-in user passes `check(user)`."""

    def decorator(view: ViewT) -> ViewT:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            guard(current_user.is_authenticated and check(current_user))
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def is_safe_next(target: str | None) -> bool:
    """Return whether a redirect target stays on this site (a path, not another host)."""
    if not target:
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//")


def back_to(endpoint: str, anchor: str = "", **values: Any) -> ResponseReturnValue:
    """Redirect after a POST to a page, optionally to one of its sections."""
    return redirect(url_for(endpoint, **values) + (f"#{anchor}" if anchor else ""))


def back_to_list(posted_from: str | None, endpoint: str, anchor: str = "", **values: Any) -> ResponseReturnValue:
    """Redirect after a POST to the list it was sent from, sorted and filtered as it was, else to a page."""
    if is_safe_next(posted_from):
        return redirect(f"{posted_from}#{anchor}" if anchor else str(posted_from))
    return back_to(endpoint, anchor, **values)


def form_rule_error(form: FlaskForm, error: RuleError) -> None:
    """Show a service's rule error next to its field, or as a message when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        flash(error.message, "error")


def form_errors(form: FlaskForm) -> str:
    """Return a form's field errors as one message (for forms shown inline on a page)."""
    return "; ".join(str(error) for errors in form.errors.values() for error in errors)


def _attempt(form: FlaskForm | None, call: Callable[[], ResultT]) -> tuple[bool, ResultT | None]:
    """Validate a submitted form and run its service call; return (whether it ran, what it returned)."""
    if form is not None and not form.validate_on_submit():
        return False, None
    try:
        result = call()
    except RuleError as error:
        if form is None:
            flash(error.message, "error")
        else:
            form_rule_error(form, error)
        return False, None
    return True, result


def deleted(delete: Callable[[], Any], message: str, undo_url: str) -> bool:
    """Run a deletion and offer to undo it in the success message; a rule that keeps the record is flashed instead.

    The message carries an "Undo" button that posts (with the CSRF token) to `undo_url`; base.html draws it.
    """
    ran, _result = _attempt(None, delete)
    if ran:
        flash({"text": message, "undo": undo_url}, "undo")
    return ran


def saved(form: FlaskForm | None, save: Callable[[], Any], done: str | Callable[[Any], str]) -> bool:
    """Validate a submitted form and run its service call; a rule error goes on the form and nothing is saved.

    Without a form (a plain button whose CSRF token the site checks), a rule error is flashed instead. `done` is the
    success message, or a function making it from what the call returned (how many rows it planned, say).
    """
    ran, result = _attempt(form, save)
    if ran:
        flash(done(result) if callable(done) else done, "success")
    return ran


def created(form: FlaskForm | None, create: Callable[[], ResultT]) -> ResultT | None:
    """Validate a submitted form and run a service call that makes something; return it, or None when refused.

    A refusal is handled as in `saved`; the view says what was made (or shows it), since only it knows the words.
    """
    _ran, result = _attempt(form, create)
    return result
