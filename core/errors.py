"""Translated error pages for 400, 403, 404, 405, 429, 500 and CSRF failures."""

from __future__ import annotations

from flask import Flask, current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from core.extensions import db

ERROR_TEXTS = {
    400: (_l("Bad request"), _l("The request could not be understood. Please go back and try again.")),
    403: (_l("Not allowed"), _l("Your role does not allow this action.")),
    404: (_l("Not found"), _l("This page does not exist, or you do not have access to it.")),
    405: (_l("Not allowed"), _l("This action is not available here.")),
    413: (_l("Too large"), _l("The upload is too large.")),
    429: (_l("Too many attempts"), _l("Too many attempts in a short time. Please wait a minute and try again.")),
    500: (
        _l("Something went wrong"),
        _l("An unexpected error occurred. Nothing was saved half-way; please try again."),
    ),
}


def render_error(code: int, message: str | None = None) -> tuple[str, int]:
    """Render the error page for an HTTP status code in the current language."""
    title, default_message = ERROR_TEXTS.get(code, ERROR_TEXTS[500])
    return render_template("errors/error.html", code=code, title=title, message=message or default_message), code


def _handle_http(error: HTTPException) -> tuple[str, int]:
    return render_error(error.code or 500)


def _handle_csrf(_error: CSRFError) -> tuple[str, int]:
    return render_error(400, str(_l("Your form expired or was sent twice. Please reload the page and send it again.")))


def _handle_unexpected(error: Exception) -> tuple[str, int]:
    db.session.rollback()
    if isinstance(error, HTTPException):
        return _handle_http(error)
    # Log the traceback for operators; users only see the translated page.
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    return render_error(InternalServerError.code)


def init_errors(app: Flask) -> None:
    """Register the error handlers on the app."""
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(Exception, _handle_unexpected)
