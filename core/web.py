"""The one route style: the acting user, permission guards, safe redirects and how a rule error reaches the form.

Every view follows the same shape: load the record through the tenancy layer (a foreign id answers 404), check
permission with `guard` or a `requires` decorator (403), then let `saved` run the service call, which either
flashes success or puts the service's `RuleError` beside the form field that caused it.

A message flashed before `back_to(endpoint, anchor)` is tagged with that anchor: the page shows it inside the
element with that id (the form the action came from, via `feedback()` in templates/_macros/forms.html) instead of
at the top, where nobody looks after being sent back down the page. Messages tied to no form stay at the top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import urlsplit

from flask import Flask, abort, flash, g, get_flashed_messages, message_flashed, redirect, session, url_for
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


ANCHOR_MARK = "#"  # a flash category "error#gate-3" is an error shown inside the element with id "gate-3"


@dataclass(frozen=True)
class Message:
    """A flashed message as a page shows it: its kind (success, error, info) and the form it belongs to, if any."""

    category: str
    text: str
    anchor: str = ""

    @property
    def is_error(self) -> bool:
        """Return whether the message says an action was refused."""
        return self.category == "error"


def _count_flash(_app: Flask, **_message: Any) -> None:
    """Count the messages flashed while handling this request (`back_to` ties them to the form they came from)."""
    g.flashed_here = g.get("flashed_here", 0) + 1


def _tag_fresh_messages(anchor: str) -> None:
    """Tie the messages flashed during this request to the page element `anchor` (older ones stay as they were)."""
    fresh = g.get("flashed_here", 0)
    if not fresh:
        return
    flashes = session.get("_flashes", [])
    kept, tagged = flashes[:-fresh], flashes[-fresh:]
    session["_flashes"] = kept + [(f"{category}{ANCHOR_MARK}{anchor}", text) for category, text in tagged]
    g.flashed_here = 0


def back_to(endpoint: str, anchor: str = "", **values: Any) -> ResponseReturnValue:
    """Redirect after a POST to a page, optionally to one of its sections, where this request's messages then show."""
    if anchor:
        _tag_fresh_messages(anchor)
    return redirect(url_for(endpoint, **values) + (f"#{anchor}" if anchor else ""))


def back_to_list(posted_from: str | None, endpoint: str, anchor: str = "", **values: Any) -> ResponseReturnValue:
    """Redirect after a POST to the list it was sent from, sorted and filtered as it was, else to a page."""
    if is_safe_next(posted_from):
        return redirect(f"{posted_from}#{anchor}" if anchor else str(posted_from))
    return back_to(endpoint, anchor, **values)


def page_messages() -> list[Message]:
    """Return the messages to show on this page, each with the anchor of its form ('' for the top of the page)."""
    messages = []
    for category, text in get_flashed_messages(with_categories=True):
        kind, _mark, anchor = category.partition(ANCHOR_MARK)
        messages.append(Message(kind, text, anchor))
    return messages


def messages_at(anchor: str) -> list[Message]:
    """Return the messages tied to the page element `anchor`, and note that the page shows them there."""
    g.shown_anchors = {*g.get("shown_anchors", ()), anchor}
    return [message for message in page_messages() if message.anchor == anchor]


def form_alerts(form: FlaskForm) -> list[str]:
    """Return a re-shown form's errors that belong to no field, and note that the page shows them in the form."""
    g.shown_forms = {*g.get("shown_forms", ()), id(form)}
    return list(form.form_errors)


def top_messages() -> list[Message]:
    """Return the messages for the top of the page: those tied to no form, or to a form this page did not show."""
    shown_anchors, shown_forms = g.get("shown_anchors", set()), g.get("shown_forms", set())
    unplaced = [
        Message("error", text)
        for form in g.get("refused_forms", ())
        if id(form) not in shown_forms
        for text in form.form_errors
    ]
    return [message for message in page_messages() if message.anchor not in shown_anchors] + unplaced


def init_feedback(app: Flask) -> None:
    """Count flashed messages per request and give templates the messages of a form and of the page's top."""
    message_flashed.connect(_count_flash, app)
    app.jinja_env.globals.update(messages_at=messages_at, form_alerts=form_alerts, top_messages=top_messages)


def form_rule_error(form: FlaskForm, error: RuleError) -> None:
    """Show a service's rule error next to its field, or at the top of the form when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:  # shown at the top of the form (`form_alert`), or of the page if the page does not show this form
        form.form_errors.append(error.message)
        g.refused_forms = [*g.get("refused_forms", ()), form]


def form_errors(form: FlaskForm) -> str:
    """Return a form's errors as one message, each after its field's label (for forms shown inline on a page)."""
    return "; ".join(
        f"{form[name].label.text}: {error}" if name else str(error)
        for name, errors in form.errors.items()
        for error in errors
    )


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
